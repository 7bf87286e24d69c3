/**
 * mdast → hast (importer/portable-text/mdast-to-hast.ts): the custom handlers keep what HTML would
 * lose — URLs exactly as written, titles only when given, references resolved against the
 * document's and the caller's definitions (else kept as text with a located warning), code with
 * its language and meta, the thematic-break marker, footnotes, hooks — and raw HTML is parsed.
 * Written against the mutants `npm run mutation -- importer/portable-text/mdast-to-hast.ts` found
 * alive.
 */
import type {Element, ElementContent, Root as HastRoot, RootContent as HastContent} from 'hast'
import type {Definition, RootContent} from 'mdast'
import {describe, expect, it} from 'vitest'
import {Diagnostics} from '../../importer/diagnostics.ts'
import {parseMarkdown} from '../../importer/parse/markdown.ts'
import {CUSTOM} from '../../importer/portable-text/hast-helpers.ts'
import {mdastToHast, type MdastToHastOptions} from '../../importer/portable-text/mdast-to-hast.ts'

function hast(markdown: string, options: Partial<MdastToHastOptions> & {withSource?: boolean} = {}) {
  const diagnostics = new Diagnostics('m.md')
  const {withSource = true, ...rest} = options
  const tree = mdastToHast(parseMarkdown(markdown).children, {diagnostics, ...(withSource ? {source: markdown} : {}), ...rest})
  return {tree, warnings: diagnostics.list}
}

/** Every element of a tree in document order. */
function elements(tree: HastRoot | Element): Element[] {
  const out: Element[] = []
  const walk = (node: HastContent | ElementContent) => {
    if (node.type !== 'element') return
    out.push(node)
    node.children.forEach(walk)
  }
  tree.children.forEach(walk)
  return out
}
const first = (tree: HastRoot, tag: string) => elements(tree).find((element) => element.tagName === tag)
const textOf = (node: HastRoot | Element): string =>
  node.children.map((child) => (child.type === 'text' ? child.value : child.type === 'element' ? textOf(child) : '')).join('')

describe('links and images', () => {
  it('keep the URL exactly as written (no percent-encoding) and a title only when there is one', () => {
    const {tree} = hast('[a](<https://example.org/ä b?q=1&r=2> "The title") and [b](/plain) ![pic](<img/ä b.png> "Pic title") ![](bare.png)')
    const [withTitle, plain] = elements(tree).filter((element) => element.tagName === 'a')
    expect(withTitle?.properties).toEqual({href: 'https://example.org/ä b?q=1&r=2', title: 'The title'})
    expect(plain?.properties).toEqual({href: '/plain'})
    const [image, bare] = elements(tree).filter((element) => element.tagName === 'img')
    expect(image?.properties).toEqual({src: 'img/ä b.png', alt: 'pic', title: 'Pic title'})
    expect(bare?.properties).toEqual({src: 'bare.png', alt: ''})
    expect(textOf(withTitle!)).toBe('a')
  })

  it('resolve references case-insensitively against the document\'s definitions, with their exact URL and title', () => {
    const {tree, warnings} = hast('[Text][The Ref] and ![Alt][PIC]\n\n[the ref]: <https://example.org/ä> "Ref title"\n[pic]: /img/ä.png')
    expect(warnings).toEqual([])
    expect(first(tree, 'a')?.properties).toEqual({href: 'https://example.org/ä', title: 'Ref title'})
    expect(textOf(first(tree, 'a')!)).toBe('Text')
    expect(first(tree, 'img')?.properties).toEqual({src: '/img/ä.png', alt: 'Alt'})
    expect(first(tree, 'img')?.children).toEqual([])
  })

  it('give hand-built nodes without alt or title an empty alt and no title', () => {
    const nodes = [{type: 'paragraph', children: [
      {type: 'image', url: 'a.png', alt: null, title: undefined},
      {type: 'link', url: '/x', title: undefined, children: [{type: 'text', value: 'x'}]},
    ]}] as unknown as RootContent[]
    const tree = mdastToHast(nodes, {diagnostics: new Diagnostics('m.md')})
    expect(first(tree, 'img')?.properties).toStrictEqual({src: 'a.png', alt: ''})
    expect('title' in first(tree, 'a')!.properties).toBe(false)
  })

  it('resolve references against definitions from elsewhere in the report', () => {
    // A section's paragraph, its definitions at the end of the report (markdown parsed whole).
    const [paragraph, ...elsewhere] = parseMarkdown('[Text][ref] and ![Alt][pic]\n\n[ref]: https://example.org/else "Else"\n[pic]: /else.png').children
    const diagnostics = new Diagnostics('m.md')
    const tree = mdastToHast([paragraph!], {diagnostics, definitions: elsewhere as Definition[]})
    expect(diagnostics.list).toEqual([])
    expect(first(tree, 'a')?.properties).toEqual({href: 'https://example.org/else', title: 'Else'})
    expect(first(tree, 'img')?.properties).toEqual({src: '/else.png', alt: 'Alt'})
  })

  it('keep an unresolved reference as its text, with a located warning', () => {
    // The definitions are not handed over (they belong to the parse, not to these nodes).
    const nodes = parseMarkdown('Intro.\n\nSee [the docs][No Where] and ![a chart][missing].\n\n[no where]: /a\n[missing]: /b.png').children.slice(0, 2)
    const diagnostics = new Diagnostics('m.md')
    const tree = mdastToHast(nodes, {diagnostics})
    const warnings = diagnostics.list
    expect(elements(tree).map((element) => element.tagName)).toEqual(['p', 'p'])
    expect(textOf(tree)).toContain('See [the docs][No Where] and ![a chart][missing].')
    // The label as written, not its normalised identifier.
    expect(warnings.map((w) => [w.rule, w.message, w.line, w.column])).toEqual([
      ['unresolved-reference', 'no definition for [No Where]: kept as text', 3, 5],
      ['unresolved-reference', 'no definition for image [missing]: kept as text', 3, 30],
    ])
  })
})

describe('markdown-only facts carried as custom elements', () => {
  it('code keeps its exact text, language and meta', () => {
    const {tree} = hast('```js title="a.js"\nconst a = 1 < 2 &&  b\n```\n\n```\nplain\n```')
    const [withLang, plain] = elements(tree).filter((element) => element.tagName === CUSTOM.code)
    expect(withLang?.properties).toEqual({dataLanguage: 'js', dataMeta: 'title="a.js"'})
    expect(withLang?.children).toEqual([{type: 'text', value: 'const a = 1 < 2 &&  b'}])
    expect(plain?.properties.dataLanguage).toBeUndefined()
    expect(plain?.properties.dataMeta).toBeUndefined()
    expect(textOf(plain!)).toBe('plain')
  })

  it('a thematic break keeps the marker it was written with, when the source is given', () => {
    const {tree} = hast('A\n\n***\n\nB\n\n- - -\n\nC\n\n___')
    expect(elements(tree).filter((element) => element.tagName === CUSTOM.divider).map((element) => element.properties.dataMarker)).toEqual(['***', '- - -', '___'])
    const noSource = hast('A\n\n***', {withSource: false}).tree
    expect(first(noSource, CUSTOM.divider)?.properties.dataMarker).toBeUndefined()
    // Indented and followed by spaces: the marker alone.
    expect(first(hast('A\n\n  * * *   \n\nB').tree, CUSTOM.divider)?.properties.dataMarker).toBe('* * *')
    // A hand-built break without a position has no marker to recover.
    const bare = mdastToHast([{type: 'thematicBreak'}], {diagnostics: new Diagnostics('m.md'), source: '***'})
    expect(first(bare, CUSTOM.divider)?.properties.dataMarker).toBeUndefined()
  })

  it('footnote references and definitions keep their labels and content', () => {
    const {tree} = hast('Text[^Note] more.\n\n[^Note]: The *note*.')
    expect(first(tree, CUSTOM.footnoteReference)?.properties).toEqual({dataLabel: 'Note'})
    const definition = first(tree, CUSTOM.footnote)
    expect(definition?.properties).toEqual({dataLabel: 'Note'})
    expect(textOf(definition!)).toContain('The note.')
  })

  it('front matter is not content', () => {
    const {tree} = hast('---\ntitle: x\n---\n\nBody.')
    expect(textOf(tree)).not.toContain('title')
    expect(elements(tree).map((element) => element.tagName)).toEqual(['p'])
  })

  it('a hooked node becomes a placeholder with its index, at its place', () => {
    const nodes = parseMarkdown('Before.\n\n<p class="logo">x</p>\n\nAfter.').children
    const hooked = new Map<RootContent, number>([[nodes[1]!, 7]])
    const tree = mdastToHast(nodes, {diagnostics: new Diagnostics('m.md'), hooked})
    expect(elements(tree).map((element) => [element.tagName, element.properties.dataIndex])).toEqual([['p', undefined], [CUSTOM.hook, 7], ['p', undefined]])
    expect(first(tree, CUSTOM.hook)?.position?.start.line).toBe(3)
  })

  it('an unknown node keeps its text or children, with a located warning', () => {
    const nodes = [
      {type: 'widget', value: 'widget text', position: {start: {line: 2, column: 1, offset: 0}, end: {line: 2, column: 5, offset: 4}}},
      {type: 'panel', children: [{type: 'paragraph', children: [{type: 'text', value: 'panel text'}]}]},
      {type: 'marker'},
      {type: 'counter', value: 42},
    ] as unknown as RootContent[]
    const diagnostics = new Diagnostics('m.md')
    const tree = mdastToHast(nodes, {diagnostics})
    expect(textOf(tree).split('\n').filter(Boolean)).toEqual(['widget text', 'panel text'])
    expect(elements(tree).map((element) => element.tagName)).toEqual(['p'])
    expect(diagnostics.list.map((d) => [d.rule, d.message, d.line])).toEqual([
      ['unknown-node', 'markdown node "widget" is not supported: kept its text', 2],
      ['unknown-node', 'markdown node "panel" is not supported: kept its text', undefined],
      ['unknown-node', 'markdown node "marker" is not supported: kept its text', undefined],
      ['unknown-node', 'markdown node "counter" is not supported: kept its text', undefined],
    ])
  })
})

describe('raw HTML', () => {
  it('is parsed into elements with positions, or left raw when asked', () => {
    const {tree} = hast('Intro.\n\n<div class="box"><b>bold</b></div>')
    expect(elements(tree).map((element) => element.tagName)).toEqual(['p', 'div', 'b'])
    expect(first(tree, 'div')?.properties).toEqual({className: ['box']})
    expect(first(tree, 'div')?.position?.start).toMatchObject({line: 3, column: 1})
    const kept = hast('<div>x</div>', {parseRaw: false}).tree
    expect(kept.children.map((node) => node.type)).toEqual(['raw'])
    // Markdown without raw HTML is not replayed at all.
    expect(hast('Only *markdown*.').tree.children.map((node) => node.type)).toEqual(['element'])
  })

  it('drops raw HTML nested too deeply for the HTML parser, with one located warning, and keeps the markdown', () => {
    const deep = `${'<div>'.repeat(3000)}deep${'</div>'.repeat(3000)}`
    const {tree, warnings} = hast(`Before <b>inline</b>.\n\n${deep}\n\nAfter *text*.`)
    expect(warnings.map((w) => [w.rule, w.message, w.line, w.column])).toEqual([
      ['html-too-deep', 'raw HTML nested too deeply to convert: 3 HTML block(s)/tag(s) dropped', 1, 8],
    ])
    const types: string[] = []
    const walk = (node: HastContent | ElementContent) => {
      types.push(node.type)
      if ('children' in node) node.children.forEach(walk)
    }
    tree.children.forEach(walk)
    expect(types).not.toContain('raw')
    expect(elements(tree).map((element) => element.tagName)).toEqual(['p', 'p', 'em'])
    expect(textOf(tree).split('\n').filter(Boolean)).toEqual(['Before inline.', 'After text.'])
  })

  it('lets an error other than a stack overflow through, instead of calling it too deep', () => {
    // A node no handler makes (through mdast's data.hChildren): hast-util-raw refuses it, not with a RangeError.
    const nodes = [
      {type: 'html', value: '<div>'},
      {type: 'paragraph', children: [], data: {hChildren: [{type: 'mystery'}]}},
      {type: 'html', value: '</div>'},
    ] as unknown as RootContent[]
    const diagnostics = new Diagnostics('m.md')
    let thrown: unknown
    try {
      mdastToHast(nodes, {diagnostics})
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(Error)
    expect(thrown).not.toBeInstanceOf(RangeError)
    expect(diagnostics.list.map((d) => d.rule)).not.toContain('html-too-deep')
  })

  it('reports an event handler on <html>, <head> or <body>, which the HTML parser drops with the tag', () => {
    const {warnings} = hast('Text.\n\n<body onload="steal()">\n\n<HTML lang="en" onClick = "x()">\n\n<body class="plain">\n\n<header onclick="y()">\n\n<table><tbody onclick="z()"><tr><td>a</td></tr></tbody></table>')
    expect(warnings.map((w) => [w.rule, w.message, w.line])).toEqual([
      ['unsafe-content', 'dropped <body> tag with event handler attribute(s): attributes are never carried', 3],
      ['unsafe-content', 'dropped <html> tag with event handler attribute(s): attributes are never carried', 5],
    ])
  })
})
