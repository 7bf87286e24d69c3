import type {Html, Link, PhrasingContent} from 'mdast'
import type {ExportContext, StoredImage} from './context.ts'
import {imageUrl} from './context.ts'

/** A Portable Text span or inline object as stored. */
export interface StoredChild {
  _type: string
  _key?: string
  text?: string
  marks?: string[] | null
  label?: string
  checked?: boolean
}

/** A markDef as stored: `link` {href, title} or `internalLink` {reference}. */
export interface StoredMarkDef {
  _key: string
  _type: string
  href?: string
  title?: string | null
  reference?: {_ref?: string}
}

/** Decorators written as markdown; the others become inline HTML the importer reads back. */
const MARKDOWN_DECORATORS: Record<string, 'strong' | 'emphasis' | 'delete'> = {strong: 'strong', em: 'emphasis', 'strike-through': 'delete'}
const HTML_DECORATORS: Record<string, string> = {underline: 'u', sup: 'sup', sub: 'sub'}

interface Run {
  child: StoredChild
  marks: string[]
}

/**
 * A block's children → mdast phrasing: spans grouped under their marks (the longest run wraps
 * outermost, so `**a *b* c**` comes back as written), hard breaks from `\n`, inline images,
 * footnote references. A task marker is handled by the list, not here.
 * @param children - the block's children
 * @param markDefs - the block's markDefs
 * @param context - lookups and warnings
 * @param at - location for warnings
 * @returns phrasing content
 */
export function toPhrasing(children: readonly StoredChild[], markDefs: readonly StoredMarkDef[], context: ExportContext, at: string): PhrasingContent[] {
  const defs = new Map(markDefs.map((def) => [def._key, def]))
  const runs = children.filter((child) => child._type !== 'taskMarker').map((child) => ({child, marks: [...(child.marks ?? [])]}))
  return build(runs, defs, context, at)
}

function build(runs: Run[], defs: Map<string, StoredMarkDef>, context: ExportContext, at: string): PhrasingContent[] {
  const out: PhrasingContent[] = []
  let i = 0
  while (i < runs.length) {
    const run = runs[i]!
    const mark = outerMark(runs, i)
    if (mark === undefined) {
      out.push(...leaf(run, context, at))
      i++
      continue
    }
    let j = i
    while (j < runs.length && runs[j]!.marks.includes(mark)) j++
    const inner = runs.slice(i, j).map((r) => ({...r, marks: r.marks.filter((m) => m !== mark)}))
    out.push(...wrap(mark, build(inner, defs, context, at), defs, context, at))
    i = j
  }
  return out
}

/**
 * The mark to open at `runs[i]`: the one that lasts longest from here; on a tie the one listed
 * first (the importer lists marks outermost first). Code only when alone: it cannot hold marks.
 */
function outerMark(runs: Run[], i: number): string | undefined {
  const marks = runs[i]!.marks.filter((mark) => mark !== 'code')
  if (marks.length === 0) return undefined
  let best: string | undefined
  let bestLength = -1
  for (const mark of marks) {
    let length = 0
    while (i + length < runs.length && runs[i + length]!.marks.includes(mark)) length++
    if (length > bestLength) {
      best = mark
      bestLength = length
    }
  }
  return best
}

function leaf(run: Run, context: ExportContext, at: string): PhrasingContent[] {
  const {child} = run
  switch (child._type) {
    case 'span': {
      const code = run.marks.includes('code')
      return splitBreaks(child.text ?? '').flatMap((part, index): PhrasingContent[] => {
        const text: PhrasingContent[] = part === '' ? [] : [code ? {type: 'inlineCode', value: part} : {type: 'text', value: part}]
        return index === 0 ? text : [{type: 'break'}, ...text]
      })
    }
    case 'inlineImage': {
      const image = child as StoredChild & StoredImage
      const url = imageUrl(image, context, `${at} ${child._key ?? ''}`.trim())
      return url ? [{type: 'image', url, alt: image.alt ?? '', title: image.title || null}] : []
    }
    case 'footnoteReference':
      return child.label ? [{type: 'footnoteReference', identifier: child.label.toLowerCase(), label: child.label}] : []
    default:
      context.warn(at, `inline "${child._type}" has no markdown form; not exported`)
      return []
  }
}

function splitBreaks(text: string): string[] {
  return text.split('\n')
}

/** Wraps phrasing in one mark; whitespace at the edges stays outside (markdown emphasis cannot start or end with a space). */
function wrap(mark: string, inner: PhrasingContent[], defs: Map<string, StoredMarkDef>, context: ExportContext, at: string): PhrasingContent[] {
  const def = defs.get(mark)
  if (def?._type === 'link' || def?._type === 'internalLink') {
    const url = def._type === 'link' ? def.href : def.reference?._ref ? context.targetUrl(def.reference._ref) : undefined
    if (def._type === 'internalLink') context.warn(at, `internal link to ${def.reference?._ref ?? '?'} exported as a link to ${url ?? 'nothing'}`)
    if (!url) return inner
    const link: Link = {type: 'link', url, title: def.title || null, children: inner as Link['children']}
    return [link]
  }
  if (def) {
    context.warn(at, `annotation "${def._type}" has no markdown form; its text is kept`)
    return inner
  }
  const {lead, body, trail} = peelWhitespace(inner)
  if (body.length === 0) return inner
  const markdown = MARKDOWN_DECORATORS[mark]
  if (markdown) return [...lead, {type: markdown, children: body} as PhrasingContent, ...trail]
  const tag = HTML_DECORATORS[mark]
  if (tag) return [...lead, html(`<${tag}>`), ...body, html(`</${tag}>`), ...trail]
  context.warn(at, `decorator "${mark}" has no markdown form; its text is kept`)
  return inner
}

function html(value: string): Html {
  return {type: 'html', value}
}

function peelWhitespace(nodes: PhrasingContent[]): {lead: PhrasingContent[]; body: PhrasingContent[]; trail: PhrasingContent[]} {
  const body = [...nodes]
  const lead: PhrasingContent[] = []
  const trail: PhrasingContent[] = []
  const first = body[0]
  if (first?.type === 'text') {
    const match = /^\s+/.exec(first.value)
    if (match) {
      lead.push({type: 'text', value: match[0]})
      const rest = first.value.slice(match[0].length)
      if (rest === '') body.shift()
      else body[0] = {type: 'text', value: rest}
    }
  }
  const last = body[body.length - 1]
  if (last?.type === 'text') {
    const match = /\s+$/.exec(last.value)
    if (match) {
      trail.push({type: 'text', value: match[0]})
      const rest = last.value.slice(0, -match[0].length)
      if (rest === '') body.pop()
      else body[body.length - 1] = {type: 'text', value: rest}
    }
  }
  return {lead, body, trail}
}
