/**
 * hast inline content → one Portable Text block. Markdown-made and
 * HTML-made elements take the same path. Iterative (explicit stack), so
 * deeply nested inline markup cannot overflow the call stack.
 */
import type {Element} from 'hast'
import type {Session} from './context.ts'
import {CUSTOM, imageSource, stringProperty, type HastChild} from './hast-helpers.ts'
import {imageFields} from './images.ts'
import {addMark, InlineBuilder, NO_MARKS, type Marks} from './inline-builder.ts'
import {rejectElement} from './safety.ts'
import {collectText} from './text.ts'
import {checkUrl} from './url-policy.ts'
import type {Block, BlockStyle, Decorator, ListType, PortableTextMember} from './types.ts'

const DECORATORS: Record<string, Decorator> = {
  strong: 'strong', b: 'strong',
  em: 'em', i: 'em',
  code: 'code', kbd: 'code', samp: 'code', tt: 'code',
  s: 'strike-through', del: 'strike-through', strike: 'strike-through',
  u: 'underline', ins: 'underline',
  sup: 'sup', sub: 'sub',
}

/** Presentation-only wrappers: their text is kept, nothing to report. */
const TRANSPARENT = new Set(['span', 'font', 'wbr', 'bdi', 'bdo', 'nobr', 'picture'])

/** Block-level elements met inside inline content: their text is kept on its own line. */
const BLOCKISH = new Set([
  'p', 'div', 'section', 'article', 'aside', 'header', 'footer', 'main', 'nav', 'center',
  'figure', 'figcaption', 'details', 'summary', 'address', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'hr', 'table', 'caption', 'thead',
  'tbody', 'tfoot', 'tr', 'td', 'th', 'body', 'html', 'fieldset', 'legend', 'hgroup',
  CUSTOM.code, CUSTOM.divider, CUSTOM.footnote,
])

/** Where a block sits: its style and list membership. */
export interface BlockShape {
  style: BlockStyle
  listItem?: ListType | undefined
  level?: number | undefined
}

export interface InlineResult {
  /** Undefined when the content had nothing to carry (whitespace, `<br>` only). */
  block: Block | undefined
  /** Members met inside the inline content that must follow the block (hooked nodes). */
  after: PortableTextMember[]
}

type Frame = {node: HastChild; marks: Marks} | {separator: true}

/**
 * Converts inline hast content to one block.
 *
 * @param nodes - the inline content (children of a paragraph, heading, list item, cell...)
 * @param shape - style and list membership of the block
 * @param session - conversion state
 * @param options - `taskMarker`: a leading checkbox becomes a taskMarker
 * @returns the block (if any) and members to place after it
 */
export function inlineBlock(
  nodes: readonly HastChild[],
  shape: BlockShape,
  session: Session,
  options: {taskMarker?: boolean} = {},
): InlineResult {
  const {diagnostics} = session
  const builder = new InlineBuilder(session)
  const after: PortableTextMember[] = []
  const blockKey = session.keys()
  const stack: Frame[] = []
  const pushChildren = (children: readonly HastChild[], marks: Marks) => {
    for (let index = children.length - 1; index >= 0; index--) {
      stack.push({node: children[index] as HastChild, marks})
    }
  }
  pushChildren(nodes, NO_MARKS)

  while (stack.length > 0) {
    const frame = stack.pop() as Frame
    if ('separator' in frame) {
      builder.separate()
      continue
    }
    const {node, marks} = frame
    if (node.type === 'text') {
      builder.text(node.value, marks)
      continue
    }
    if (node.type === 'comment') {
      diagnostics.warn('html-comment', 'HTML comment dropped (comments are not shown on the site)', node)
      continue
    }
    if (node.type !== 'element' || rejectElement(node, diagnostics)) continue
    const tag = node.tagName
    const decorator = DECORATORS[tag]
    if (decorator) {
      pushChildren(node.children, addMark(marks, decorator))
    } else if (tag === 'br') {
      builder.lineBreak(marks)
    } else if (tag === 'a') {
      const linkMarks = linkMark(node, marks, builder, session)
      if (linkMarks) pushChildren(node.children, linkMarks)
    } else if (tag === 'img') {
      image(node, marks, builder, session)
    } else if (tag === 'input') {
      if (options.taskMarker && builder.empty && stringProperty(node, 'type') === 'checkbox') {
        builder.object({_type: 'taskMarker', _key: session.keys(), checked: node.properties.checked === true}, marks, true)
      } else {
        diagnostics.warn('unsupported-html', `dropped <input>: form controls are not carried`, node)
      }
    } else if (tag === CUSTOM.footnoteReference) {
      const label = stringProperty(node, 'dataLabel') ?? ''
      builder.object({_type: 'footnoteReference', _key: session.keys(), label}, marks)
    } else if (tag === CUSTOM.hook) {
      after.push(...(session.hookResults[Number(stringProperty(node, 'dataIndex'))] ?? []))
    } else if (BLOCKISH.has(tag)) {
      stack.push({separator: true})
      pushChildren(node.children, marks)
      stack.push({separator: true})
    } else {
      if (!TRANSPARENT.has(tag)) {
        diagnostics.warn('unknown-html', `<${tag}> has no Portable Text equivalent: kept its text`, node)
      }
      pushChildren(node.children, marks)
    }
  }

  const {children, markDefs} = builder.finish()
  if (children.length === 0) return {block: undefined, after}
  const block: Block = {_type: 'block', _key: blockKey, style: shape.style, children, markDefs}
  if (shape.listItem) {
    block.listItem = shape.listItem
    block.level = shape.level ?? 1
  }
  return {block, after}
}

/**
 * Decides what a link carries: a markDef (returns the marks for its content),
 * its text without the link (returns the current marks), or nothing.
 */
function linkMark(node: Element, marks: Marks, builder: InlineBuilder, session: Session): Marks | undefined {
  const {diagnostics} = session
  const href = stringProperty(node, 'href')
  if (href === undefined) {
    const anchor = stringProperty(node, 'id') ?? stringProperty(node, 'name')
    if (anchor) diagnostics.warn('html-anchor', `anchor "${anchor}" is not carried: kept its text`, node)
    return marks
  }
  if (href.trim() === '') {
    diagnostics.warn('empty-url', 'link with an empty URL: kept its text without the link', node)
    return marks
  }
  const check = checkUrl(href, 'link')
  if (!check.ok) {
    // A dangerous autolink's text is the URL itself: keeping it would keep the payload.
    const text = collectText(node, diagnostics, {imageAlt: true}).trim()
    if (check.dangerous && text === href.trim()) {
      diagnostics.warn('unsafe-url', `link dropped with its text: ${check.reason}`, node)
      return undefined
    }
    diagnostics.warn('unsafe-url', `link dropped, its text kept: ${check.reason}`, node)
    return marks
  }
  const key = session.keys()
  const title = stringProperty(node, 'title')
  builder.link({_type: 'link', _key: key, href: check.url, ...(title ? {title} : {})}, node)
  return addMark(marks, key)
}

/** An inline image, or its alt text when its source is empty or not allowed. */
function image(node: Element, marks: Marks, builder: InlineBuilder, session: Session): void {
  const {diagnostics} = session
  const src = imageSource(node)
  const alt = stringProperty(node, 'alt') ?? ''
  if (src.trim() === '') {
    diagnostics.warn('empty-image', `image without a URL dropped${alt ? ', its alt text kept' : ''}`, node)
    builder.text(alt, marks)
    return
  }
  const check = checkUrl(src, 'image')
  if (!check.ok) {
    // An alt that repeats a dangerous URL is the URL again: dropped with it, and the warning says so.
    const keepAlt = alt !== '' && (!check.dangerous || alt.trim() !== src.trim())
    diagnostics.warn('unsafe-url', `image dropped: ${check.reason}${keepAlt ? '; its alt text kept' : alt ? '; its alt text (the same URL) dropped too' : ''}`, node)
    if (keepAlt) builder.text(alt, marks)
    return
  }
  builder.object({_type: 'inlineImage', _key: session.keys(), ...imageFields(node, src, session)}, marks)
}
