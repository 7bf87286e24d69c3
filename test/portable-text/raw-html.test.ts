/**
 * `parseRawHtml` replays only the top-level runs holding raw HTML through parse5; the result
 * must be the tree `hast-util-raw` makes by replaying everything. Compared as HTML (the whole
 * replay round-trips markdown-made elements through parse5, which changes how their properties
 * are written but not what they say) and by each element's position.
 */
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import fc from 'fast-check'
import {describe, expect, test} from 'vitest'
import {generateReport} from '../../bench/corpus/generate.ts'
import {parseRawHtml, rawSegments} from '../../importer/portable-text/raw-html.ts'
import {expectSameAsWholeReplay as compare, hastOf} from './raw-html-helpers.ts'

const require = createRequire(import.meta.url)
const examples = (require('commonmark-spec') as {tests: Array<{markdown: string; number: number}>}).tests
const repoRoot = path.resolve(import.meta.dirname, '../..')

/** Pieces of reports: markdown blocks, and HTML the segmented parse replays on its own. */
const SAFE_PIECES = [
  'A paragraph with *emphasis*, **strong**, `code` and [a link](https://x.org).', '- a\n- list\n  1. nested',
  '<br />', '<br>', '<div align="center"><a href="https://x.org"><img src="/a.png" alt="A" /></a></div>',
  '<div>\n\n*markdown* inside\n\n</div>', '<p>para</p>', 'Inline <span class="x">span</span> and <em>em</em> and <kbd>k</kbd>.',
  '<!-- a comment -->', '- item <br> one\n- item <span>two</span>\n  - nested <i>three</i>',
  '> quote <br/>\n> <div>in quote</div>', '<a href="x"><a href="y">nested</a></a>', '<li>loose item</li>', '<h2>heading html</h2>',
  '<hr/>', '<custom-el data-x="1">custom</custom-el>', '<details><summary>s</summary>\n\nbody\n\n</details>',
  'text & entity &amp; &copy; <3 a < b', '<img src="a.png" onerror="x()">', '<a href="https://x.org"\ntitle="t">multi-line tag</a>',
  '<P>Upper</P>', '<div title="a>b">quoted gt</div>', '```\n<br>\n```', '    <div>indented code</div>',
  '[^1]: a footnote <br>\n\nUses it[^1].', '~~strike <s>s</s>~~', '<p><div>block in p</div></p>', '<em><p>p in em</p></em>',
  '<div></div> trailing text', '<ul><li>a<li>b</li></li></ul>',
]

/** HTML it leaves to the whole replay: unbalanced, tables, raw text, foreign content, odd markup. */
const UNSAFE_PIECES = [
  '<div>\nunclosed', '</div>', '<p>open', 'Open <b>bold and never closed', 'Closing </b> alone and </p> alone.',
  '<!-- open comment', '<!-- x --!> <div> -->', '<!-- a --!> b -->', '<table><tr><td>cell</td></tr></table>', '<tr><td>x</td></tr>', '<td>cell</td>',
  '| a | b |\n|---|---|\n| <br> | c |', '<script>alert(1)</script>', '<style>p{}</style>', '<textarea>\n*x*\n</textarea>',
  '<pre>\n\ncode\n</pre>', '<svg><circle r="1"/></svg>', '<math><mi>x</mi></math>', '<select><option>o</select>', '<div/>',
  '<!DOCTYPE html>', '<?php echo 1 ?>', '<![CDATA[x]]>', '<b><i>mis</b></i>', '<frameset>', '<body onload="x()">', '<html>',
  '</br>', '<span>open inline\n\nclosed later</span>',
]

describe('parseRawHtml gives hast-util-raw\'s tree', () => {
  test('on every CommonMark spec example', () => {
    for (const {markdown} of examples) compare(markdown)
  })

  test('on the sample report and generated reports', () => {
    compare(readFileSync(path.join(repoRoot, '../shared/content/annual-report-2022.md'), 'utf8'))
    for (let index = 0; index < 3; index++) compare(generateReport(index))
  })

  test('on every piece between two paragraphs, and after each other piece', () => {
    for (const piece of [...SAFE_PIECES, ...UNSAFE_PIECES]) {
      compare(`Before.\n\n${piece}\n\nAfter.`)
      for (const next of [...SAFE_PIECES, ...UNSAFE_PIECES]) compare(`${piece}\n\n${next}\n\nAfter.`)
    }
  })

  test('on random documents of report pieces', () => {
    let segmented = 0
    const piece = fc.oneof({arbitrary: fc.constantFrom(...SAFE_PIECES), weight: 12}, {arbitrary: fc.constantFrom(...UNSAFE_PIECES), weight: 1})
    fc.assert(
      fc.property(fc.array(piece, {minLength: 1, maxLength: 12}), fc.constantFrom('\n\n', '\n'), (pieces, glue) => {
        const markdown = pieces.join(glue)
        compare(markdown)
        if (rawSegments(hastOf(markdown).children)) segmented++
      }),
      {numRuns: 800, seed: 20261201},
    )
    // Most documents took the segmented path (the rest were replayed whole).
    expect(segmented).toBeGreaterThan(400)
  })

  test('leaves markdown without raw HTML untouched and parses only the runs that hold it', () => {
    const tree = hastOf('Intro *text*.\n\n<br />\n\nMiddle.\n\n<div><b>x</b></div>\n\nEnd.')
    const paragraphs = tree.children.filter((node) => node.type === 'element')
    const result = parseRawHtml(tree)
    // The markdown paragraphs are the very same objects: parse5 never saw them.
    for (const paragraph of paragraphs) expect(result.children).toContain(paragraph)
    expect(result.children.some((node) => node.type === 'raw')).toBe(false)
    expect(result.children.filter((node) => node.type === 'element').map((node) => node.type === 'element' && node.tagName))
      .toEqual(['p', 'br', 'p', 'div', 'p'])
  })

  test('a section of 150,000 top-level nodes with raw HTML among them', () => {
    // Long runs of markdown between the raw HTML: they are kept as they are, never passed as arguments.
    const markdown = `<br />\n\n${Array.from({length: 75_000}, (_, index) => `Paragraph ${index}.`).join('\n\n')}\n\n<br />`
    const tree = hastOf(markdown)
    expect(tree.children.length).toBeGreaterThan(150_000)
    const result = parseRawHtml(tree)
    expect(result.children.filter((node) => node.type === 'element' && node.tagName === 'br')).toHaveLength(2)
    expect(result.children.filter((node) => node.type === 'element' && node.tagName === 'p')).toHaveLength(75_000)
  })
})
