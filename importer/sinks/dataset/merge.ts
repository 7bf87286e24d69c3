/**
 * Three-way merge of one document: what was last imported (only its unit hashes, from
 * `importInfo.blockHashes`), what an editor made of it (the dataset's copy) and what the source
 * says now. Each unit — a top-level field, or an item of an array of keyed objects by `_key` —
 * comes from the side that changed it; a unit changed on both sides (differently) is a conflict
 * and keeps the editor's version.
 */
import type {SanityDocumentLike} from 'sanity'
import {blockHashes, isKeyedArray, unitHashes, unitKey, valueHash, type BlockHash} from '../../documents/block-hashes.ts'

/** A unit both the editor and the source changed, differently. */
export interface UnitConflict {
  /** The field, e.g. `body`. */
  field: string
  /** The array item's `_key`, when the unit is one. */
  key?: string
  /** The editor's version as text (empty when the editor deleted it). */
  editor: string
  /** The source's version as text (empty when the source deleted it). */
  source: string
  /** The `_key` of the source's new block that replaces this one (content-derived keys change with the text). */
  replacedBy?: string
}

export interface MergeResult {
  /** The merged document (system fields and `importInfo` as in the source document). */
  document: SanityDocumentLike
  conflicts: UnitConflict[]
}

/** Fields that are not content, or not merged (set by the Content Lake or the importer). */
const NOT_MERGED = new Set(['_id', '_type', '_rev', '_createdAt', '_updatedAt', 'importInfo'])

type Side = 'source' | 'remote' | 'conflict'

/** Which side a unit comes from, given the hashes of base, editor (remote) and source. */
function decide(base: string | undefined, remote: string | undefined, source: string | undefined): Side {
  if (remote === source || remote === base) return 'source'
  if (source === base) return 'remote'
  return 'conflict'
}

const hashOf = (value: unknown): string | undefined => (value === undefined ? undefined : valueHash(value))

/** Items of a keyed array; `[]` for absent or empty; undefined for anything else. */
function itemsOf(value: unknown): Record<string, unknown>[] | undefined {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return []
  return isKeyedArray(value) ? value : undefined
}

/**
 * Merges one document three ways.
 * @param base - unit hashes of what was last imported (`importInfo.blockHashes`, by `unitKey`)
 * @param remote - the dataset's copy (an editor changed it)
 * @param source - what the import produces now
 * @returns the merged document and the units changed on both sides
 */
export function mergeDocument(
  base: Map<string, string>,
  remote: SanityDocumentLike,
  source: SanityDocumentLike,
): MergeResult {
  const conflicts: UnitConflict[] = []
  const merged: Record<string, unknown> = {}
  for (const key of Object.keys(source)) if (NOT_MERGED.has(key)) merged[key] = source[key]
  const fields = new Set([...Object.keys(source), ...Object.keys(remote)].filter((field) => !NOT_MERGED.has(field)))
  for (const field of fields) {
    const remoteValue = remote[field]
    const sourceValue = source[field]
    const remoteItems = itemsOf(remoteValue)
    const sourceItems = itemsOf(sourceValue)
    const keyed = remoteItems && sourceItems && (remoteItems.length + sourceItems.length > 0 || base.has(unitKey(`${field}[]`)))
    const value = keyed
      ? mergeArray(field, base, remoteItems, sourceItems, conflicts, sourceValue === undefined)
      : mergeValue(field, base, remoteValue, sourceValue, conflicts)
    if (value !== undefined) merged[field] = value
  }
  return {document: merged as SanityDocumentLike, conflicts}
}

function mergeValue(
  field: string,
  base: Map<string, string>,
  remote: unknown,
  source: unknown,
  conflicts: UnitConflict[],
): unknown {
  const side = decide(base.get(unitKey(field)), hashOf(remote), hashOf(source))
  if (side === 'conflict') conflicts.push({field, editor: textOf(remote), source: textOf(source)})
  return side === 'source' ? source : remote
}

function mergeArray(
  field: string,
  base: Map<string, string>,
  remote: Record<string, unknown>[],
  source: Record<string, unknown>[],
  conflicts: UnitConflict[],
  sourceAbsent: boolean,
): unknown {
  const remoteByKey = new Map(remote.map((item) => [String(item._key), item]))
  const sourceByKey = new Map(source.map((item) => [String(item._key), item]))
  const baseHas = (key: string): boolean => base.has(unitKey(`${field}.${key}`))
  const replacements = pairReplacements(remote, source, remoteByKey, sourceByKey, baseHas)
  const chosen = new Map<string, Record<string, unknown>>()
  const heldBack = new Set<string>()
  for (const key of new Set([...sourceByKey.keys(), ...remoteByKey.keys()])) {
    if (heldBack.has(key)) continue
    const remoteItem = remoteByKey.get(key)
    const replacement = replacements.get(key)
    const sourceItem = sourceByKey.get(key)
    const baseHash = base.get(unitKey(`${field}.${key}`))
    const side = decide(baseHash, hashOf(remoteItem), hashOf(sourceItem))
    if (side === 'conflict') {
      const replacementItem = replacement === undefined ? undefined : sourceByKey.get(replacement)
      conflicts.push({field, key, editor: textOf(remoteItem), source: textOf(replacementItem ?? sourceItem), ...(replacement ? {replacedBy: replacement} : {})})
      // The editor's block stays; the source's rewrite of it is not added beside it.
      if (replacement) {
        heldBack.add(replacement)
        chosen.delete(replacement)
      }
    }
    const item = side === 'source' ? sourceItem : remoteItem
    if (item) chosen.set(key, item)
  }
  const sourceKeys = source.map((item) => String(item._key))
  const remoteKeys = remote.map((item) => String(item._key))
  // The source's order wins unless only the editor reordered (the source's order is as imported).
  const sourceOrderUnchanged = valueHash(sourceKeys) === base.get(unitKey(`${field}[]`))
  const [primary, secondary] = sourceOrderUnchanged ? [remoteKeys, sourceKeys] : [sourceKeys, remoteKeys]
  const order = weave(primary, secondary, chosen)
  if (order.length === 0) return sourceAbsent ? undefined : []
  return order.map((key) => chosen.get(key))
}

/**
 * Content-derived keys change when a block's text changes, so the source's edit of a block looks
 * like a removal plus a new block. Pairs each block the source removed (known to the base, still
 * in the dataset) with the new source block standing where it stood: the block after their
 * nearest common predecessor.
 */
function pairReplacements(
  remote: Record<string, unknown>[],
  source: Record<string, unknown>[],
  remoteByKey: Map<string, unknown>,
  sourceByKey: Map<string, unknown>,
  baseHas: (key: string) => boolean,
): Map<string, string> {
  const pairs = new Map<string, string>()
  const taken = new Set<string>()
  const sourceKeys = source.map((item) => String(item._key))
  let previous: string | undefined
  for (const item of remote) {
    const key = String(item._key)
    if (sourceByKey.has(key)) {
      previous = key
      continue
    }
    if (!baseHas(key)) continue
    const candidate = sourceKeys[previous === undefined ? 0 : sourceKeys.indexOf(previous) + 1]
    if (candidate !== undefined && !baseHas(candidate) && !remoteByKey.has(candidate) && !taken.has(candidate)) {
      pairs.set(key, candidate)
      taken.add(candidate)
      previous = candidate
    }
  }
  return pairs
}

/**
 * The primary order, with the secondary side's extra items inserted after their nearest
 * preceding neighbour on that side (an editor's new paragraph stays where it was put).
 */
function weave(primary: string[], secondary: string[], chosen: Map<string, unknown>): string[] {
  const order = primary.filter((key) => chosen.has(key))
  let anchor = -1
  for (const key of secondary) {
    if (!chosen.has(key)) continue
    const at = order.indexOf(key)
    if (at >= 0) {
      anchor = at
      continue
    }
    order.splice(anchor + 1, 0, key)
    anchor++
  }
  return order
}

/**
 * The plain text of a value for a conflict message: a block's spans, an image as markdown, a
 * string, or short JSON.
 * @param value - a block, a field value, or undefined
 * @returns at most 200 characters
 */
export function textOf(value: unknown): string {
  if (value === undefined) return ''
  let text: string
  const children = (value as {children?: unknown} | null)?.children
  const image = value as {src?: unknown; alt?: unknown} | null
  if (Array.isArray(children)) {
    text = children.map((child) => String((child as {text?: unknown})?.text ?? '')).join('')
  } else if (typeof image?.src === 'string') {
    // An image as markdown writes it, so it can be found in the source.
    text = `![${typeof image.alt === 'string' ? image.alt : ''}](${image.src})`
  } else if (typeof value === 'string') {
    text = value
  } else {
    text = JSON.stringify(value)
  }
  return text.length > 200 ? `${text.slice(0, 199)}…` : text
}

/**
 * The block hashes to record after writing a merge: the source's (what this import produced),
 * except that a conflicting unit keeps its old base so the conflict is reported again until it
 * is resolved (by the editor, the source or `--force`).
 * @param source - the source document
 * @param base - the recorded base
 * @param conflicts - the merge's conflicts
 * @returns the entries for `importInfo.blockHashes`
 */
export function mergedBlockHashes(
  source: SanityDocumentLike,
  base: Map<string, string>,
  conflicts: UnitConflict[],
): BlockHash[] {
  if (conflicts.length === 0) return blockHashes(source)
  const units = unitHashes(source)
  for (const {field, key, replacedBy} of conflicts) {
    // The held-back rewrite is not in the dataset: it must stay new to the next merge.
    if (replacedBy !== undefined) units.delete(`${field}.${replacedBy}`)
    const unit = key === undefined ? field : `${field}.${key}`
    const old = base.get(unitKey(unit))
    if (old === undefined) units.delete(unit)
    else units.set(unit, old)
  }
  return [...units].map(([unit, hash]) => ({_type: 'blockHash', _key: unitKey(unit), hash}))
}
