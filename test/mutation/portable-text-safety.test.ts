/**
 * What never reaches Portable Text (importer/portable-text/safety.ts), element by element: each
 * active or unsupported element is dropped with its content and named in one located warning;
 * event handlers are named and the element kept. The lists below are the policy, written out
 * here. Written against the mutants `npm run mutation -- importer/portable-text/safety.ts` found alive.
 */
import type {Element} from 'hast'
import {describe, expect, it} from 'vitest'
import {Diagnostics} from '../../importer/diagnostics.ts'
import {rejectElement} from '../../importer/portable-text/safety.ts'

const UNSAFE = ['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'base', 'link', 'meta', 'template', 'portal']
const UNSUPPORTED = ['svg', 'math', 'textarea', 'select', 'option', 'optgroup', 'button', 'xmp', 'plaintext', 'noembed', 'noframes', 'title', 'canvas', 'audio', 'video', 'source', 'track', 'map', 'area', 'head']

const element = (tagName: string, properties: Element['properties'] = {}): Element => ({
  type: 'element',
  tagName,
  properties,
  children: [],
  position: {start: {line: 3, column: 5, offset: 0}, end: {line: 3, column: 9, offset: 4}},
})

function reject(tag: string, properties: Element['properties'] = {}) {
  const diagnostics = new Diagnostics('r.md')
  const dropped = rejectElement(element(tag, properties), diagnostics)
  return {dropped, warnings: diagnostics.list.map(({rule, message, line, column}) => ({rule, message, line, column}))}
}

describe('rejectElement', () => {
  it('leaves <noscript> to noscript.ts, which puts its fallback in its place before this check', () => {
    expect(reject('noscript')).toEqual({dropped: false, warnings: []})
  })

  it.each(UNSAFE)('drops <%s> as active content, located', (tag) => {
    expect(reject(tag)).toEqual({dropped: true, warnings: [{rule: 'unsafe-content', message: `dropped <${tag}> and its content: active content is not allowed`, line: 3, column: 5}]})
  })

  it.each(UNSUPPORTED)('drops <%s> as having no Portable Text equivalent', (tag) => {
    expect(reject(tag)).toEqual({dropped: true, warnings: [{rule: 'unsupported-html', message: `dropped <${tag}> and its content: no Portable Text equivalent`, line: 3, column: 5}]})
  })

  it('names what active content pointed at: src, then data, then href, then action', () => {
    const message = (properties: Element['properties']) => reject('object', properties).warnings[0]?.message
    expect(message({src: 's.js', data: 'd', href: 'h', action: 'a'})).toBe('dropped <object> (s.js) and its content: active content is not allowed')
    expect(message({data: 'd.swf', href: 'h', action: 'a'})).toBe('dropped <object> (d.swf) and its content: active content is not allowed')
    expect(message({href: 'h.css', action: 'a'})).toBe('dropped <object> (h.css) and its content: active content is not allowed')
    expect(message({action: '/post'})).toBe('dropped <object> (/post) and its content: active content is not allowed')
  })

  it('keeps other elements, naming their event handlers in lowercase', () => {
    expect(reject('div', {onClick: 'x()', onMouseOver: 'y()', on: 'not a handler', title: 't'})).toEqual({
      dropped: false,
      warnings: [{rule: 'unsafe-content', message: 'dropped event handler attribute(s) onclick, onmouseover on <div>', line: 3, column: 5}],
    })
    expect(reject('p', {className: ['a']})).toEqual({dropped: false, warnings: []})
  })
})
