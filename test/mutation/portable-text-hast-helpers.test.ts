/**
 * Small hast helpers (importer/portable-text/hast-helpers.ts): element tests, properties as
 * strings, HTML whitespace, and an image's src as HTML reads it. Written against the mutants
 * `npm run mutation -- importer/portable-text/hast-helpers.ts` found alive.
 */
import type {Element, Nodes} from 'hast'
import {describe, expect, it} from 'vitest'
import {CUSTOM, imageSource, isElement, isTag, isWhitespace, stringProperty} from '../../importer/portable-text/hast-helpers.ts'

const el = (tagName: string, properties: Element['properties'] = {}): Element => ({type: 'element', tagName, properties, children: []})
const text = (value: string): Nodes => ({type: 'text', value})

describe('isElement and isTag', () => {
  it('match an element by any of the tags, or any element when none is given (isElement only)', () => {
    expect(isElement(el('td'), 'td', 'th')).toBe(true)
    expect(isElement(el('th'), 'td', 'th')).toBe(true)
    expect(isElement(el('tr'), 'td', 'th')).toBe(false)
    expect(isElement(el('tr'))).toBe(true)
    expect(isElement(text('td'), 'td')).toBe(false)
    expect(isElement(text('x'))).toBe(false)
    expect(isElement(undefined)).toBe(false)
    expect(isTag(el('br'), 'br', 'hr')).toBe(true)
    expect(isTag(el('hr'), 'br', 'hr')).toBe(true)
    expect(isTag(el('p'), 'br')).toBe(false)
    expect(isTag(el('p'))).toBe(false)
    expect(isTag(text('br'), 'br')).toBe(false)
    expect(isTag(undefined, 'br')).toBe(false)
  })
})

describe('stringProperty', () => {
  it('gives strings as they are, numbers as text, lists joined by spaces, and nothing for booleans or absence', () => {
    const element = el('td', {title: 'A title', colSpan: 2, className: ['a', 'b'], hidden: true, empty: ''})
    expect(stringProperty(element, 'title')).toBe('A title')
    expect(stringProperty(element, 'colSpan')).toBe('2')
    expect(stringProperty(element, 'className')).toBe('a b')
    expect(stringProperty(element, 'hidden')).toBeUndefined()
    expect(stringProperty(element, 'missing')).toBeUndefined()
    expect(stringProperty(element, 'empty')).toBe('')
    expect(stringProperty(el('td', {zero: 0}), 'zero')).toBe('0')
  })
})

describe('isWhitespace', () => {
  it('is true only for a text of HTML whitespace (space, tab, LF, CR, FF), empty included', () => {
    expect(isWhitespace(text(' \t\n\r\f'))).toBe(true)
    expect(isWhitespace(text(''))).toBe(true)
    expect(isWhitespace(text(' x '))).toBe(false)
    expect(isWhitespace(text('x'))).toBe(false)
    // A no-break space is content in HTML.
    expect(isWhitespace(text('\u00a0'))).toBe(false)
    expect(isWhitespace(text(' \u00a0 '))).toBe(false)
    expect(isWhitespace(el('span'))).toBe(false)
    expect(isWhitespace({type: 'comment', value: ' '})).toBe(false)
  })
})

describe('imageSource', () => {
  it('strips ASCII whitespace around the src, keeps it inside and keeps other spaces', () => {
    expect(imageSource(el('img', {src: ' \t\n\f\rpics/a b.png \r\n\f\t'}))).toBe('pics/a b.png')
    expect(imageSource(el('img', {src: '\u00a0a.png\u00a0'}))).toBe('\u00a0a.png\u00a0')
    expect(imageSource(el('img', {src: '   '}))).toBe('')
    expect(imageSource(el('img'))).toBe('')
    expect(imageSource(el('img', {src: 'plain.png'}))).toBe('plain.png')
  })
})

describe('CUSTOM', () => {
  it('names custom elements HTML does not have (a dash makes them valid custom element names)', () => {
    // A valid custom element name, so the HTML parser (and raw-html.ts) treats it as an ordinary body element.
    const names = Object.values(CUSTOM)
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9]*-[a-z0-9-]*$/)
    expect(new Set(names).size).toBe(5)
  })
})
