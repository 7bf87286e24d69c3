/** Images: the fields an image object carries, and the image-alone-in-its-paragraph rule. */
import type {Element} from 'hast'
import type {Session} from './context.ts'
import {imageSource, isTag, isWhitespace, stringProperty, type HastChild} from './hast-helpers.ts'
import {rejectElement} from './safety.ts'
import {checkUrl} from './url-policy.ts'
import type {Block, Figure, ImageFields} from './types.ts'

/** Elements that may wrap a lone image without adding anything of their own. */
const WRAPPERS = new Set(['span', 'div', 'p', 'picture', 'center'])
const MAX_WRAPPING = 8

/** An image found alone, the link around it (if any), and every element on the way. */
export interface SoleImage {
  image: Element
  link?: Element | undefined
  path: Element[]
}

/**
 * Finds the one image in `nodes` when nothing else but whitespace and `<br>`
 * is there, looking through one link and a few plain wrappers (`<div><a><img>`).
 *
 * @param nodes - the content of a paragraph-like element
 * @returns the image and its link, or undefined when the content is more than an image
 */
export function soleImage(nodes: readonly HastChild[], link?: Element, depth = 0): SoleImage | undefined {
  let found: SoleImage | undefined
  for (const node of nodes) {
    if (isWhitespace(node) || isTag(node, 'br')) continue
    if (found || node.type !== 'element') return undefined
    if (node.tagName === 'img') {
      found = {image: node, link, path: [node]}
      continue
    }
    const isLink = node.tagName === 'a' && !link && stringProperty(node, 'href') !== undefined
    if ((!isLink && !WRAPPERS.has(node.tagName)) || depth >= MAX_WRAPPING) return undefined
    const inner = soleImage(node.children, isLink ? node : link, depth + 1)
    if (!inner) return undefined
    found = {...inner, path: [node, ...inner.path]}
  }
  return found
}

/**
 * The fields of an image object for an accepted `src`.
 *
 * @param image - the `<img>` element (for alt, title and the warning position)
 * @param src - its source URL, already accepted by the URL policy
 * @param session - conversion state (resolveImage)
 * @returns src (as resolved), alt (or `decorative: true` when the source had none) and title when
 *   non-empty, `_sanityAsset` when resolved
 */
export function imageFields(image: Element, src: string, session: Session): ImageFields {
  const resolved = session.resolveImage(src, image)
  const alt = stringProperty(image, 'alt')
  const title = stringProperty(image, 'title')
  return {
    src: resolved.src,
    // An empty alt is how markdown/HTML marks a decorative image; the schema wants it said explicitly.
    ...(alt ? {alt} : {decorative: true as const}),
    ...(title ? {title} : {}),
    ...(resolved._sanityAsset ? {_sanityAsset: resolved._sanityAsset} : {}),
  }
}

/**
 * Builds a figure from a lone image when its source is usable; otherwise
 * returns undefined so the caller converts the content as text (which reports
 * the image and keeps its alt).
 *
 * @param found - the lone image from {@link soleImage}
 * @param session - conversion state
 * @param caption - the figure's caption as blocks (non-empty), if any
 * @returns the figure, or undefined
 */
export function makeFigure(found: SoleImage, session: Session, caption?: Block[]): Figure | undefined {
  const src = imageSource(found.image)
  // The policy refuses an empty src as well as a dangerous one.
  if (!checkUrl(src, 'image').ok) return undefined
  for (const element of found.path) rejectElement(element, session.diagnostics)
  const figure: Figure = {_type: 'figure', _key: session.keys(), ...imageFields(found.image, src, session)}
  const href = found.link ? stringProperty(found.link, 'href') ?? '' : undefined
  if (href !== undefined) {
    const check = checkUrl(href, 'link')
    if (check.ok) figure.href = href
    else if (href.trim() === '') session.diagnostics.warn('empty-url', 'link with an empty URL around an image dropped', found.link)
    else session.diagnostics.warn('unsafe-url', `link around an image dropped: ${check.reason} (${href})`, found.link)
  }
  if (caption) figure.caption = caption
  return figure
}
