import type {Heading, Paragraph, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {ReportProfile} from '../profile/types.ts'
import {readBylineParagraph, readSignature} from './bylines.ts'
import type {BylineParagraph} from './bylines.ts'
import {namesWholeWords} from './ids.ts'
import {readProjectLogo} from './projects.ts'
import type {ProjectLogo} from './projects.ts'

/** A byline found in the source, and where: `opening` bylines precede the text, `signature`s end it. */
export type PlacedByline = BylineParagraph & {node: Paragraph; place: 'opening' | 'signature'}

/** A piece of the report that becomes one section document. */
export interface Piece {
  /** The heading that opened it; none when a project logo or a standalone byline did. */
  heading?: Heading
  /** The project logo that opened it (then `nodes[0]` is that logo's block). */
  project?: ProjectLogo
  /** Depth in the report's outline: 1 for a top-level piece, a child one below its parent. */
  level: number
  bylines: PlacedByline[]
  /** The body, bylines taken out. */
  nodes: RootContent[]
}

/** The report body cut into its intro and its sections. */
export interface Outline {
  /** Content before the first piece. */
  intro: RootContent[]
  pieces: Piece[]
}

/** An open piece on the way down the outline. */
interface Open {
  piece: Piece
  /** Heading depth it closes at: a heading of this depth or less ends it. */
  depth: number
  /** Opened by a project logo, or nested under one. */
  inProject: boolean
  isProject: boolean
  /** Shallowest child heading seen before any project logo inside it (the part's own rank of children). */
  childDepth?: number
  sawLogo: boolean
  /** A signature ended it: what follows (other than spacers) is a new piece. */
  closed: boolean
  /** Something other than spacers and its own logo was added to its body (kept, not rescanned). */
  hasText: boolean
}

/** Deeper than any heading: a piece at this depth ends at any heading. */
const BELOW_ALL_HEADINGS = 7

/**
 * Cuts a report body into sections by the structure of the markdown and the profile's
 * conventions:
 * - a heading opens a section; its outline level is one below the enclosing open section;
 * - a project logo opens a section one level below the part it stands in; it runs until the
 *   next logo or the next heading at the rank of the part's children (or shallower); deeper
 *   headings nest under it;
 * - an opening byline right under a heading or logo attributes that section; elsewhere an
 *   emphasised one opens an untitled sibling piece;
 * - a two-line signature attributes the piece it ends; content after it opens an untitled piece.
 * @param body - the root's children, front matter excluded
 * @param profile - byline shape, logo and spacer conventions
 * @returns the intro nodes and the pieces, in document order
 */
export function buildOutline(body: readonly RootContent[], profile: ReportProfile): Outline {
  const intro: RootContent[] = []
  const pieces: Piece[] = []
  const stack: Open[] = []
  const top = (): Open | undefined => stack[stack.length - 1]
  const open = (piece: Piece, depth: number, isProject: boolean): void => {
    const parent = top()
    pieces.push(piece)
    const hasText = piece.nodes.some((node) => node !== piece.project?.node && !isSpacer(node, profile))
    stack.push({piece, depth, isProject, inProject: isProject || (parent?.inProject ?? false), sawLogo: false, closed: false, hasText})
  }
  const levelHere = (): number => Math.min(6, stack.length + 1)

  for (const node of body) {
    if (node.type === 'heading') {
      while (stack.length > 0 && top()!.depth >= node.depth) stack.pop()
      for (const entry of stack) if (!entry.sawLogo && !entry.isProject) entry.childDepth = Math.min(entry.childDepth ?? node.depth, node.depth)
      open({heading: node, level: levelHere(), bylines: [], nodes: []}, node.depth, false)
      continue
    }
    const logo = readProjectLogo(node, profile)
    const headed = top()
    if (logo && headed && adoptsLogo(headed, logo)) {
      // `## Widget in 2020` then Widget's logo: that heading's section is the project's update.
      headed.piece.project = logo
      headed.piece.nodes.push(node)
      headed.isProject = true
      headed.inProject = true
      for (const entry of stack) entry.sawLogo = true
      continue
    }
    if (logo) {
      // Back to the part the logo stands in: a logo never nests in another project's piece.
      while (stack.length > 0 && top()!.inProject) stack.pop()
      while (isSiblingArticle(stack)) stack.pop()
      const part = top()
      for (const entry of stack) entry.sawLogo = true
      const depth = part ? (part.childDepth ?? part.depth + 0.5) : BELOW_ALL_HEADINGS
      open({project: logo, level: levelHere(), bylines: [], nodes: [node]}, depth, true)
      continue
    }
    const current = top()
    if (node.type === 'paragraph') {
      // Byline shapes the profile allows: a closing signature, an opening byline, a standalone one.
      const {signature: signatures = true, opening = true, standalone = true} = profile.byline
      const signature = signatures ? readSignature(node, profile.byline) : undefined
      if (signature && current && !current.closed) {
        current.piece.bylines.push({...signature, node, place: 'signature'})
        current.closed = true
        continue
      }
      const byline = opening || standalone ? readBylineParagraph(node, profile.byline) : undefined
      if (byline && opening && current && !current.closed && !current.hasText) {
        current.piece.bylines.push({...byline, node, place: 'opening'})
        continue
      }
      if (byline?.emphasised && standalone) {
        const depth = startSibling(stack, body)
        open({level: levelHere(), bylines: [{...byline, node, place: 'opening'}], nodes: []}, depth, false)
        continue
      }
    }
    if (current?.closed && !isSpacer(node, profile)) {
      const depth = startSibling(stack, body)
      open({level: levelHere(), bylines: [], nodes: [node]}, depth, false)
      continue
    }
    if (current) {
      current.piece.nodes.push(node)
      current.hasText ||= !isSpacer(node, profile)
    } else intro.push(node)
  }
  return {intro, pieces}
}

/** Ends the innermost piece so a new one can take its place; @returns the depth the new one closes at. */
function startSibling(stack: Open[], body: readonly RootContent[]): number {
  const ended = stack.pop()
  if (ended) return ended.depth
  const firstHeading = body.find((child): child is Heading => child.type === 'heading')
  return firstHeading?.depth ?? BELOW_ALL_HEADINGS
}

/**
 * Whether the innermost open piece is an article at the rank of its part's children (its
 * heading as deep as the part's other child headings, with text of its own): a logo after it
 * is its sibling, not its child.
 */
function isSiblingArticle(stack: readonly Open[]): boolean {
  const article = stack[stack.length - 1]
  const part = stack[stack.length - 2]
  if (!article || !part || article.isProject || part.childDepth === undefined || article.depth < part.childDepth) return false
  return article.hasText
}

/** A heading's piece takes a logo that comes first in it when its title names that project. */
function adoptsLogo(open: Open, logo: ProjectLogo): boolean {
  const {heading, project} = open.piece
  if (!heading || project || open.closed || open.hasText) return false
  return namesWholeWords(toString(heading), logo.name)
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
