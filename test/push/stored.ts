/**
 * What a push must leave in the dataset, checked against the import itself: the documents as
 * NDJSON holds them (serialised before the push and parsed again, so nothing the push does to
 * its input or stamps on its output can make the comparison pass), each image object linked to
 * the asset its file's bytes make.
 */
import {createHash} from 'node:crypto'
import {existsSync, readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import type {SanityDocumentLike} from 'sanity'
import {expect} from 'vitest'

/** Fields the dataset sets on every document; not part of what was imported. */
const SYSTEM_FIELDS = ['_rev', '_createdAt', '_updatedAt']

/**
 * The documents as an NDJSON text, one per line, as `npm run import` writes them.
 * @param documents - the import's documents, before the push
 * @returns the text
 */
export function toNdjson(documents: readonly unknown[]): string {
  return documents.map((document) => `${JSON.stringify(document)}\n`).join('')
}

/** sha1 of the bytes an `image@file://…` source names (the content address of its asset). */
function sha1OfSource(source: string): string {
  let file: string
  try {
    file = fileURLToPath(source.slice('image@'.length))
  } catch {
    // Not an absolute file URL (e.g. relative to an NDJSON file): compared as written.
    return source
  }
  if (!existsSync(file)) return `missing ${file}`
  return createHash('sha1').update(readFileSync(file)).digest('hex')
}

/** A copy with `_sanityAsset` sources (expected) or asset references (stored) as the image's sha1. */
function withAssetsAsSha1(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withAssetsAsSha1)
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(value)) {
    if (key === '_sanityAsset' && typeof field === 'string' && field.startsWith('image@file:')) {
      out.assetSha1 = sha1OfSource(field)
    } else if (key === 'asset' && field && typeof field === 'object' && typeof (field as {_ref?: unknown})._ref === 'string') {
      // image-<sha1>-<width>x<height>-<ext>
      out.assetSha1 = /^image-([0-9a-f]{40})-/.exec((field as {_ref: string})._ref)?.[1] ?? (field as {_ref: string})._ref
    } else out[key] = withAssetsAsSha1(field)
  }
  return out
}

/**
 * A stored document without the dataset's system fields, without the revision the push records
 * (checked: it is the copy's `_rev`), and without the block hashes the push records when the
 * import did not carry them (when it did, they must be stored as imported).
 */
function storedForm(document: SanityDocumentLike, imported: SanityDocumentLike): unknown {
  const copy: Record<string, unknown> = {...document}
  for (const field of SYSTEM_FIELDS) delete copy[field]
  const importedInfo = imported.importInfo as Record<string, unknown> | undefined
  // A copy written as imported records the transaction that wrote it: its own revision.
  if (copy.importInfo && typeof copy.importInfo === 'object' && !importedInfo?.revision) {
    const {revision, ...info} = copy.importInfo as Record<string, unknown>
    expect(revision, `${document._id}: importInfo.revision`).toBe(document._rev)
    copy.importInfo = info
  }
  if (copy.importInfo && typeof copy.importInfo === 'object' && !importedInfo?.blockHashes) {
    const {blockHashes: _recorded, ...info} = copy.importInfo as Record<string, unknown>
    copy.importInfo = info
  }
  return withAssetsAsSha1(copy)
}

/**
 * Asserts that the dataset holds every imported document exactly once and exactly as imported:
 * every field, block, span text, mark and key; the source, content hash and block hashes the
 * import recorded;
 * each image linked to the asset of its file's bytes. Asset documents and the lake's own `_.`
 * documents are left out.
 * @param stored - every document the dataset holds
 * @param ndjson - the import as NDJSON, taken before the push (see {@link toNdjson})
 */
export function expectStoredAsImported(stored: readonly SanityDocumentLike[], ndjson: string): void {
  const imported = ndjson.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as SanityDocumentLike)
  const content = stored.filter((doc) => !doc._id.startsWith('_.') && doc._type !== 'sanity.imageAsset')
  expect(content.map((doc) => doc._id).sort()).toEqual(imported.map((doc) => doc._id).sort())
  const byId = new Map(content.map((doc) => [doc._id, doc]))
  for (const expected of imported) {
    expect(storedForm(byId.get(expected._id) as SanityDocumentLike, expected), expected._id).toEqual(withAssetsAsSha1(expected))
  }
}
