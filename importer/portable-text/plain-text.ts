import type {PhrasingContent} from 'mdast'
import {Diagnostics} from '../diagnostics.ts'
import {mdastToHast} from './mdast-to-hast.ts'
import {collectText} from './text.ts'

/**
 * Plain, markup-free text of phrasing content (for section titles): inline
 * HTML tags removed, entities decoded, hard breaks and whitespace runs as one
 * space, image alts kept, unsafe elements left out; no markdown syntax left.
 *
 * @param nodes - mdast phrasing content (e.g. a heading's children)
 * @returns the text, trimmed
 */
export function phrasingToPlainText(nodes: readonly PhrasingContent[]): string {
  // Problems are the body converter's to report; titles only need the text.
  const quiet = new Diagnostics('')
  const tree = mdastToHast([{type: 'paragraph', children: [...nodes]}], {diagnostics: quiet})
  return collectText(tree, quiet, {imageAlt: true, breaks: ' '}).replace(/\s+/g, ' ').trim()
}
