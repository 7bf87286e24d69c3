/**
 * hast block structure → Portable Text members. Containers (`div`, lists,
 * quotes) are walked with an explicit stack, so nesting depth costs no call
 * stack; runs of inline content become blocks through {@link inlineBlock}.
 */
import type {Element} from 'hast'
import type {Session} from './context.ts'
import {CUSTOM, isElement, isWhitespace, stringProperty, type HastChild} from './hast-helpers.ts'
import {makeFigure, soleImage} from './images.ts'
import {inlineBlock} from './inline.ts'
import {rejectElement} from './safety.ts'
import {convertTable} from './table.ts'
import {collectText} from './text.ts'
import type {Block, BlockStyle, CodeBlock, Footnote, ListType, PortableTextMember} from './types.ts'

/** Elements that only group content: walked, no block of their own. */
const CONTAINERS = new Set([
  'div', 'section', 'article', 'aside', 'header', 'footer', 'main', 'nav', 'center', 'body',
  'html', 'details', 'dl', 'fieldset', 'hgroup', 'search', 'figure',
])

/** Elements whose content is one block. */
const PARAGRAPHS = new Set(['p', 'figcaption', 'dt', 'dd', 'summary', 'address', 'legend', 'caption'])

const HEADINGS: Record<string, BlockStyle> = {h1: 'h1', h2: 'h2', h3: 'h3', h4: 'h4', h5: 'h5', h6: 'h6'}

/** Where content sits while walking. */
interface Place {
  /** Enclosing blockquotes. */
  quote: number
  list?: {type: ListType; level: number; start?: number | undefined; first?: Element | undefined} | undefined
  /** The enclosing list item; `open` until its first block is emitted (task markers, a list's start). */
  item?: {open: boolean; start?: number | undefined} | undefined
  /** Inside a footnote: nested footnotes are treated as plain containers. */
  footnote: boolean
}

type Frame = {node: HastChild; place: Place} | {flush: true}

const ROOT: Place = {quote: 0, footnote: false}

/**
 * Converts hast block content to Portable Text members.
 *
 * @param nodes - hast nodes (a root's children, a container's children)
 * @param session - conversion state
 * @param place - where the nodes sit (root by default)
 * @returns the members, in document order
 */
export function convertBlocks(nodes: readonly HastChild[], session: Session, place: Place = ROOT): PortableTextMember[] {
  const {diagnostics} = session
  const out: PortableTextMember[] = []
  const stack: Frame[] = [{flush: true}]
  let run: HastChild[] = []
  let runPlace = place

  const pushChildren = (children: readonly HastChild[], childPlace: Place) => {
    stack.push({flush: true})
    for (let index = children.length - 1; index >= 0; index--) {
      stack.push({node: children[index] as HastChild, place: childPlace})
    }
  }
  const emitObject = (member: PortableTextMember, at: Element, where: Place) => {
    if (where.quote > 0) {
      diagnostics.warn('blockquote-content', `${member._type} inside a blockquote: kept, without the quote`, at)
    }
    out.push(member)
  }
  const paragraph = (content: readonly HastChild[], where: Place, heading?: BlockStyle, at?: Element) => {
    if (!where.list && !heading) {
      const found = soleImage(content)
      const figure = found && makeFigure(found, session)
      if (figure) {
        out.push(figure)
        return
      }
    }
    if (heading && where.quote > 0) {
      diagnostics.warn('blockquote-content', `heading inside a blockquote: kept as ${heading}, without the quote`, at)
    }
    const style = heading ?? (where.quote > 0 ? 'blockquote' : 'normal')
    const result = inlineBlock(content, {style, listItem: where.list?.type, level: where.list?.level}, session, {
      taskMarker: where.item?.open === true,
    })
    if (result.block) {
      // The first item of a list that does not start at 1 carries where it starts.
      if (where.item?.open && where.item.start !== undefined) result.block.start = where.item.start
      out.push(result.block)
      if (where.item) where.item.open = false
    }
    out.push(...result.after)
  }
  const flush = () => {
    if (run.length === 0) return
    const content = run
    run = []
    paragraph(content, runPlace)
  }

  for (let index = nodes.length - 1; index >= 0; index--) {
    stack.push({node: nodes[index] as HastChild, place})
  }
  while (stack.length > 0) {
    const frame = stack.pop() as Frame
    if ('flush' in frame) {
      flush()
      continue
    }
    const {node, place: where} = frame
    if (node.type === 'comment') {
      diagnostics.warn('html-comment', 'HTML comment dropped (comments are not shown on the site)', node)
      continue
    }
    if (node.type === 'text') {
      if (run.length > 0 || !isWhitespace(node)) {
        if (run.length === 0) runPlace = where
        run.push(node)
      }
      continue
    }
    if (node.type !== 'element') continue
    const tag = node.tagName
    if (!isBlockLevel(tag)) {
      if (containsBlock(node)) {
        // `<em>` around paragraphs: each paragraph stays a block, each keeps the mark.
        flush()
        pushChildren(distributeInline(node), where)
        continue
      }
      if (run.length === 0) runPlace = where
      run.push(node)
      continue
    }
    flush()
    if (rejectElement(node, diagnostics)) continue
    if (PARAGRAPHS.has(tag)) {
      paragraph(node.children, where, undefined, node)
    } else if (HEADINGS[tag]) {
      paragraph(node.children, where, HEADINGS[tag], node)
    } else if (tag === 'ul' || tag === 'ol') {
      // Numbering that continues across paragraphs (`1.` … text … `2.`) is kept: the first item stores the start.
      const start = tag === 'ol' ? listStart(node) : undefined
      const first = start === undefined ? undefined : node.children.find((child): child is Element => isElement(child, 'li'))
      const list = {type: tag === 'ol' ? 'number' : 'bullet', level: (where.list?.level ?? 0) + 1, start, first} as const
      pushChildren(node.children, {...where, list, item: undefined})
    } else if (tag === 'li') {
      const start = where.list?.first === node ? where.list.start : undefined
      pushChildren(node.children, {...where, list: where.list ?? {type: 'bullet', level: 1}, item: {open: true, start}})
    } else if (tag === 'blockquote') {
      if (where.quote === 1) {
        diagnostics.warn('nested-blockquote', 'blockquote inside a blockquote: nested quotes are kept as one quote level', node)
      }
      pushChildren(node.children, {...where, quote: where.quote + 1})
    } else if (tag === 'pre' || tag === CUSTOM.code) {
      emitObject(codeBlock(node, session), node, where)
    } else if (tag === 'hr' || tag === CUSTOM.divider) {
      const marker = stringProperty(node, 'dataMarker')
      emitObject({_type: 'divider', _key: session.keys(), ...(marker ? {style: marker} : {})}, node, where)
    } else if (tag === 'table') {
      for (const member of convertTable(node, session)) emitObject(member, node, where)
    } else if (tag === CUSTOM.footnote && !where.footnote) {
      emitObject(footnote(node, session), node, where)
    } else if (tag === CUSTOM.hook) {
      out.push(...(session.hookResults[Number(stringProperty(node, 'dataIndex'))] ?? []))
    } else if (tag === 'figure' && figureWithCaption(node, session, out)) {
      // converted as one figure
    } else {
      pushChildren(node.children, where)
    }
  }
  return out
}

/** Largest list start kept (CommonMark allows nine digits). */
const MAX_LIST_START = 999_999_999

/** An `<ol>`'s start when it is a whole number other than 1. */
function listStart(node: Element): number | undefined {
  const start = Number(node.properties.start)
  return node.properties.start !== undefined && Number.isInteger(start) && start !== 1 && start >= 0 && start <= MAX_LIST_START ? start : undefined
}

/** Deepest inline wrapping pushed down into blocks; deeper, content is kept as one run. */
const MAX_DISTRIBUTE_DEPTH = 32

/** Whether an inline element holds block-level elements (directly or inside inline ones). */
function containsBlock(element: Element): boolean {
  const pending: Element[] = [element]
  for (let seen = 0; pending.length > 0 && seen < 10_000; seen++) {
    for (const child of pending.pop()!.children) {
      if (child.type !== 'element') continue
      if (isBlockLevel(child.tagName)) return true
      pending.push(child)
    }
  }
  return false
}

/**
 * Pushes an inline element (`em`, `strong`…) down into the blocks it wraps: `<em><p>a</p><p>b</p></em>`
 * becomes `<p><em>a</em></p><p><em>b</em></p>`; inline runs between blocks keep the element too.
 * @param inline - an inline element that {@link containsBlock}
 * @param depth - how many inline wrappers were pushed down already
 * @returns block-level replacements for it
 */
function distributeInline(inline: Element, depth = 0): HastChild[] {
  const out: HastChild[] = []
  let run: HastChild[] = []
  const wrap = (children: HastChild[]): Element => ({...inline, children: children as Element['children']})
  const endRun = () => {
    if (run.some((child) => !isWhitespace(child))) out.push(wrap(run))
    run = []
  }
  const addBlock = (block: HastChild) => {
    const wrapsText = block.type === 'element' && (PARAGRAPHS.has(block.tagName) || block.tagName in HEADINGS)
    out.push(wrapsText ? {...block, children: [wrap(block.children as HastChild[])]} : block)
  }
  for (const child of inline.children as HastChild[]) {
    if (child.type === 'element' && isBlockLevel(child.tagName)) {
      endRun()
      addBlock(child)
    } else if (child.type === 'element' && depth < MAX_DISTRIBUTE_DEPTH && containsBlock(child)) {
      endRun()
      for (const block of distributeInline(child, depth + 1)) addBlock(block)
    } else run.push(child)
  }
  endRun()
  return out
}

function isBlockLevel(tag: string): boolean {
  return (
    tag === CUSTOM.footnote ||
    CONTAINERS.has(tag) || PARAGRAPHS.has(tag) || tag in HEADINGS || tag === 'ul' || tag === 'ol' ||
    tag === 'li' || tag === 'blockquote' || tag === 'pre' || tag === 'hr' || tag === 'table' ||
    tag === CUSTOM.code || tag === CUSTOM.divider || tag === CUSTOM.hook ||
    tag === 'script' || tag === 'style' || tag === 'iframe' || tag === 'object' || tag === 'form'
  )
}

/** `<pre>` (HTML) or `x-pt-code` (markdown code, exact text) → codeBlock. */
function codeBlock(node: Element, session: Session): CodeBlock {
  const inner = node.children.find((child): child is Element => isElement(child, 'code'))
  const classes = inner ? stringProperty(inner, 'className') ?? '' : ''
  const language = stringProperty(node, 'dataLanguage') ?? /(?:^|\s)lang(?:uage)?-(\S+)/.exec(classes)?.[1]
  const meta = stringProperty(node, 'dataMeta')
  return {
    _type: 'codeBlock',
    _key: session.keys(),
    code: collectText(node, session.diagnostics),
    ...(language ? {language} : {}),
    ...(meta ? {meta} : {}),
  }
}

/** A footnote definition; its content must be blocks, other members are turned into blocks. */
function footnote(node: Element, session: Session): Footnote {
  const label = stringProperty(node, 'dataLabel') ?? ''
  const key = session.keys()
  const content: Block[] = []
  for (const member of convertBlocks(node.children, session, {...ROOT, footnote: true})) {
    if (member._type === 'block') content.push(member)
    else if (member._type === 'codeBlock') {
      content.push({
        _type: 'block', _key: session.keys(), style: 'normal', markDefs: [],
        children: [{_type: 'span', _key: session.keys(), text: member.code, marks: ['code']}],
      })
    } else if (member._type === 'figure') {
      const {_type, _key, href, caption, ...image} = member
      content.push({
        _type: 'block', _key: session.keys(), style: 'normal', markDefs: [],
        children: [{...image, _type: 'inlineImage', _key}],
      })
      if (href || caption) {
        session.diagnostics.warn('footnote-content', 'link/caption of an image in a footnote is not carried', node)
      }
    } else {
      session.diagnostics.warn('footnote-content', `${member._type} inside footnote [${label}] is not carried (footnotes hold text blocks only)`, node)
    }
  }
  return {_type: 'footnote', _key: key, label, content}
}

/**
 * `<figure><img><figcaption>` → one figure whose caption is Portable Text (its links and emphasis
 * kept); false when it is more than that. What a caption cannot hold inline (an image of its own)
 * follows the figure.
 */
function figureWithCaption(node: Element, session: Session, out: PortableTextMember[]): boolean {
  const caption = node.children.find((child): child is Element => isElement(child, 'figcaption'))
  const found = soleImage(node.children.filter((child) => child !== caption))
  if (!found) return false
  const converted = caption ? inlineBlock(caption.children, {style: 'normal'}, session) : undefined
  const figure = makeFigure(found, session, converted?.block ? [converted.block] : undefined)
  if (!figure) return false
  out.push(figure, ...(converted?.after ?? []))
  return true
}
