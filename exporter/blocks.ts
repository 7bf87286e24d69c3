import {toHTML} from '@portabletext/to-html'
import {toHtml} from 'hast-util-to-html'
import {toHast} from 'mdast-util-to-hast'
import type {TypedObject} from '@portabletext/types'
import type {BlockContent, Code, FootnoteDefinition, Html, List, ListItem, Paragraph, PhrasingContent, RootContent, Table, TableCell, TableRow, ThematicBreak, ThematicBreakData} from 'mdast'
import {escapeHtml} from '../render/html.ts'
import type {ExportContext, StoredImage} from './context.ts'
import {imageUrl} from './context.ts'
import {toPhrasing, type StoredChild, type StoredMarkDef} from './inline.ts'

/** A `blockContent` member as stored (only the fields the export reads). */
export interface StoredMember extends StoredImage {
  _type: string
  _key?: string
  style?: string
  listItem?: string
  level?: number
  children?: StoredChild[]
  markDefs?: StoredMarkDef[]
  href?: string | null
  /** Blocks (a plain string in documents from before captions were Portable Text). */
  caption?: StoredMember[] | string | null
  /** A numbered list's start, on its first item. */
  start?: number | null
  language?: string | null
  meta?: string | null
  code?: string
  label?: string
  content?: StoredMember[]
  project?: {_ref?: string}
  align?: string[] | null
  rows?: Array<{header?: boolean | null; cells?: Array<{content?: StoredMember[] | null}> | null}> | null
}

/** A thematic break that remembers its marker (`***`, `---`), written back by the markdown step. */
export interface MarkedBreak extends ThematicBreak {
  data?: ThematicBreakData & {marker?: string}
}

/**
 * Portable Text (`blockContent`) → mdast flow content, the inverse of the importer's mapping:
 * blocks → paragraphs / blockquotes / raw-HTML headings (a markdown heading would open a new
 * section) / nested lists, figure → image paragraph (HTML `<figure>` when captioned), table →
 * GFM table, codeBlock → fenced code, divider → thematic break, footnote → definition,
 * projectCard → the project's logo block.
 * @param members - the array as stored
 * @param context - lookups and warnings
 * @returns mdast nodes in order
 */
export function toFlow(members: readonly StoredMember[] | null | undefined, context: ExportContext): RootContent[] {
  const out: RootContent[] = []
  const lists = new ListBuilder()
  for (const member of members ?? []) {
    const at = `${context.documentId} ${member._key ?? ''}`.trim()
    if (member._type === 'block' && member.listItem) {
      const list = lists.add(member, context, at)
      if (list) out.push(list)
      continue
    }
    lists.close()
    const node = flowNode(member, context, at)
    if (node) out.push(node)
  }
  return out
}

function flowNode(member: StoredMember, context: ExportContext, at: string): RootContent | undefined {
  switch (member._type) {
    case 'block':
      return block(member, context, at)
    case 'figure':
      return figure(member, context, at)
    case 'table':
      return table(member, context, at)
    case 'codeBlock':
      return {type: 'code', lang: member.language || null, meta: member.meta || null, value: member.code ?? ''} satisfies Code
    case 'divider':
      return {type: 'thematicBreak', data: {marker: typeof (member as {style?: unknown}).style === 'string' ? member.style : undefined}} as MarkedBreak
    case 'footnote':
      return footnote(member, context)
    case 'projectCard':
      return projectLogo(member, context, at)
    default:
      context.warn(at, `"${member._type}" has no markdown form; not exported`)
      return undefined
  }
}

function phrasing(member: StoredMember, context: ExportContext, at: string): PhrasingContent[] {
  return toPhrasing(member.children ?? [], member.markDefs ?? [], context, at)
}

function block(member: StoredMember, context: ExportContext, at: string): RootContent | undefined {
  const style = member.style ?? 'normal'
  const heading = /^h([1-6])$/.exec(style)
  if (heading) {
    // A markdown heading would start a section on import: the importer reads body headings from HTML.
    const value = toHTML([member as unknown as TypedObject], {onMissingComponent: false})
    return {type: 'html', value} satisfies Html
  }
  const paragraph: Paragraph = {type: 'paragraph', children: phrasing(member, context, at)}
  if (paragraph.children.length === 0) return undefined
  if (style === 'blockquote') return {type: 'blockquote', children: [paragraph]}
  if (style !== 'normal') context.warn(at, `block style "${style}" exported as a paragraph`)
  return paragraph
}

/** Builds nested mdast lists from flat list blocks (`listItem` + `level`). */
class ListBuilder {
  /** Open lists, outermost first: index = level - 1. */
  private stack: List[] = []

  /** @returns the new top-level list when this item starts one, else undefined */
  add(member: StoredMember, context: ExportContext, at: string): List | undefined {
    const ordered = member.listItem === 'number'
    const level = Math.max(1, Math.trunc(member.level ?? 1))
    if (member.listItem !== 'bullet' && member.listItem !== 'number') context.warn(at, `list type "${member.listItem}" exported as a bullet list`)
    const start = ordered && typeof member.start === 'number' && Number.isInteger(member.start) && member.start >= 0 ? member.start : undefined
    let started: List | undefined
    // Close deeper lists, and the list at this level when its type changes or a new numbering starts.
    this.stack.length = Math.min(this.stack.length, level)
    if (this.stack.length === level && (this.stack[level - 1]!.ordered !== ordered || start !== undefined)) this.stack.length = level - 1
    while (this.stack.length < level) {
      const own = this.stack.length === level - 1 ? start : undefined
      const list: List = {type: 'list', ordered, start: ordered ? (own ?? 1) : null, spread: false, children: []}
      const parent = this.stack[this.stack.length - 1]
      if (parent) {
        let item = parent.children[parent.children.length - 1]
        if (!item) {
          item = {type: 'listItem', spread: false, children: []}
          parent.children.push(item)
        }
        item.children.push(list)
      } else {
        started = list
      }
      this.stack.push(list)
    }
    const marker = member.children?.[0]?._type === 'taskMarker' ? member.children[0] : undefined
    const item: ListItem = {type: 'listItem', spread: false, checked: marker ? Boolean(marker.checked) : null, children: []}
    const content = phrasing(member, context, at)
    if (content.length > 0) item.children.push({type: 'paragraph', children: content})
    this.stack[level - 1]!.children.push(item)
    return started
  }

  close(): void {
    this.stack = []
  }
}

function figure(member: StoredMember, context: ExportContext, at: string): RootContent | undefined {
  const url = imageUrl(member, context, at)
  if (!url) return undefined
  const caption = captionHtml(member.caption, context, at)
  if (caption) {
    // Markdown has no captions: the importer reads `<figure><img><figcaption>` back into one figure.
    const img = `<img src="${escapeHtml(url)}" alt="${escapeHtml(member.alt ?? '')}"${member.title ? ` title="${escapeHtml(member.title)}"` : ''}>`
    const linked = member.href ? `<a href="${escapeHtml(member.href)}">${img}</a>` : img
    return {type: 'html', value: `<figure>${linked}<figcaption>${caption}</figcaption></figure>`}
  }
  const image: PhrasingContent = {type: 'image', url, alt: member.alt ?? '', title: member.title || null}
  const content: PhrasingContent = member.href ? {type: 'link', url: member.href, title: null, children: [image]} : image
  return {type: 'paragraph', children: [content]}
}

/**
 * A caption's inline HTML, the importer's `<figcaption>` input: each block's text through the same
 * phrasing mapping as a paragraph (links, decorators, inline images), as HTML.
 */
function captionHtml(caption: StoredMember['caption'], context: ExportContext, at: string): string {
  if (typeof caption === 'string') return escapeHtml(caption.trim())
  if (!Array.isArray(caption) || caption.length === 0) return ''
  return caption
    .map((block) => {
      const paragraph: Paragraph = {type: 'paragraph', children: phrasing(block, context, at)}
      return toHtml(toHast(paragraph, {allowDangerousHtml: true}), {allowDangerousHtml: true}).replace(/^<p>([\s\S]*)<\/p>$/, '$1')
    })
    .join('<br>')
}

function table(member: StoredMember, context: ExportContext, at: string): Table | undefined {
  const rows = member.rows ?? []
  if (rows.length === 0) return undefined
  if (rows.slice(1).some((row) => row.header)) context.warn(at, 'a header row after the first is exported as a body row')
  const align = (member.align ?? []).map((value) => (value === 'left' || value === 'center' || value === 'right' ? value : null))
  const toRow = (row: (typeof rows)[number]): TableRow => ({
    type: 'tableRow',
    children: (row.cells ?? []).map((cell): TableCell => ({type: 'tableCell', children: cellPhrasing(cell.content ?? [], context, at)})),
  })
  return {type: 'table', align, children: rows.map(toRow)}
}

/** A cell's blocks on one line: a GFM cell cannot hold a line ending, so breaks are `<br>`. */
function cellPhrasing(blocks: readonly StoredMember[], context: ExportContext, at: string): PhrasingContent[] {
  const out: PhrasingContent[] = []
  blocks.forEach((cellBlock, index) => {
    if (index > 0) out.push({type: 'html', value: '<br>'})
    out.push(...phrasing(cellBlock, context, at))
  })
  return out.map((node) => (node.type === 'break' ? ({type: 'html', value: '<br>'} as Html) : node))
}

function footnote(member: StoredMember, context: ExportContext): FootnoteDefinition | undefined {
  if (!member.label) return undefined
  const children = toFlow(member.content ?? [], context).filter((node): node is BlockContent => node.type !== 'footnoteDefinition' && node.type !== 'definition' && node.type !== 'yaml')
  return {type: 'footnoteDefinition', identifier: member.label.toLowerCase(), label: member.label, children}
}

/**
 * The project logo block the report family publishes (per the importer's profile): a `div`
 * with the logo image, linked to the project's website.
 */
function projectLogo(member: StoredMember, context: ExportContext, at: string): Html | undefined {
  const project = member.project?._ref ? context.project(member.project._ref) : undefined
  if (!project) {
    context.warn(at, `project card without a project (${member.project?._ref ?? 'no reference'}); not exported`)
    return undefined
  }
  return {type: 'html', value: projectLogoHtml(project, context, at)}
}

/**
 * @param project - the project (name, website, logo)
 * @param context - asset lookup and warnings
 * @param at - location for warnings
 * @returns `<div><a href><img src alt></a></div>`, one tag a line
 */
export function projectLogoHtml(project: {name: string; website?: string | null; logo?: StoredImage | null}, context: ExportContext, at: string): string {
  const src = project.logo ? imageUrl(project.logo, context, at) : undefined
  if (!src) context.warn(at, `project "${project.name}" has no logo URL; its logo block cannot be re-imported as a project`)
  const alt = project.logo?.alt || `${project.name} Logo`
  const img = `<img src="${escapeHtml(src ?? '')}" alt="${escapeHtml(alt)}"/>`
  const inner = project.website ? `  <a href="${escapeHtml(project.website)}">\n    ${img}\n  </a>` : `  ${img}`
  return `<div>\n${inner}\n</div>`
}
