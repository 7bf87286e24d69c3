/**
 * Portable Text members of `blockContent`, exactly as docs/content-model.md
 * defines them. Optional fields are left out rather than set to `undefined`,
 * so the JSON written to NDJSON carries only what the source had.
 */

/** Decorators the schema allows on spans. */
export type Decorator = 'strong' | 'em' | 'code' | 'strike-through' | 'underline' | 'sup' | 'sub'

export type BlockStyle = 'normal' | 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6' | 'blockquote'

export type ListType = 'bullet' | 'number'

/** A run of text; every mark is a {@link Decorator} or the `_key` of a markDef of its block. */
export interface Span {
  _type: 'span'
  _key: string
  text: string
  marks: string[]
}

/** The `link` annotation. `href` is the URL exactly as written (after the URL policy accepted it). */
export interface LinkMarkDef {
  _type: 'link'
  _key: string
  href: string
  title?: string
}

export type MarkDef = LinkMarkDef

/** Fields shared by the image types (`figure`, `inlineImage`). */
export interface ImageFields {
  /** The original URL or site path, always kept. */
  src: string
  alt?: string
  /** Set when the source gave no alt text: the image is marked decorative (the schema requires one or the other). */
  decorative?: true
  title?: string
  /** NDJSON import hint, e.g. `image@file:///abs/path.png`. */
  _sanityAsset?: string
}

export interface InlineImage extends ImageFields {
  _type: 'inlineImage'
  _key: string
}

export interface FootnoteReference {
  _type: 'footnoteReference'
  _key: string
  label: string
}

/** First child of a GFM task-list item. */
export interface TaskMarker {
  _type: 'taskMarker'
  _key: string
  checked: boolean
}

export type InlineObject = InlineImage | FootnoteReference | TaskMarker

export type BlockChild = Span | InlineObject

export interface Block {
  _type: 'block'
  _key: string
  style: BlockStyle
  children: BlockChild[]
  markDefs: MarkDef[]
  listItem?: ListType
  level?: number
  /** The number a numbered list starts at, on its first item (only when not 1). */
  start?: number
}

/** A block-level image: an image alone in its paragraph, with the link around it. */
export interface Figure extends ImageFields {
  _type: 'figure'
  _key: string
  href?: string
  /** The `<figcaption>`, as blocks (normal style): its links and emphasis are kept. */
  caption?: Block[]
}

export type ColumnAlign = 'left' | 'center' | 'right' | 'none'

export interface TableCell {
  _type: 'tableCell'
  _key: string
  /** At most one normal-style block; empty for an empty cell. */
  content: Block[]
}

export interface TableRow {
  _type: 'tableRow'
  _key: string
  header: boolean
  cells: TableCell[]
}

export interface Table {
  _type: 'table'
  _key: string
  /** One entry per column. */
  align: ColumnAlign[]
  rows: TableRow[]
}

export interface CodeBlock {
  _type: 'codeBlock'
  _key: string
  code: string
  language?: string
  meta?: string
}

export interface Divider {
  _type: 'divider'
  _key: string
  /** The markdown marker, e.g. `***`, when the source text was available. */
  style?: string
}

export interface Footnote {
  _type: 'footnote'
  _key: string
  label: string
  content: Block[]
}

export interface Reference {
  _type: 'reference'
  _ref: string
  _weak?: boolean
}

/** Where a project's logo stood (built by the caller's `blockHook`). */
export interface ProjectCard {
  _type: 'projectCard'
  _key: string
  project: Reference
}

export type PortableTextMember =
  | Block
  | Figure
  | Table
  | CodeBlock
  | Divider
  | Footnote
  | ProjectCard
