/**
 * One block's children (importer/portable-text/inline-builder.ts): spans merged when their
 * marks are equal in any order, whitespace collapsed as a browser shows it, line breaks never at
 * the edges, link markDefs kept only when a span uses them (else a located warning). Written
 * against the mutants `npm run mutation -- importer/portable-text/inline-builder.ts` found alive.
 */
import type {Element} from 'hast'
import {describe, expect, it} from 'vitest'
import {Diagnostics} from '../../importer/diagnostics.ts'
import {InlineBuilder, NO_MARKS, addMark} from '../../importer/portable-text/inline-builder.ts'
import type {InlineObject, LinkMarkDef} from '../../importer/portable-text/types.ts'

function builder() {
  const diagnostics = new Diagnostics('b.md')
  let counter = 0
  const keys = () => `k${++counter}`
  return {b: new InlineBuilder({diagnostics, keys, resolveImage: (src) => ({src}), hookResults: []}), diagnostics}
}

/** Span texts and marks, objects by type. */
function shape(b: InlineBuilder) {
  const {children, markDefs} = b.finish()
  return {
    children: children.map((child) => (child._type === 'span' ? [child.text, child.marks] : child._type)),
    markDefs: markDefs.map((def) => def._key),
  }
}

const strong = addMark(NO_MARKS, 'strong')
const image = (): InlineObject => ({_type: 'inlineImage', _key: 'img', src: 'a.png', alt: 'A'})
const anchor = (line: number): Element => ({type: 'element', tagName: 'a', properties: {}, children: [], position: {start: {line, column: 2}, end: {line, column: 9}}})
const def = (key: string, href: string): LinkMarkDef => ({_type: 'link', _key: key, href})

describe('addMark', () => {
  it('adds a mark in order, returns the same marks when present, and names them in sorted order', () => {
    const both = addMark(strong, 'em')
    expect(both.list).toEqual(['strong', 'em'])
    expect(both.id).toBe('em strong')
    expect(addMark(addMark(NO_MARKS, 'em'), 'strong').id).toBe('em strong')
    expect(addMark(both, 'strong')).toBe(both)
    expect(strong.list).toEqual(['strong'])
    expect(NO_MARKS).toEqual({list: [], id: ''})
  })
})

describe('InlineBuilder', () => {
  it('collapses runs of HTML whitespace to one space and drops it at the start and the end', () => {
    const {b} = builder()
    expect(b.empty).toBe(true)
    b.text(' \t\n a \r\f\n b  ', NO_MARKS)
    expect(b.empty).toBe(false)
    expect(shape(b)).toEqual({children: [['a b', []]], markDefs: []})
  })

  it('adds nothing for text that is only a space at the start', () => {
    const {b} = builder()
    b.text('   ', NO_MARKS)
    expect(b.empty).toBe(true)
  })

  it('merges text with equal marks in any order into one span, and starts a new span with one key each', () => {
    const {b} = builder()
    b.text('one ', addMark(strong, 'em'))
    b.text(' two', addMark(addMark(NO_MARKS, 'em'), 'strong'))
    b.text(' three', NO_MARKS)
    const {children} = b.finish()
    expect(children).toEqual([
      {_type: 'span', _key: 'k1', text: 'one two', marks: ['strong', 'em']},
      {_type: 'span', _key: 'k2', text: ' three', marks: []},
    ])
  })

  it('gives each span its own copy of the marks', () => {
    const {b} = builder()
    b.text('x', strong)
    const span = b.finish().children[0] as {marks: string[]}
    expect(span.marks).toEqual(['strong'])
    expect(span.marks).not.toBe(strong.list)
  })

  it('drops a space that follows a space or a line break, across spans', () => {
    const {b} = builder()
    b.text('a ', NO_MARKS)
    b.text(' b', strong)
    b.lineBreak(NO_MARKS)
    b.text(' c', NO_MARKS)
    expect(shape(b).children).toEqual([['a ', []], ['b', ['strong']], ['\nc', []]])
  })

  it('writes a line break as \\n after trimming the spaces before it, never at the start', () => {
    const {b} = builder()
    b.lineBreak(NO_MARKS)
    expect(b.empty).toBe(true)
    b.text('a   ', NO_MARKS)
    b.lineBreak(strong)
    b.text('b', NO_MARKS)
    expect(shape(b).children).toEqual([['a', []], ['\n', ['strong']], ['b', []]])
  })

  it('trims trailing spaces and line breaks at the end, removing spans left empty', () => {
    const {b} = builder()
    b.text('a', NO_MARKS)
    b.text(' ', strong)
    b.lineBreak(NO_MARKS)
    b.lineBreak(NO_MARKS)
    expect(shape(b).children).toEqual([['a', []]])
  })

  it('stops trimming at the last character that is not a space or a break, inside one span', () => {
    const {b} = builder()
    b.text('x', NO_MARKS)
    b.lineBreak(NO_MARKS)
    b.text('y', NO_MARKS)
    b.text(' ', NO_MARKS)
    expect(shape(b).children).toEqual([['x\ny', []]])
  })

  it('finishes a block that is only a leading object', () => {
    const {b} = builder()
    b.object({_type: 'taskMarker', _key: 't', checked: false} as unknown as InlineObject, NO_MARKS, true)
    expect(shape(b).children).toEqual(['taskMarker'])
  })

  it('separates block content met inline with one line break, none at the start or after a break', () => {
    const {b} = builder()
    b.separate()
    expect(b.empty).toBe(true)
    b.text('a', NO_MARKS)
    b.separate()
    b.separate()
    b.text('b', NO_MARKS)
    expect(shape(b).children).toEqual([['a\nb', []]])
  })

  it('keeps a space after an inline object and stops trimming at one', () => {
    const {b} = builder()
    b.text('see', NO_MARKS)
    b.object(image(), NO_MARKS)
    b.text(' here', NO_MARKS)
    b.object(image(), NO_MARKS)
    b.text(' ', NO_MARKS)
    b.lineBreak(NO_MARKS)
    expect(shape(b).children).toEqual([['see', []], 'inlineImage', [' here', []], 'inlineImage'])
  })

  it('treats a leading object as the start of the text', () => {
    const {b} = builder()
    b.object({_type: 'taskMarker', _key: 't', checked: true} as unknown as InlineObject, NO_MARKS, true)
    b.lineBreak(NO_MARKS)
    b.text('  done', NO_MARKS)
    expect(shape(b).children).toEqual(['taskMarker', ['done', []]])
  })

  it('keeps a link markDef that a span uses, in registration order', () => {
    const {b, diagnostics} = builder()
    b.link(def('l1', 'https://one.org'), anchor(1))
    b.link(def('l2', 'https://two.org'), anchor(1))
    b.text('two', addMark(NO_MARKS, 'l2'))
    b.text(' one', addMark(NO_MARKS, 'l1'))
    expect(shape(b).markDefs).toEqual(['l1', 'l2'])
    expect(diagnostics.list).toEqual([])
  })

  it('drops an unused link with a located warning: empty, or around an inline image', () => {
    const {b, diagnostics} = builder()
    b.link(def('empty', 'https://empty.org'), anchor(3))
    b.link(def('pic', 'https://pic.org'), anchor(4))
    b.link(def('both', 'https://both.org'), anchor(5))
    b.object(image(), addMark(NO_MARKS, 'pic'))
    b.object(image(), addMark(NO_MARKS, 'both'))
    b.text('text', addMark(NO_MARKS, 'both'))
    expect(shape(b).markDefs).toEqual(['both'])
    expect(diagnostics.list.map((d) => [d.rule, d.message, d.line, d.column])).toEqual([
      ['empty-link', 'empty link to https://empty.org dropped: it has no text', 3, 2],
      ['link-on-inline-image', 'the link to https://pic.org around an image inside text is not carried (inline images cannot carry links)', 4, 2],
    ])
  })
})
