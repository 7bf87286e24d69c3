/**
 * `<noscript>` fallbacks (importer/portable-text/noscript.ts) replace their element, however deep,
 * in order among their siblings; a fallback the HTML parser kept as text is parsed, and its nodes
 * take the `<noscript>`'s place. Written against the mutants
 * `npm run mutation -- importer/portable-text/noscript.ts` found alive.
 */
import type {Element, ElementContent, Root} from 'hast'
import {describe, expect, it} from 'vitest'
import {unwrapNoscript} from '../../importer/portable-text/noscript.ts'

const at = (line: number) => ({start: {line, column: 1, offset: 0}, end: {line, column: 9, offset: 8}})
const el = (tagName: string, children: ElementContent[] = [], extra: Partial<Element> = {}): Element => ({type: 'element', tagName, properties: {}, children, ...extra})
const text = (value: string): ElementContent => ({type: 'text', value})
const root = (...children: Element[]): Root => ({type: 'root', children})

/** Tag names and texts in document order, elements as `<tag>`. */
function outline(nodes: readonly (ElementContent | Root['children'][number])[]): string[] {
  return nodes.flatMap((node) => (node.type === 'element' ? [`<${node.tagName}>`, ...outline(node.children)] : node.type === 'text' ? [node.value] : []))
}

describe('unwrapNoscript', () => {
  it('puts a fallback of elements in the place of its <noscript>, among its siblings, however deep', () => {
    const tree = root(el('div', [text('before'), el('p', [el('noscript', [el('img', [], {properties: {src: 'chart.png'}})])]), text('after')]))
    const result = unwrapNoscript(tree)
    expect(result).toBe(tree)
    expect(outline(result.children)).toEqual(['<div>', 'before', '<p>', '<img>', 'after'])
  })

  it('unwraps a <noscript> in a fallback too, and several side by side in order', () => {
    const tree = root(el('noscript', [text('one '), el('noscript', [el('b', [text('two')])])]), el('noscript', [text('three')]))
    expect(outline(unwrapNoscript(tree).children)).toEqual(['one ', '<b>', 'two', 'three'])
    // Elements beside a <noscript> stay as they are.
    const beside = root(el('p', [el('b', [text('bold')]), el('noscript', [el('img')]), el('i', [text('it')])]))
    expect(outline(unwrapNoscript(beside).children)).toEqual(['<p>', '<b>', 'bold', '<img>', '<i>', 'it'])
  })

  it('parses a fallback kept as text, giving its nodes the <noscript>\'s place', () => {
    const place = at(7)
    const tree = root(el('p', [el('noscript', [text('<a href="/data.csv"><img src="chart.png" alt="Chart"></a>')], {position: place})]))
    const [link] = (unwrapNoscript(tree).children[0] as Element).children as Element[]
    expect(outline([link!])).toEqual(['<a>', '<img>'])
    expect(link!.properties).toEqual({href: '/data.csv'})
    expect(link!.position).toEqual(place)
    expect((link!.children[0] as Element).position).toEqual(place)
    expect((link!.children[0] as Element).properties).toEqual({src: 'chart.png', alt: 'Chart'})
  })

  it('leaves parsed nodes without a place when the <noscript> has none, and plain text as it is', () => {
    const parsed = unwrapNoscript(root(el('noscript', [text('<em>x'), text('</em>')])))
    expect(parsed.children).toEqual([{type: 'element', tagName: 'em', properties: {}, children: [{type: 'text', value: 'x'}]}])
    expect('position' in (parsed.children[0] as Element)).toBe(false)
    const plain = unwrapNoscript(root(el('noscript', [text('Enable scripts to see the chart.')])))
    expect(plain.children).toEqual([{type: 'text', value: 'Enable scripts to see the chart.'}])
    // Text and elements together: the elements are the fallback, as they are.
    const mixed = unwrapNoscript(root(el('noscript', [text('a <b> '), el('i', [text('c')])])))
    expect(outline(mixed.children)).toEqual(['a <b> ', '<i>', 'c'])
  })

  it('leaves a tree without <noscript> as it is', () => {
    const tree = root(el('div', [el('p', [text('x')])]))
    const before = structuredClone(tree)
    expect(unwrapNoscript(tree)).toEqual(before)
  })
})
