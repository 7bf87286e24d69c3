import type {Definition, Heading, Link, LinkReference, PhrasingContent, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {visit} from 'unist-util-visit'
import type {Diagnostics} from '../diagnostics.ts'
import {phrasingToPlainText} from './converter.ts'
import type {Piece} from './outline.ts'

/** Longest derived title of an untitled piece, in characters (cut at a word). */
export const MAX_DERIVED_TITLE = 80

/** Node types whose text is not prose an editor would recognise a piece by. */
const NOT_PROSE = new Set(['html', 'code', 'yaml', 'definition', 'thematicBreak', 'footnoteDefinition'])

/**
 * A section's title: its heading's text (reference links resolved, brackets dropped), its
 * project's name, or — for a piece without a heading — the opening words of its text, flagged
 * `untitled` so renderers do not print it as a heading. Never a byline's name.
 * @param piece - the piece
 * @param definitions - the file's link reference definitions
 * @param diagnostics - for an empty heading
 * @returns the title and whether it is derived
 */
export function titleOf(piece: Piece, definitions: readonly Definition[], diagnostics: Diagnostics): {title: string; untitled: boolean} {
  if (!piece.heading && piece.project) return {title: piece.project.name, untitled: false}
  if (piece.heading) {
    const title = phrasingToPlainText(unwrapReferences(piece.heading.children, definitions)).replace(/\s+/g, ' ').trim()
    if (title !== '') return {title, untitled: false}
    diagnostics.warn('empty-heading', 'empty heading: section titled by its opening words', piece.heading)
  }
  return {title: openingWords(piece.nodes) ?? 'Untitled', untitled: true}
}

/**
 * The opening words of some content: the first prose text, cut at a word to at most
 * {@link MAX_DERIVED_TITLE} characters (an ellipsis marks the cut).
 * @param nodes - a piece's body
 * @returns the words, or `undefined` when there is no prose
 */
export function openingWords(nodes: readonly RootContent[]): string | undefined {
  for (const node of nodes) {
    if (NOT_PROSE.has(node.type)) continue
    const text = toString(node, {includeImageAlt: false, includeHtml: false}).replace(/\s+/g, ' ').trim()
    if (text === '') continue
    if (text.length <= MAX_DERIVED_TITLE) return text
    const cut = text.slice(0, MAX_DERIVED_TITLE - 1)
    const atWord = cut.lastIndexOf(' ') > 0 ? cut.slice(0, cut.lastIndexOf(' ')) : cut
    return `${atWord.replace(/[\s,;:.–—-]+$/, '')}…`
  }
  return undefined
}

/** Reference links whose definition exists become their text, so the title has no brackets. */
function unwrapReferences(nodes: readonly PhrasingContent[], definitions: readonly Definition[]): PhrasingContent[] {
  return nodes.flatMap((node): PhrasingContent[] => {
    if (node.type === 'linkReference' && findDefinition(node, definitions)) return unwrapReferences(node.children, definitions)
    if ('children' in node && node.type !== 'linkReference') return [{...node, children: unwrapReferences(node.children as PhrasingContent[], definitions)} as PhrasingContent]
    return [node]
  })
}

function findDefinition(reference: LinkReference, definitions: readonly Definition[]): Definition | undefined {
  return definitions.find((definition) => definition.identifier === reference.identifier)
}

/**
 * The links of a heading that can be its section's link: inline links and resolved reference
 * links. An empty link (`### [](url)Title`) is an editor's leftover: a warning, and dropped.
 * @param heading - the heading
 * @param definitions - the file's link reference definitions
 * @param diagnostics - for empty links
 * @returns the candidate links, in order (url and the node it came from)
 */
export function headingLinks(heading: Heading, definitions: readonly Definition[], diagnostics: Diagnostics): Array<{url: string; node: Link | LinkReference}> {
  const links: Array<{url: string; node: Link | LinkReference}> = []
  visit(heading, (node) => {
    if (node.type !== 'link' && node.type !== 'linkReference') return
    const url = node.type === 'link' ? node.url : findDefinition(node, definitions)?.url
    if (url === undefined) return
    if (toString(node).trim() === '' && !node.children.some((child) => child.type === 'image')) {
      diagnostics.warn('empty-link', `empty link to "${url}" in a heading dropped`, node)
      return
    }
    links.push({url, node})
  })
  return links
}
