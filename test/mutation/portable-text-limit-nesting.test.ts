/**
 * Nesting limit (importer/portable-text/limit-nesting.ts): lists and blockquotes deeper than
 * MAX_NESTING become their leaf blocks, in order, with one located warning per flattened
 * container; nothing at or under the limit changes, and the input tree is never mutated.
 * Written against the mutants `npm run mutation -- importer/portable-text/limit-nesting.ts`
 * found alive. Trees are built by hand (no parse), so 100 levels stay fast.
 */
import type {Blockquote, List, ListItem, Nodes, Paragraph, RootContent} from 'mdast'
import {describe, expect, it} from 'vitest'
import {Diagnostics} from '../../importer/diagnostics.ts'
import {MAX_NESTING, limitNesting} from '../../importer/portable-text/limit-nesting.ts'

const at = (line: number) => ({start: {line, column: 3, offset: 0}, end: {line, column: 9, offset: 0}})
const para = (text: string): Paragraph => ({type: 'paragraph', children: [{type: 'text', value: text}]})
const item = (...children: ListItem['children']): ListItem => ({type: 'listItem', spread: false, children})
const list = (line: number, ...items: ListItem[]): List => ({type: 'list', ordered: false, spread: false, position: at(line), children: items})
const quote = (line: number, ...children: Blockquote['children']): Blockquote => ({type: 'blockquote', position: at(line), children})

/** `depth` lists, each one item holding "level n" and the next list; list n starts on line n. */
function nestedLists(depth: number, from = 1): List {
  let inner: List | undefined
  for (let level = depth; level >= from; level--) {
    inner = inner ? list(level, item(para(`level ${level}`), inner)) : list(level, item(para(`level ${level}`)))
  }
  return inner as List
}

/** Every paragraph's text, in document order. */
function texts(nodes: readonly Nodes[]): string[] {
  const out: string[] = []
  const walk = (node: Nodes) => {
    if (node.type === 'text') out.push(node.value)
    if ('children' in node) node.children.forEach((child) => walk(child as Nodes))
  }
  nodes.forEach(walk)
  return out
}

/** Follows the first item of each list down `levels` lists; returns that list. */
function descend(root: List, levels: number): List {
  let current = root
  for (let level = 1; level < levels; level++) current = (current.children[0] as ListItem).children[1] as List
  return current
}

function run(nodes: RootContent[]) {
  const diagnostics = new Diagnostics('deep.md')
  const out = limitNesting(nodes, diagnostics)
  return {out, warnings: diagnostics.list}
}

describe('limitNesting', () => {
  it('keeps a tree exactly at the limit as it is, in a new array, with no warning', () => {
    const tree = nestedLists(MAX_NESTING)
    const nodes: RootContent[] = [para('before'), tree, para('after')]
    const {out, warnings} = run(nodes)
    expect(warnings).toEqual([])
    expect(out).not.toBe(nodes)
    expect(out).toHaveLength(3)
    expect(out[0]).toBe(nodes[0])
    expect(out[1]).toBe(tree)
    expect(out[2]).toBe(nodes[2])
  })

  it('flattens the first list past the limit into its owner item, keeping every level in order', () => {
    const depth = MAX_NESTING + 5
    const tree = nestedLists(depth)
    const {out, warnings} = run([para('before'), tree, para('after')])

    // One warning, for the one container that crossed the limit, located at it.
    expect(warnings).toEqual([
      {
        severity: 'warning',
        rule: 'nesting-flattened',
        message: `lists/blockquotes nested deeper than ${MAX_NESTING} levels are flattened to that level`,
        file: 'deep.md',
        line: MAX_NESTING + 1,
        column: 3,
      },
    ])
    // Every word survives, in order.
    const expected = ['before', ...Array.from({length: depth}, (_, index) => `level ${index + 1}`), 'after']
    expect(texts(out)).toEqual(expected)

    // Lists 1..100 are still lists; the 100th list's item now holds levels 100..105 as paragraphs.
    const last = descend(out[1] as List, MAX_NESTING)
    expect(last.type).toBe('list')
    const owner = last.children[0] as ListItem
    expect(owner.children.map((child) => child.type)).toEqual(Array.from({length: 6}, () => 'paragraph'))
    expect(texts(owner.children)).toEqual(Array.from({length: 6}, (_, index) => `level ${MAX_NESTING + index}`))
    // Loose, so each paragraph stays its own block; items above the limit keep their spread.
    expect(owner.spread).toBe(true)
    expect((descend(out[1] as List, MAX_NESTING - 1).children[0] as ListItem).spread).toBe(false)
    expect(((out[1] as List).children[0] as ListItem).spread).toBe(false)
  })

  it('does not mutate the input tree', () => {
    const tree = nestedLists(MAX_NESTING + 2)
    const before = structuredClone(tree)
    const {out} = run([tree])
    expect(tree).toEqual(before)
    expect(out[0]).not.toBe(tree)
    expect((descend(tree, MAX_NESTING).children[0] as ListItem).children).toHaveLength(2)
  })

  it('counts blockquotes as well as lists, and sets no spread on a blockquote owner', () => {
    // Alternate blockquote > list > item > blockquote …: 101 containers.
    let inner: Blockquote | List = quote(MAX_NESTING + 1, para('deepest'), para('also deepest'))
    for (let level = MAX_NESTING; level >= 1; level--) {
      inner = level % 2 === 0 ? quote(level, inner as List) : list(level, item(para(`level ${level}`), inner as Blockquote))
    }
    const {out, warnings} = run([inner as RootContent])
    expect(warnings.map((w) => [w.rule, w.line])).toEqual([['nesting-flattened', MAX_NESTING + 1]])
    expect(texts(out).slice(-3)).toEqual([`level ${MAX_NESTING - 1}`, 'deepest', 'also deepest'])
    // Find the 100th container (a blockquote): it holds the two paragraphs directly.
    let node = out[0] as Nodes
    for (let level = 1; level < MAX_NESTING; level++) {
      node = node.type === 'list' ? ((node.children[0] as ListItem).children[1] as Nodes) : ((node as Blockquote).children[0] as Nodes)
    }
    expect(node.type).toBe('blockquote')
    expect((node as Blockquote).children).toEqual([para('deepest'), para('also deepest')])
    expect('spread' in node).toBe(false)
  })

  it('warns once per flattened container, and keeps non-text leaves such as code and rules', () => {
    const deepItem = (name: string) =>
      list(
        200,
        item(
          para(`${name} one`),
          {type: 'code', value: `${name} code`, lang: null, meta: null},
          list(201, item(para(`${name} two`), {type: 'thematicBreak'})),
          para(`${name} three`),
        ),
      )
    // The 100th list's item holds two lists that are each the 101st.
    const top = nestedLists(MAX_NESTING)
    const owner = descend(top, MAX_NESTING).children[0] as ListItem
    owner.children.push(deepItem('first'), deepItem('second'))
    const {out, warnings} = run([top])
    expect(warnings.map((w) => w.line)).toEqual([200, 200])
    const flattened = descend(out[0] as List, MAX_NESTING).children[0] as ListItem
    expect(flattened.children.map((child) => child.type)).toEqual([
      'paragraph',
      ...['paragraph', 'code', 'paragraph', 'thematicBreak', 'paragraph'],
      ...['paragraph', 'code', 'paragraph', 'thematicBreak', 'paragraph'],
    ])
    expect(texts(flattened.children)).toEqual([`level ${MAX_NESTING}`, 'first one', 'first two', 'first three', 'second one', 'second two', 'second three'])
    expect(flattened.children.filter((child) => child.type === 'code').map((child) => (child as {value: string}).value)).toEqual(['first code', 'second code'])
  })

  it('looks for deep containers inside any node with children, not only containers', () => {
    // A footnote definition is not a container, but lists inside it still count.
    const deep: RootContent = {type: 'footnoteDefinition', identifier: 'n', label: 'n', children: [nestedLists(MAX_NESTING + 1)]}
    const shallow: RootContent = {type: 'footnoteDefinition', identifier: 'm', label: 'm', children: [nestedLists(MAX_NESTING)]}
    expect(run([shallow]).warnings).toEqual([])
    const {out, warnings} = run([deep])
    expect(warnings).toHaveLength(1)
    expect(out[0]?.type).toBe('footnoteDefinition')
    expect(texts(out)).toEqual(Array.from({length: MAX_NESTING + 1}, (_, index) => `level ${index + 1}`))
  })
})
