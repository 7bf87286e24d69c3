import type {SanityDocument} from 'sanity'

let counter = 0
/** @returns a fresh 12-hex `_key` (deterministic within a test file run) */
export const key = (): string => (++counter).toString(16).padStart(12, '0')

/**
 * @param _type - document type
 * @param _id - document id
 * @param fields - the document's own fields
 * @returns a document with the system fields validation expects
 */
export function doc(_type: string, _id: string, fields: Record<string, unknown>): SanityDocument {
  const now = '2026-01-01T00:00:00Z'
  return {_id, _type, _rev: 'r1', _createdAt: now, _updatedAt: now, ...fields}
}

/** @returns a reference array member to `_ref` */
export const ref = (_ref: string) => ({_type: 'reference', _ref, _key: key()})

/**
 * A block with one span per text; a span's marks may name markDefs by their `_key`.
 *
 * @param spans - text and marks of each span
 * @param markDefs - the block's annotations
 * @returns a Portable Text block
 */
export function block(
  spans: Array<{text: string; marks?: string[]} | {_type: string; [field: string]: unknown}>,
  markDefs: Array<{_key: string; _type: string; [field: string]: unknown}> = [],
  style = 'normal',
) {
  return {
    _type: 'block',
    _key: key(),
    style,
    markDefs,
    children: spans.map((span) =>
      '_type' in span ? {_key: key(), ...span} : {_type: 'span', _key: key(), text: span.text, marks: span.marks ?? []},
    ),
  }
}

/**
 * @param href - the link target
 * @returns a block whose only span is linked to `href`, and the link's markDef key
 */
export function linkedBlock(href: string) {
  const markKey = key()
  const linked = block([{text: 'a link', marks: [markKey]}], [{_key: markKey, _type: 'link', href}])
  return {block: linked, markKey}
}

/** A sha256-shaped hex string. */
export const HASH = 'ab'.repeat(32)

/** A report document with every contract field filled; override any field. */
export function report(year: number, fields: Record<string, unknown> = {}): SanityDocument {
  return doc('report', `report-${year}`, {
    title: `Annual Report ${year}`,
    year,
    slug: {_type: 'slug', current: String(year)},
    sections: [],
    ...fields,
  })
}
