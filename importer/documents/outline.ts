import type {Heading, Paragraph, RootContent} from 'mdast'
import type {ReportProfile} from '../profile/types'
import {readBylineParagraph} from './bylines'
import type {BylineParagraph} from './bylines'

/** A piece of the report that becomes one section document. */
export interface Piece {
  /** The heading that opened it; none when a standalone byline did. */
  heading?: Heading
  /** Heading depth, or the level of the section it interrupts. */
  level: number
  bylines: Array<BylineParagraph & {node: Paragraph}>
  /** The body, bylines taken out. */
  nodes: RootContent[]
}

/** The report body cut into its intro and its sections. */
export interface Outline {
  /** Content before the first heading (and before any standalone byline). */
  intro: RootContent[]
  pieces: Piece[]
}

/**
 * Cuts a report body into sections: each heading opens one, at its depth; a byline right under
 * a heading (plain or emphasised) belongs to that section; a fully emphasised byline standing
 * alone between spacers opens an untitled section at the current level.
 * @param body - the root's children, front matter excluded
 * @param profile - byline shape and spacer conventions
 * @returns the intro nodes and the pieces, in document order
 */
export function buildOutline(body: readonly RootContent[], profile: ReportProfile): Outline {
  const intro: RootContent[] = []
  const pieces: Piece[] = []
  let current: Piece | undefined
  const firstHeading = body.find((node): node is Heading => node.type === 'heading')
  let previous: RootContent | undefined

  for (const node of body) {
    const before = previous
    previous = node
    if (node.type === 'heading') {
      current = {heading: node, level: node.depth, bylines: [], nodes: []}
      pieces.push(current)
      continue
    }
    const byline = node.type === 'paragraph' ? readBylineParagraph(node, profile.byline) : undefined
    if (byline) {
      const atStart = current !== undefined && current.nodes.every((child) => isSpacer(child, profile))
      if (atStart && current) {
        current.bylines.push({...byline, node: node as Paragraph})
        continue
      }
      const standsAlone = byline.emphasised && (before === undefined || isSpacer(before, profile))
      if (standsAlone) {
        const level = current?.level ?? firstHeading?.depth ?? 1
        current = {level, bylines: [{...byline, node: node as Paragraph}], nodes: []}
        pieces.push(current)
        continue
      }
    }
    ;(current ? current.nodes : intro).push(node)
  }
  return {intro, pieces}
}

/**
 * Whether a node is only vertical space: a thematic break, a spacer HTML block, or a paragraph
 * of nothing but hard breaks, whitespace and spacer HTML.
 * @param node - a top-level node
 * @param profile - what spacer HTML looks like
 * @returns true for spacers
 */
export function isSpacer(node: RootContent, profile: ReportProfile): boolean {
  if (node.type === 'thematicBreak') return true
  if (node.type === 'html') return profile.isSpacerHtml(node.value)
  if (node.type !== 'paragraph') return false
  return node.children.every(
    (child) =>
      child.type === 'break' ||
      (child.type === 'text' && child.value.trim() === '') ||
      (child.type === 'html' && profile.isSpacerHtml(child.value)),
  )
}
