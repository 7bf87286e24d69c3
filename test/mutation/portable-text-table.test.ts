/**
 * Tables (importer/portable-text/table.ts): GFM and HTML tables become a `table` with one
 * normal block per cell, the column alignment of the first row, header rows, the caption as a
 * block before it, hooked members after it, and a located warning for what is not carried.
 * Written against the mutants `npm run mutation -- importer/portable-text/table.ts` found alive.
 */
import type {Element, ElementContent} from 'hast'
import {toString} from 'mdast-util-to-string'
import {describe, expect, it} from 'vitest'
import {Diagnostics} from '../../importer/diagnostics.ts'
import type {Block, PortableTextMember, Table} from '../../importer/portable-text/index.ts'
import {createKeyGenerator} from '../../importer/portable-text/index.ts'
import {convertTable} from '../../importer/portable-text/table.ts'
import {convert} from '../portable-text/helpers.ts'

const tables = (members: readonly PortableTextMember[]) => members.filter((member): member is Table => member._type === 'table')

function only(markdown: string): {table: Table; rules: string[]; members: PortableTextMember[]} {
  const {members, rules} = convert(markdown)
  const found = tables(members)
  expect(found).toHaveLength(1)
  return {table: found[0] as Table, rules, members}
}

/** Each row's cells as their text ('' for an empty cell). */
const cellTexts = (table: Table) =>
  table.rows.map((row) => row.cells.map((cell) => cell.content.map((block) => block.children.map((child) => ('text' in child ? child.text : '')).join('')).join('|')))

/** Every `_key` in a value, in any depth. */
function keysOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => keysOf(item, out))
  else if (value && typeof value === 'object') {
    for (const [name, field] of Object.entries(value)) {
      if (name === '_key' && typeof field === 'string') out.push(field)
      else keysOf(field, out)
    }
  }
  return out
}

describe('convertTable', () => {
  it('carries a GFM table: alignment per column, the header row, one normal block per cell, distinct keys', () => {
    const {table, rules} = only('| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n| 5 | | 7 | 8 |')
    expect(rules).toEqual([])
    expect(table.align).toEqual(['left', 'center', 'right', 'none'])
    expect(table.rows.map((row) => [row._type, row.header])).toEqual([['tableRow', true], ['tableRow', false], ['tableRow', false]])
    expect(cellTexts(table)).toEqual([['a', 'b', 'c', 'd'], ['1', '2', '3', '4'], ['5', '', '7', '8']])
    const cells = table.rows.flatMap((row) => row.cells)
    expect(cells.every((cell) => cell._type === 'tableCell')).toBe(true)
    // The empty cell has no block; every other one exactly one normal block.
    expect(cells.map((cell) => cell.content.length)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1])
    expect(cells.flatMap((cell) => cell.content).every((block) => block._type === 'block' && block.style === 'normal')).toBe(true)
    const keys = keysOf(table)
    expect(keys.every((key) => key.length > 0)).toBe(true)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('keeps inline marks inside a cell', () => {
    const {table} = only('| x |\n|---|\n| **bold** and [link](https://example.org) |')
    const block = table.rows[1]?.cells[0]?.content[0] as Block
    expect(block.children.map((child) => ('text' in child ? child.text : child._type))).toEqual(['bold', ' and ', 'link'])
    expect(block.children[0]).toMatchObject({marks: ['strong']})
    expect(block.markDefs).toEqual([expect.objectContaining({_type: 'link', href: 'https://example.org'})])
  })

  it('takes alignment from the first row with cells only, case-insensitively, and pads it to the widest row', () => {
    const {table} = only(
      '<table><tr></tr><tr><td align="CENTER">a</td><td align="justify">b</td></tr>' +
        '<tr><td align="right">1</td><td align="left">2</td><td>3</td></tr></table>',
    )
    // The empty first row carries nothing and is not the first row.
    expect(cellTexts(table)).toEqual([['a', 'b'], ['1', '2', '3']])
    expect(table.align).toEqual(['center', 'none', 'none'])
  })

  it('marks header rows: every row of <thead>, and a row of <th> cells only', () => {
    const {table} = only(
      '<table><thead><tr><td>h1</td><td>h2</td></tr></thead>' +
        '<tbody><tr><th>x</th><td>y</td></tr><tr><th>p</th><th>q</th></tr></tbody>' +
        '<tfoot><tr><td>f1</td><td>f2</td></tr></tfoot></table>',
    )
    expect(cellTexts(table)).toEqual([['h1', 'h2'], ['x', 'y'], ['p', 'q'], ['f1', 'f2']])
    expect(table.rows.map((row) => row.header)).toEqual([true, false, true, false])
  })

  it('puts the caption, with its marks, in a block before the table', () => {
    const {members, rules} = convert('<table><caption>The <em>caption</em></caption><tr><td>a</td></tr></table>')
    expect(rules).toEqual([])
    expect(members.map((member) => member._type)).toEqual(['block', 'table'])
    const caption = members[0] as Block
    expect(caption.style).toBe('normal')
    expect(caption.children.map((child) => ('text' in child ? [child.text, child.marks] : []))).toEqual([['The ', []], ['caption', ['em']]])
  })

  it('emits no table without rows, but keeps a caption', () => {
    const captionOnly = convert('<table><caption>Only a caption</caption></table>')
    expect(captionOnly.members.map((member) => member._type)).toEqual(['block'])
    expect((captionOnly.members[0] as Block).children.map((child) => ('text' in child ? child.text : ''))).toEqual(['Only a caption'])
    expect(convert('<table></table>').members).toEqual([])
  })

  it('warns about colspan and rowspan above 1, at the cell, and keeps the text', () => {
    const {table, rules} = only('<table><tr><td colspan="1" rowspan="1">one</td><td colspan="2">two</td></tr><tr><td rowspan="3">three</td></tr></table>')
    expect(cellTexts(table)).toEqual([['one', 'two'], ['three']])
    expect(rules).toEqual(['table-span', 'table-span'])
    const located = convert('Text\n\n<table><tr>\n<td rowspan="1">one</td>\n<td colspan="2">two</td></tr>\n<tr><td rowspan="2">three</td></tr></table>').diagnostics.list
    expect(located.map((d) => [d.rule, d.line, d.column])).toEqual([['table-span', 5, 1], ['table-span', 6, 5]])
    expect(located[0]?.message).toBe('colspan/rowspan is not carried: the cell keeps its text')
  })

  it('drops unsafe children of the table and its sections, with a warning, and keeps the rows', () => {
    const inTable = only('<table><tr><td>a</td></tr><script>alert(1)</script><tr><td>b</td></tr></table>')
    expect(cellTexts(inTable.table)).toEqual([['a'], ['b']])
    expect(inTable.rules).toEqual(['unsafe-content'])
    const inBody = only('<table><tbody><tr><td>a</td></tr><script>alert(2)</script></tbody></table>')
    expect(cellTexts(inBody.table)).toEqual([['a']])
    expect(inBody.rules).toEqual(['unsafe-content'])
    const inRow = only('<table><tr><td>a</td><style>td {}</style><td>b</td></tr></table>')
    expect(cellTexts(inRow.table)).toEqual([['a', 'b']])
    expect(inRow.rules).toEqual(['unsafe-content'])
  })

  it('reports event handlers on rows and cells, and keeps their content', () => {
    const {table, rules} = only('<table><tbody><tr onclick="x()"><td onmouseover="y()">a</td></tr></tbody></table>')
    expect(cellTexts(table)).toEqual([['a']])
    expect(rules).toEqual(['unsafe-content', 'unsafe-content'])
  })

  it('places members of hooked blocks met inside cells and the caption after the table', () => {
    const card = (name: string): PortableTextMember => ({_type: 'projectCard', _key: `card-${name}`, name} as unknown as PortableTextMember)
    const markdown = '<table><caption>\n\nCAPTION-HOOK\n\n</caption><tr><td>\n\nCELL-HOOK\n\n</td><td>b</td></tr></table>'
    const {members} = convert(markdown, {
      blockHook: (node) => (node.type === 'paragraph' && toString(node).endsWith('-HOOK') ? [card(toString(node))] : undefined),
    })
    expect(members.map((member) => member._type)).toEqual(['table', 'projectCard', 'projectCard'])
    expect(members.slice(1).map((member) => member._key)).toEqual(['card-CAPTION-HOOK', 'card-CELL-HOOK'])
    const table = members[0] as Table
    // The hooked paragraph left the cell; the other cell is untouched.
    expect(cellTexts(table)).toEqual([['', 'b']])
  })
})

/** Trees the HTML parser never builds (a row straight in <table>, stray elements) but callers may. */
describe('convertTable on hand-built trees', () => {
  const el = (tagName: string, children: ElementContent[] = []): Element => ({type: 'element', tagName, properties: {}, children})
  const text = (value: string): ElementContent => ({type: 'text', value})
  function run(table: Element) {
    const diagnostics = new Diagnostics('t.md')
    const members = convertTable(table, {diagnostics, keys: createKeyGenerator('t'), resolveImage: (src) => ({src}), hookResults: []})
    return {members, rules: diagnostics.list.map((d) => d.rule)}
  }

  it('takes rows straight inside the table: header only when every cell is <th>', () => {
    const {members, rules} = run(el('table', [text('\n'), el('tr', [el('th', [text('h')])]), el('tr', [el('td', [text('d')])])]))
    expect(rules).toEqual([])
    const table = members[0] as Table
    expect(cellTexts(table)).toEqual([['h'], ['d']])
    expect(table.rows.map((row) => row.header)).toEqual([true, false])
  })

  it('carries only cells of rows and only rows of sections, and no text of other children as a caption', () => {
    const {members, rules} = run(
      el('table', [
        el('x-note', [text('not a caption')]),
        el('tbody', [el('div', [el('td', [text('stray cell')])]), el('tr', [el('span', [text('stray span')]), el('td', [text('cell')])])]),
        el('script', [text('alert(1)')]),
      ]),
    )
    expect(members.map((member) => member._type)).toEqual(['table'])
    expect(cellTexts(members[0] as Table)).toEqual([['cell']])
    expect(rules).toEqual(['unsafe-content'])
  })
})
