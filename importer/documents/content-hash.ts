import {hash} from 'node:crypto'

/** Fields the Content Lake or the importer itself sets, which say nothing about content. */
const SYSTEM_FIELDS = new Set(['_rev', '_createdAt', '_updatedAt', 'importInfo'])

/**
 * Keys of an image object that change when its file is uploaded (NDJSON `_sanityAsset` becomes
 * `asset` on import or push). The kept `src` identifies the image across both forms.
 */
const ASSET_FIELDS = new Set(['asset', '_sanityAsset'])

function isImageObject(value: Record<string, unknown>): boolean {
  return 'asset' in value || '_sanityAsset' in value
}

/**
 * Whether {@link contentHash} leaves a top-level field of this document out.
 * @param document - the document
 * @param field - one of its fields
 * @returns true for system fields, `importInfo`, and an image document's asset fields
 */
export function isIgnoredField(document: Record<string, unknown>, field: string): boolean {
  return leftOut(field, true, isImageObject(document))
}

/** System fields of a whole document, asset fields of an image object. */
function leftOut(key: string, top: boolean, image: boolean): boolean {
  return (top && SYSTEM_FIELDS.has(key)) || (image && ASSET_FIELDS.has(key))
}

/**
 * The canonical form hashes are taken of: keys sorted, `undefined` dropped, image asset
 * references left out (so an upload does not change it).
 * @param value - any JSON-like value
 * @param top - whether `value` is a whole document (its system fields are left out too)
 * @returns the canonical copy
 */
export function canonical(value: unknown, top: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => canonical(item, false))
  if (value === null || typeof value !== 'object') return value
  const record = value as Record<string, unknown>
  const image = isImageObject(record)
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(record).sort()) {
    if (leftOut(key, top, image) || record[key] === undefined) continue
    out[key] = canonical(record[key], false)
  }
  return out
}

/**
 * A stable fingerprint of a document's content, the same before and after its images are
 * uploaded, so a later import can tell whether an editor changed the document since.
 * @param document - any Sanity document (as written to NDJSON or as read from a dataset)
 * @returns sha256 hex of the canonical JSON (sorted keys) without system fields and asset refs
 */
export function contentHash(document: Record<string, unknown>): string {
  return hash('sha256', JSON.stringify(canonical(document, true)))
}
