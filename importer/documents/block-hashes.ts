/**
 * What an import wrote, unit by unit, so a later push can merge three ways (what was imported,
 * what an editor made of it, what the source says now) without keeping the old content.
 *
 * A unit is a top-level field, or — for a field holding an array of keyed objects (body blocks,
 * project links, reference lists) — each item by its `_key`, plus the array's order. Hashes use
 * the canonical form of `contentHash`, so uploading an image does not change them.
 */
import {hash} from 'node:crypto'
import {canonical, contentHash, isIgnoredField} from './content-hash.ts'

/** One unit's hash as stored in `importInfo.blockHashes`. */
export interface BlockHash {
  _type: 'blockHash'
  /** {@link unitKey} of the unit: `field` for a whole field, `field.key` for an array item,
   *  `field[]` for the item order (hashed: keys stay 12 hex digits like every other `_key`). */
  _key: string
  hash: string
}

/** Fields that are not content (set by the Content Lake or the importer). */
const NOT_CONTENT = new Set(['_id', '_type', '_rev', '_createdAt', '_updatedAt', 'importInfo'])

/** Whether a value is an array of objects that each carry a distinct string `_key`. */
export function isKeyedArray(value: unknown): value is Record<string, unknown>[] {
  if (!Array.isArray(value) || value.length === 0) return false
  const keys = new Set<string>()
  for (const item of value) {
    if (item === null || typeof item !== 'object') return false
    const key = (item as {_key?: unknown})._key
    if (typeof key !== 'string' || key === '' || keys.has(key)) return false
    keys.add(key)
  }
  return true
}

/**
 * The hash of any value, in the canonical form of {@link contentHash} (sorted keys, image asset
 * keys ignored).
 * @param value - a field value or an array item
 * @returns sha256 hex, shortened to 16 characters (64 bits) (collisions are irrelevant at this scale)
 */
export function valueHash(value: unknown): string {
  return contentHash({value}).slice(0, 16)
}

/**
 * The `_key` a unit's hash is stored under.
 * @param unit - `field`, `field.key` or `field[]`
 * @returns 12 hex digits
 */
export function unitKey(unit: string): string {
  return hash('sha256', unit).slice(0, 12)
}

/**
 * The units of a document and their hashes, keyed as in {@link BlockHash}.
 * @param document - a document (system fields and `importInfo` are skipped)
 * @returns unit key → hash
 */
export function unitHashes(document: Record<string, unknown>): Map<string, string> {
  return new Map(hashFields(document).units)
}

/**
 * The `importInfo.blockHashes` of a document: one entry per unit.
 * @param document - the document as imported
 * @returns entries in a stable order
 */
export function blockHashes(document: Record<string, unknown>): BlockHash[] {
  return toBlockHashes(hashFields(document).units)
}

/**
 * Reads `importInfo.blockHashes` back into a map.
 * @param importInfo - a dataset copy's `importInfo`
 * @returns {@link unitKey} → hash, or undefined when the copy was imported without block hashes
 */
export function recordedUnitHashes(importInfo: unknown): Map<string, string> | undefined {
  const list = (importInfo as {blockHashes?: unknown} | undefined)?.blockHashes
  if (!Array.isArray(list)) return undefined
  const units = new Map<string, string>()
  for (const entry of list) {
    const {_key, hash} = (entry ?? {}) as {_key?: unknown; hash?: unknown}
    if (typeof _key === 'string' && typeof hash === 'string') units.set(_key, hash)
  }
  return units
}

/** A unit's hash from the canonical JSON of its value (what {@link valueHash} computes). */
const hashOfCanonical = (json: string): string => hash('sha256', `{"value":${json}}`).slice(0, 16)

const toBlockHashes = (units: ReadonlyArray<[string, string]>): BlockHash[] =>
  units.map(([unit, unitHash]) => ({_type: 'blockHash', _key: unitKey(unit), hash: unitHash}))

/**
 * Each field of a document made canonical and serialised once: the units and their hashes (in
 * field order, an array's order before its items), and the document's canonical JSON members
 * (`"field":value`, what {@link contentHash} hashes).
 */
function hashFields(document: Record<string, unknown>): {units: Array<[string, string]>; members: string[]} {
  const members: string[] = []
  const units: Array<[string, string]> = []
  for (const field of Object.keys(document).sort()) {
    const value = document[field]
    const isUnit = !NOT_CONTENT.has(field)
    const inContent = !isIgnoredField(document, field)
    if (value === undefined || (!isUnit && !inContent)) continue
    const canonicalValue = canonical(value, false)
    let json: string
    if (isUnit && isKeyedArray(value)) {
      const items = (canonicalValue as unknown[]).map((item) => JSON.stringify(item))
      json = `[${items.join(',')}]`
      units.push([`${field}[]`, valueHash(value.map((item) => item._key))])
      value.forEach((item, index) => units.push([`${field}.${String(item._key)}`, hashOfCanonical(items[index]!)]))
    } else {
      json = JSON.stringify(canonicalValue)
      if (isUnit) units.push([field, hashOfCanonical(json)])
    }
    if (inContent) members.push(`${JSON.stringify(field)}:${json}`)
  }
  return {units, members}
}

/**
 * {@link contentHash} and {@link blockHashes} of one document at once, each field made canonical
 * and serialised once.
 * @param content - a document without `importInfo`
 * @returns the content hash and the block hashes, as the two functions give them
 */
export function documentHashes(content: Record<string, unknown>): {contentHash: string; blockHashes: BlockHash[]} {
  const {units, members} = hashFields(content)
  return {contentHash: hash('sha256', `{${members.join(',')}}`), blockHashes: toBlockHashes(units)}
}
