import type {Nodes} from 'hast'
import type {Diagnostics} from '../diagnostics.ts'
import {rejectElement} from './safety.ts'

/**
 * The text of a hast subtree, iteratively (no recursion on depth): text nodes
 * as they are, `<br>` as a line break, image alts included when asked;
 * unsafe elements are reported and skipped, comments skipped.
 *
 * @param node - the subtree root
 * @param diagnostics - where warnings about dropped content go
 * @param options - `imageAlt`: include `<img alt>`; `breaks`: the text for `<br>`
 * @returns the concatenated text
 */
export function collectText(
  node: Nodes,
  diagnostics: Diagnostics,
  options: {imageAlt?: boolean; breaks?: string} = {},
): string {
  const parts: string[] = []
  const stack: Nodes[] = [node]
  while (stack.length > 0) {
    const current = stack.pop() as Nodes
    if (current.type === 'text') {
      parts.push(current.value)
    } else if (current.type === 'element') {
      if (current !== node && rejectElement(current, diagnostics)) continue
      if (current.tagName === 'br') parts.push(options.breaks ?? '\n')
      else if (current.tagName === 'img' && options.imageAlt) {
        const alt = current.properties.alt
        if (typeof alt === 'string') parts.push(alt)
      }
      for (let index = current.children.length - 1; index >= 0; index--) {
        stack.push(current.children[index] as Nodes)
      }
    } else if (current.type === 'root') {
      for (let index = current.children.length - 1; index >= 0; index--) {
        stack.push(current.children[index] as Nodes)
      }
    }
  }
  return parts.join('')
}
