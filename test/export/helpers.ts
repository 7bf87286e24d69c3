import {exportReport, type ExportWarning} from '../../exporter/index.ts'
import {runLocalQuery, type StoredDocument} from '../../queries/run-local.ts'

/**
 * Exports one year of documents held in memory (groq-js, the same query the command runs).
 * @returns the markdown and warnings
 */
export function exportFrom(documents: readonly StoredDocument[], year: number): Promise<{markdown: string; warnings: ExportWarning[]}> {
  return exportReport((query, params) => runLocalQuery(query, documents, params), year)
}

type Json = null | boolean | number | string | Json[] | {[key: string]: Json}

/**
 * A document as content, without what depends on how it was produced: `importInfo` (source file
 * and hash), `_key` values (counters today, content-derived later), and span marks that name a
 * markDef by key (replaced by the markDef's position in its block).
 */
export function contentOf(document: StoredDocument): Json {
  const {importInfo: _ignored, ...rest} = document
  return normalise(rest as Json)
}

function normalise(value: Json): Json {
  if (Array.isArray(value)) return value.map(normalise)
  if (value === null || typeof value !== 'object') return value
  const object = value
  const defs = Array.isArray(object.markDefs) ? (object.markDefs as Array<{_key?: string}>).map((def) => def._key) : []
  const out: {[key: string]: Json} = {}
  for (const key of Object.keys(object).sort()) {
    if (key === '_key') continue
    if (key === 'children' && Array.isArray(object.children) && defs.length > 0) {
      out.children = object.children.map((child) => {
        const span = normalise(child) as {[key: string]: Json}
        if (Array.isArray(span.marks)) span.marks = span.marks.map((mark) => (typeof mark === 'string' && defs.includes(mark) ? `markDef#${defs.indexOf(mark)}` : mark))
        return span
      })
      continue
    }
    out[key] = normalise(object[key]!)
  }
  return out
}

/** What a reader gets from a set of documents: every word, link, image, heading and paragraph. */
export function readerFacts(documents: readonly StoredDocument[]) {
  const words: string[] = []
  const links: string[] = []
  const images: string[] = []
  const headings: string[] = []
  let paragraphs = 0
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit)
    if (!value || typeof value !== 'object') return
    const object = value as Record<string, unknown>
    if (object._type === 'span' && typeof object.text === 'string') words.push(...object.text.split(/\s+/).filter(Boolean))
    if (object._type === 'block') paragraphs++
    if (object._type === 'link' && typeof object.href === 'string') links.push(object.href)
    if (typeof object.src === 'string' && /image|figure|imageWithAlt|inlineImage/i.test(String(object._type))) images.push(object.src)
    for (const child of Object.values(object)) visit(child)
  }
  for (const document of documents) {
    if (document._type === 'section') {
      const section = document as StoredDocument & {title: string; level: number; untitled?: boolean; link?: string; byline?: string}
      if (!section.untitled) headings.push(`${section.level} ${section.title}`)
      if (section.link) links.push(section.link)
      if (section.byline) words.push(...section.byline.split(/\s+/).filter(Boolean))
    }
    visit(document)
  }
  return {words, links, images, headings, paragraphs}
}

/** Share of `expected` items found in `actual` (as multisets), in percent. */
export function coverage(expected: readonly string[], actual: readonly string[]): number {
  if (expected.length === 0) return 100
  const left = new Map<string, number>()
  for (const item of actual) left.set(item, (left.get(item) ?? 0) + 1)
  let found = 0
  for (const item of expected) {
    const count = left.get(item) ?? 0
    if (count > 0) {
      found++
      left.set(item, count - 1)
    }
  }
  return (100 * found) / expected.length
}
