/**
 * Elements and attributes that must never reach Portable Text. Every one
 * found is reported; none is carried.
 */
import type {Element} from 'hast'
import type {Diagnostics} from '../diagnostics.ts'
import {stringProperty} from './hast-helpers.ts'

/**
 * Active content: dropped with everything inside (script/style content is code, not prose).
 * `<noscript>` is not here: its fallback replaces it before conversion (`noscript.ts`).
 */
const UNSAFE = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form',
  'base', 'link', 'meta', 'template', 'portal',
])

/**
 * Content that has no Portable Text equivalent and whose inner text is markup
 * rather than prose (raw-text elements, form controls, foreign content).
 */
const UNSUPPORTED = new Set([
  'svg', 'math', 'textarea', 'select', 'option', 'optgroup', 'button', 'xmp', 'plaintext',
  'noembed', 'noframes', 'title', 'canvas', 'audio', 'video', 'source', 'track', 'map', 'area',
  'head',
])

/**
 * Reports and rejects unsafe or unsupported elements, and reports event
 * handler attributes (`on*`) of any other element (attributes are never carried).
 *
 * @param element - the element about to be converted
 * @param diagnostics - where the warnings go
 * @returns true when the element and its content must be dropped
 */
export function rejectElement(element: Element, diagnostics: Diagnostics): boolean {
  const tag = element.tagName
  if (UNSAFE.has(tag)) {
    const source = stringProperty(element, 'src') ?? stringProperty(element, 'data') ??
      stringProperty(element, 'href') ?? stringProperty(element, 'action')
    diagnostics.warn(
      'unsafe-content',
      `dropped <${tag}>${source ? ` (${source})` : ''} and its content: active content is not allowed`,
      element,
    )
    return true
  }
  if (UNSUPPORTED.has(tag)) {
    diagnostics.warn('unsupported-html', `dropped <${tag}> and its content: no Portable Text equivalent`, element)
    return true
  }
  const handlers = Object.keys(element.properties).filter((name) => /^on./i.test(name))
  if (handlers.length > 0) {
    diagnostics.warn(
      'unsafe-content',
      `dropped event handler attribute(s) ${handlers.map((name) => name.toLowerCase()).join(', ')} on <${tag}>`,
      element,
    )
  }
  return false
}
