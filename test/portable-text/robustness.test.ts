import type {Blockquote, List, ListItem, Paragraph, PhrasingContent, RootContent} from 'mdast'
import {describe, expect, it} from 'vitest'
import {MAX_NESTING, type Block} from '../../importer/portable-text/index.ts'
import {blocks, convert, convertNodes} from './helpers.ts'

// Large inputs are built as mdast directly: the parser's own speed is not under test here.
const paragraph = (...children: PhrasingContent[]): Paragraph => ({type: 'paragraph', children})
const paragraphOf = (children: PhrasingContent[]): Paragraph => ({type: 'paragraph', children})
const text = (value: string): PhrasingContent => ({type: 'text', value})

function nestedList(depth: number): List {
  let list: List = {type: 'list', ordered: false, spread: false, children: [
    {type: 'listItem', spread: false, children: [paragraph(text(`item ${depth}`))]},
  ]}
  for (let level = depth - 1; level >= 1; level--) {
    const item: ListItem = {type: 'listItem', spread: false, children: [paragraph(text(`item ${level}`)), list]}
    list = {type: 'list', ordered: false, spread: false, children: [item]}
  }
  return list
}

function nestedQuote(depth: number): Blockquote {
  let quote: Blockquote = {type: 'blockquote', children: [paragraph(text('deepest'))]}
  for (let level = 1; level < depth; level++) quote = {type: 'blockquote', children: [paragraph(text(`q${level}`)), quote]}
  return quote
}

describe('robustness', () => {
  it.each([1_000, 5_000])('converts a list nested %i deep, flattening beyond the limit with one warning', (depth) => {
    const {members, rules} = convertNodes([nestedList(depth)])
    const result = blocks(members)
    expect(result).toHaveLength(depth)
    expect(Math.max(...result.map((b) => b.level ?? 0))).toBe(MAX_NESTING)
    expect(result.at(-1)?.children[0]).toMatchObject({text: `item ${depth}`})
    expect(rules).toEqual(['nesting-flattened'])
  })

  it.each([1_000, 5_000])('converts a blockquote nested %i deep', (depth) => {
    const {members, rules} = convertNodes([nestedQuote(depth)])
    expect(members).toHaveLength(depth)
    expect(blocks(members).every((b) => b.style === 'blockquote')).toBe(true)
    expect(rules.filter((r) => r === 'nesting-flattened')).toHaveLength(1)
    expect(rules.filter((r) => r === 'nested-blockquote')).toHaveLength(1)
  })

  it('converts a 1,000-deep blockquote parsed from markdown', () => {
    const {members} = convert(`${'>'.repeat(1_000)} deep`)
    expect(members).toEqual([expect.objectContaining({style: 'blockquote'})])
  })

  it('reports raw HTML nested too deep instead of overflowing the stack', () => {
    const deep = `${'<ul><li>'.repeat(3_000)}x${'</li></ul>'.repeat(3_000)}`
    const {members, rules} = convert(`before\n\n${deep}\n\nafter`)
    expect(members.map((m) => (m as Block).children[0])).toMatchObject([{text: 'before'}, {text: 'after'}])
    expect(rules).toEqual(['html-too-deep'])
  })

  it.each([
    [200, ['strong'], []],
    // Too deep to parse as HTML: the text stays, the lost bold is reported.
    [1_000, [], ['html-too-deep']],
  ])('converts %i nested inline HTML elements: the text, and the bold or a warning', (depth, marks, warnings) => {
    const {members, rules} = convert(`${'<span><b>'.repeat(depth)}x${'</b></span>'.repeat(depth)}`)
    expect(members).toHaveLength(1)
    expect((members[0] as Block).children).toEqual([expect.objectContaining({_type: 'span', text: 'x', marks})])
    expect(rules).toEqual(warnings)
  })

  it('converts a 10 MB paragraph into one span, text intact', () => {
    const value = 'lorem ipsum '.repeat(873_814).trimEnd()
    expect(value.length).toBeGreaterThan(10_000_000)
    const {members} = convertNodes([paragraph(text(value))])
    const block = members[0] as Block
    expect(block.children).toHaveLength(1)
    expect(block.children[0]).toMatchObject({text: value})
  })

  it('converts 100,000 links with exact hrefs and unique keys', () => {
    const children: PhrasingContent[] = []
    for (let index = 0; index < 100_000; index++) {
      children.push({type: 'link', url: `/p/${index}`, children: [text(`l${index}`)]}, text(' '))
    }
    const {members} = convertNodes([paragraphOf(children)])
    const block = members[0] as Block
    expect(block.markDefs).toHaveLength(100_000)
    expect(block.markDefs[99_999]?.href).toBe('/p/99999')
    const keys = new Set([...block.markDefs.map((d) => d._key), ...block.children.map((c) => c._key)])
    expect(keys.size).toBe(block.markDefs.length + block.children.length)
  })

  it('converts a very long line of marked-up text with inline HTML', () => {
    const children: PhrasingContent[] = []
    for (let index = 0; index < 20_000; index++) {
      children.push(
        {type: 'strong', children: [text(`b${index}`)]},
        text(' '),
        {type: 'html', value: '<i>'},
        text(`e${index}`),
        {type: 'html', value: '</i>'},
        {type: 'html', value: '<br />'},
      )
    }
    const {members} = convertNodes([paragraphOf(children)])
    const block = members[0] as Block
    expect(block.children.filter((c) => c._type === 'span' && c.marks.includes('strong'))).toHaveLength(20_000)
    expect(block.children.filter((c) => c._type === 'span' && c.marks.includes('em'))).toHaveLength(20_000)
  })

  it('converts every kind of node in one long section, each in order with its style and level', () => {
    const nodes: RootContent[] = []
    for (let index = 0; index < 2_000; index++) nodes.push(paragraph(text(`p${index}`)), nestedQuote(3), nestedList(3))
    const {members, rules} = convertNodes(nodes)
    const seen = blocks(members).map((b) => [b.children.map((c) => (c._type === 'span' ? c.text : '')).join(''), b.style, b.listItem ?? null, b.level ?? null])
    // Per round: the paragraph; the quote's texts, outermost first, as one quote level; the list.
    const expected = Array.from({length: 2_000}, (_, index) => [
      [`p${index}`, 'normal', null, null],
      ['q2', 'blockquote', null, null],
      ['q1', 'blockquote', null, null],
      ['deepest', 'blockquote', null, null],
      ['item 1', 'normal', 'bullet', 1],
      ['item 2', 'normal', 'bullet', 2],
      ['item 3', 'normal', 'bullet', 3],
    ]).flat()
    expect(seen).toEqual(expected)
    expect(members).toHaveLength(expected.length)
    expect(new Set(members.map((member) => member._key)).size).toBe(members.length)
    // Each nested quote is reported once: kept as one quote level.
    expect(rules).toEqual(Array.from({length: 2_000}, () => 'nested-blockquote'))
  })
})
