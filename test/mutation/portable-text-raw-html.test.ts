/**
 * Segmented raw-HTML parsing (importer/portable-text/raw-html.ts), in seconds rather than the
 * minute of `test/portable-text/raw-html.test.ts`: which top-level runs are replayed on their own
 * (`rawSegments`, worked out from the module's rules by hand), which documents fall back to the
 * whole replay, and that either way the tree is `hast-util-raw`'s. Written against the mutants
 * `npm run mutation -- importer/portable-text/raw-html.ts` found alive.
 */
import type {RootContent} from 'hast'
import type {RootContent as MdastContent} from 'mdast'
import {describe, expect, it} from 'vitest'
import {Diagnostics} from '../../importer/diagnostics.ts'
import {parseMarkdown} from '../../importer/parse/markdown.ts'
import {mdastToHast} from '../../importer/portable-text/mdast-to-hast.ts'
import {parseRawHtml, rawSegments} from '../../importer/portable-text/raw-html.ts'
import {expectSameAsWholeReplay as sameAsWholeReplay, hastOf} from '../portable-text/raw-html-helpers.ts'

const segmentsOf = (markdown: string) => rawSegments(hastOf(markdown).children)

const tags = (nodes: readonly RootContent[]) => nodes.filter((node) => node.type === 'element').map((node) => (node.type === 'element' ? node.tagName : ''))

describe('rawSegments', () => {
  it('finds nothing to replay in markdown without raw HTML', () => {
    expect(segmentsOf('A *paragraph*.\n\n- a list\n\n```\n<br>\n```\n\n    <div>indented</div>\n\nText & <3 a < b')).toEqual([])
  })

  it('replays each run of raw HTML with the whitespace after it, and nothing of the markdown around', () => {
    // p, '\n', raw, '\n', p, '\n', raw, '\n', p
    expect(segmentsOf('A\n\n<br>\n\nB\n\n<hr/>\n\nC')).toEqual([[2, 4], [6, 8]])
    // A paragraph holding inline raw HTML is one node: p, '\n', p(raw), '\n', p
    expect(segmentsOf('A\n\nInline <span class="x">s</span> and <em>em</em>.\n\nB')).toEqual([[2, 4]])
    // Adjacent raw blocks and the whitespace between them are one run.
    expect(segmentsOf('<br>\n<!-- c -->\n\n<wbr>\n\nEnd')).toEqual([[0, 4]])
  })

  it('goes on over markdown while raw HTML left an element open, and ends where it closes', () => {
    // raw <div>, '\n', p, '\n', raw </div>, '\n', p
    expect(segmentsOf('<div>\n\n*markdown* inside\n\n</div>\n\nAfter.')).toEqual([[0, 6]])
    // Never closed: the run is the rest of the document.
    expect(segmentsOf('A\n\n<div>\nunclosed\n\nB\n\nC')).toEqual([[2, 7]])
    // `<div/>` is a start tag in HTML: it stays open too.
    expect(segmentsOf('<div/>\n\nB')).toEqual([[0, 3]])
  })

  it('accepts body elements, void elements, custom elements, upper case, comments and quoted ">"', () => {
    for (const piece of ['<P>Upper</P>', '<custom-el data-x="1">c</custom-el>', '<div title="a>b">quoted gt</div>', "<div title='a>b'>single</div>",
      '<img src="a.png" alt="A"><br><hr><input type="checkbox"><wbr>', '<!-- a comment -->', '<details><summary>s</summary>x</details>',
      '<a href="https://x.org"\ntitle="t">multi-line tag</a>', '<span>a</span> <b>b</b>', '<div>\n<video><source src="a.mp4"><track src="t.vtt"></video>\n</div>']) {
      expect([piece, segmentsOf(`A\n\n${piece}\n\nB`)]).toEqual([piece, [[2, 4]]])
    }
  })

  it('replays every ordinary body element on its own', () => {
    // The HTML elements parse5 handles "in body" with no mode switch (void ones have no end tag).
    const elements = ['a', 'abbr', 'address', 'article', 'aside', 'audio', 'b', 'bdi', 'bdo', 'blockquote', 'center', 'cite', 'code', 'data', 'dd', 'del',
      'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'i', 'ins', 'kbd',
      'li', 'main', 'mark', 'nav', 'ol', 'p', 'picture', 'q', 's', 'samp', 'section', 'small', 'span', 'strong', 'sub', 'summary', 'sup', 'time', 'u',
      'ul', 'var', 'video']
    for (const tag of elements) expect([tag, segmentsOf(`A\n\n<div><${tag}>x</${tag}></div>\n\nB`)]).toEqual([tag, [[2, 4]]])
    for (const tag of ['br', 'hr', 'img', 'input', 'source', 'track', 'wbr']) expect([tag, segmentsOf(`A\n\n<div>x<${tag}>y</div>\n\nB`)]).toEqual([tag, [[2, 4]]])
  })

  it('reads attributes as HTML writes them: spaces around "=", unquoted values, no value at all', () => {
    for (const piece of ['<div  class="a">two spaces</div>', '<div class = "a">spaced</div>', '<div class=ab>unquoted</div>', '<details open>boolean</details>',
      '<div>a --!> b</div>']) {
      expect([piece, segmentsOf(`A\n\n${piece}\n\nB`)]).toEqual([piece, [[2, 4]]])
    }
  })

  it('plays markdown-made void elements (images, hard breaks) inside a run without opening them', () => {
    expect(segmentsOf('A\n\n![i](a.png) and <b>bold</b>\n\nB')).toEqual([[2, 4]])
    expect(segmentsOf('A\n\nline  \nbreak <b>bold</b>\n\nB')).toEqual([[2, 4]])
  })

  it('ends a run at top-level text that is not whitespace, and goes on over whitespace text', () => {
    // Top-level text only comes from a node the converter does not know (kept as its text).
    const node = (type: string, value: string) => ({type, value}) as unknown as MdastContent
    const html = parseMarkdown('<br>').children[0]!
    const treeOf = (...nodes: MdastContent[]) => mdastToHast(nodes, {diagnostics: new Diagnostics('t.md'), parseRaw: false}).children
    // raw, '\n', text 'words'
    expect(rawSegments(treeOf(html, node('widget', 'words')))).toEqual([[0, 2]])
    // raw, '\n', text ' \n ', '\n', p
    expect(rawSegments(treeOf(html, node('widget', ' \n '), parseMarkdown('After').children[0]!))).toEqual([[0, 4]])
  })

  it('leaves to the whole replay what it cannot replay on its own', () => {
    for (const piece of [
      '<table><tr><td>cell</td></tr></table>', // a table mode
      '<script>alert(1)</script>', '<textarea>x</textarea>', '<svg><circle r="1"/></svg>', '<custom>no dash</custom>', // not a body element
      '<b><i>mis</b></i>', '</div>', '<div>a</span></div>', // tags that do not nest
      '<!-- x --!> <div> -->', // `--!>` ends a comment too
      '<div>a < b</div>', '<!DOCTYPE html>', '<?php echo 1 ?>', '<![CDATA[x]]>', // no tag, comment or text
      '<!--> x -->', '<!---> x -->', // a comment HTML ends at once
      '<span>open inline\n\nclosed later</span>', // the paragraph ends with the span open
      '| a | b |\n|---|---|\n| <br> | c |', // raw HTML inside a markdown table
    ]) {
      expect([piece, segmentsOf(`A\n\n${piece}\n\nB`)]).toEqual([piece, undefined])
    }
  })
})

describe('parseRawHtml', () => {
  it('keeps the markdown around the runs as the very same nodes, in order, with the raw HTML parsed', () => {
    const tree = hastOf('Intro *text*.\n\n<br />\n\nMiddle.\n\n<div><b>x</b></div>\n\nEnd.')
    const paragraphs = tree.children.filter((node) => node.type === 'element')
    const result = parseRawHtml(tree)
    for (const paragraph of paragraphs) expect(result.children).toContain(paragraph)
    expect(result.children.some((node) => node.type === 'raw')).toBe(false)
    expect(tags(result.children)).toEqual(['p', 'br', 'p', 'div', 'p'])
  })

  it('gives the whole replay\'s tree, segmented or not', () => {
    for (const markdown of [
      'A\n\n<br>\n\nB\n\n<hr/>\n\nC', '<div>\n\n*markdown* inside\n\n</div>\n\nAfter.', 'A\n\n<div>\nunclosed\n\nB', '<div/>\n\nB',
      'A\n\nInline <span class="x">s</span> and <em>em</em>.\n\nB', '<p><div>block in p</div></p>', '<em><p>p in em</p></em>',
      '<a href="x"><a href="y">nested</a></a>', '- item <br> one\n- item <span>two</span>\n  - nested <i>three</i>', '> quote <br/>\n> <div>in quote</div>',
      '<table><tr><td>cell</td></tr></table>\n\nAfter <br> it', '<b><i>mis</b></i>\n\nx', '<ul><li>a<li>b</li></li></ul>', '<div>a < b</div>',
      '[^1]: a footnote <br>\n\nUses it[^1].', '<details><summary>s</summary>\n\nbody\n\n</details>',
    ]) {
      sameAsWholeReplay(markdown)
    }
  })
})
