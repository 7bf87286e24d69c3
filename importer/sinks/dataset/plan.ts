/**
 * Decides, before anything is written, what happens to each document: compare the new import,
 * the dataset's copy and what was recorded when that copy was imported (`importInfo`).
 *
 * - create: absent from the dataset
 * - unchanged: nothing to write (the source did not change, or only the editor did)
 * - update: the source changed and nobody edited the copy since the last import
 * - merge: both changed, in different fields or blocks: the source's changes are applied to
 *   what the editor did not touch (three-way, by unit hashes in `importInfo.blockHashes`)
 * - conflict: a field or block changed on both sides (the rest is merged and written), a copy
 *   made by hand (no `importInfo`), one edited before block hashes were recorded, a copy of
 *   another type, or one with an unpublished draft: kept and reported
 * - overwrite: a conflict written anyway (`--force`)
 */
import type {Mutation} from '@sanity/client'
import type {SanityDocumentLike} from 'sanity'
import {blockHashes, recordedUnitHashes, valueHash} from '../../documents/block-hashes.ts'
import {contentHash} from '../../documents/content-hash.ts'
import {mergeDocument, mergedBlockHashes, type UnitConflict} from './merge.ts'
import {recordingRevision, withoutRevision} from './revision.ts'

export type PlanAction = 'create' | 'update' | 'merge' | 'unchanged' | 'conflict' | 'overwrite' | 'delete'

export interface PlanEntry {
  id: string
  action: PlanAction
  /** Whether a mutation is sent for it (a conflict's merged part may be). */
  write: boolean
  /** Why a conflict is one (also kept for overwrites and for unchanged copies an editor changed). */
  reason?: string
  /** The fields and blocks changed on both sides. */
  conflicts?: UnitConflict[]
  /** The document to write (`importInfo` describing the source); for deletes, the stale copy. */
  document: SanityDocumentLike
  /** The dataset's copy when the plan was made. */
  remote?: SanityDocumentLike
}

/** What the dataset holds for the planned ids: published copies, and which have drafts. */
export interface RemoteState {
  documents: Map<string, SanityDocumentLike>
  drafts: Set<string>
  /**
   * Copies known, without reading them, to be exactly what an import with the expected hash
   * wrote (their `_rev` is the revision the push recorded in them): summaries, not documents.
   */
  verified?: Map<string, RemoteSummary>
}

/** What the plan reads first of each copy: enough to tell an untouched one (see revision.ts). */
export interface RemoteSummary {
  _id: string
  _type: string
  /** The recorded content hash. */
  hash?: string | null
  /** `_rev` is the revision the last push recorded, and block hashes are recorded. */
  untouched?: boolean | null
}

/** What the new import of a document will be, for telling untouched copies apart. */
export interface Expected {
  hash: string
  type: string
}

/** Ids per query: a few reads even for thousands of documents (long queries go as POST). */
export const IDS_PER_QUERY = 1000

const REMOTE_QUERY = '*[_id in $ids || _id in $draftIds]'

/** The first read of a push: per copy, only what deciding "untouched?" needs. */
export const REMOTE_SUMMARY_QUERY =
  '*[_id in $ids || _id in $draftIds]{_id, _type, "hash": importInfo.contentHash, "untouched": _rev == importInfo.revision && defined(importInfo.blockHashes)}'

/** The second read: whole copies, of the ids the summaries could not decide. */
export const REMOTE_DOCUMENTS_QUERY = '*[_id in $ids]'

/** Actions whose written document is the import itself (not a merge of it). */
const RECORDS_REVISION = new Set<PlanAction>(['create', 'update', 'overwrite'])

/** Fields the Content Lake sets; never sent back in a patch. */
const SYSTEM_KEYS = new Set(['_id', '_type', '_rev', '_createdAt', '_updatedAt'])

type QueryFn = <T>(query: string, params: Record<string, unknown>) => Promise<T>

/**
 * Reads the dataset's copies (and drafts) of the given ids in ⌈ids/200⌉ queries.
 * @param query - runs one GROQ query (the transport, with retries and rate limit)
 * @param ids - published document ids
 * @returns what the dataset holds
 */
export async function readRemote(query: QueryFn, ids: string[], expected?: ReadonlyMap<string, Expected>): Promise<RemoteState> {
  if (expected) return readRemoteSummaries(query, ids, expected)
  const state: RemoteState = {documents: new Map(), drafts: new Set()}
  const found = await queryByIds<SanityDocumentLike>(query, REMOTE_QUERY, ids, true)
  for (const doc of withoutDrafts(found, state.drafts)) state.documents.set(doc._id, doc)
  return state
}

/**
 * Reads summaries first and whole copies only where a summary cannot tell: a copy whose `_rev` is
 * the revision the last push recorded in it, whose recorded hash is the new import's and which
 * has no draft is untouched and unchanged (and stays unread).
 */
async function readRemoteSummaries(query: QueryFn, ids: string[], expected: ReadonlyMap<string, Expected>): Promise<RemoteState> {
  const state: RemoteState = {documents: new Map(), drafts: new Set(), verified: new Map()}
  const summaries = withoutDrafts(await queryByIds<RemoteSummary>(query, REMOTE_SUMMARY_QUERY, ids, true), state.drafts)
  const undecided: string[] = []
  for (const summary of summaries) {
    const wanted = expected.get(summary._id)
    const same = wanted !== undefined && summary.hash === wanted.hash && summary._type === wanted.type
    if (summary.untouched === true && same && !state.drafts.has(summary._id)) state.verified?.set(summary._id, summary)
    else undecided.push(summary._id)
  }
  for (const doc of await queryByIds<SanityDocumentLike>(query, REMOTE_DOCUMENTS_QUERY, undecided, false)) state.documents.set(doc._id, doc)
  return state
}

/** One query per {@link IDS_PER_QUERY} ids (with their draft ids when asked); the results, in order. */
async function queryByIds<T>(query: QueryFn, groq: string, ids: string[], withDrafts: boolean): Promise<T[]> {
  const found: T[] = []
  for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
    const chunk = ids.slice(start, start + IDS_PER_QUERY)
    const params = withDrafts ? {ids: chunk, draftIds: chunk.map((id) => `drafts.${id}`)} : {ids: chunk}
    found.push(...(await query<T[]>(groq, params)))
  }
  return found
}

/** The published documents of a result; the ids that have drafts go into `drafts`. */
function withoutDrafts<T extends {_id: string}>(found: T[], drafts: Set<string>): T[] {
  const published: T[] = []
  for (const doc of found) {
    if (doc._id.startsWith('drafts.')) drafts.add(doc._id.slice('drafts.'.length))
    else published.push(doc)
  }
  return published
}

function recordedHash(doc: SanityDocumentLike): string | undefined {
  const info = doc.importInfo as {contentHash?: unknown} | undefined
  return typeof info?.contentHash === 'string' ? info.contentHash : undefined
}

/**
 * Copies a document with `importInfo.contentHash` and `blockHashes` set to its actual hashes
 * (they are what later runs compare, so they must describe exactly what the source produced).
 * @param document - as the importer produced it
 * @returns the copy and its hash
 */
export function withContentHash(document: SanityDocumentLike): {
  document: SanityDocumentLike
  hash: string
} {
  const copy = structuredClone(document)
  const hash = contentHash(copy)
  const info = (copy.importInfo ?? {}) as Record<string, unknown>
  copy.importInfo = {...info, _type: 'importInfo', contentHash: hash, blockHashes: blockHashes(copy)}
  return {document: copy, hash}
}

/**
 * Whether the dataset's copy is exactly what an import with hash `hash` wrote (so writing it
 * again changes nothing; e.g. the answer to an earlier attempt was lost).
 * @param remote - the dataset's copy
 * @param hash - the new document's hash
 * @returns true when the copy is untouched and carries that hash
 */
export function isAlreadyWritten(remote: SanityDocumentLike, hash: string): boolean {
  return recordedHash(remote) === hash && contentHash(remote) === hash
}

/**
 * Classifies one document.
 * @param document - the new document (with its hashes, see {@link withContentHash})
 * @param hash - its content hash
 * @param remote - the dataset's state
 * @param force - overwrite editors' changes
 * @returns the entry
 */
export function classify(
  document: SanityDocumentLike,
  hash: string,
  remote: RemoteState,
  force: boolean,
): PlanEntry {
  const id = document._id
  const verified = remote.verified?.get(id)
  if (verified) return {id, action: 'unchanged', write: false, document, remote: {...verified}}
  const current = remote.documents.get(id)
  if (!current) return {id, action: 'create', write: true, document}
  const base = {id, document, remote: current}
  const recorded = recordedHash(current)
  const currentHash = contentHash(current)
  const edited = recorded === undefined || currentHash !== recorded
  if (!edited && recorded === hash) {
    // Imported before block hashes were recorded: record them now, so later edits can merge.
    if (!recordedUnitHashes(current.importInfo)) return {...base, action: 'update', write: true, reason: 'records block hashes'}
    return {...base, action: 'unchanged', write: false}
  }
  // The copy already has the new content (only importInfo lags): writing loses nothing.
  if (currentHash === hash && current._type === document._type) return {...base, action: 'update', write: true}

  let reason: string | undefined
  if (recorded === undefined) reason = 'not made by the importer (no importInfo)'
  else if (remote.drafts.has(id)) reason = `an unpublished draft exists (drafts.${id})`
  else if (current._type !== document._type) reason = `is a ${current._type} in the dataset`
  if (reason === undefined && !edited) return {...base, action: 'update', write: true}
  if (reason === undefined) return mergeEntry(document, current, force)
  return {...base, action: force ? 'overwrite' : 'conflict', write: force, reason}
}

/** An edited copy whose source changed too (or not): merge three ways by unit hashes. */
function mergeEntry(document: SanityDocumentLike, current: SanityDocumentLike, force: boolean): PlanEntry {
  const base = {id: document._id, remote: current}
  const units = recordedUnitHashes(current.importInfo)
  if (!units) {
    const reason = 'edited in the dataset since the last import (imported without block hashes: cannot merge)'
    return {...base, document, action: force ? 'overwrite' : 'conflict', write: force, reason}
  }
  const {document: merged, conflicts} = mergeDocument(units, current, document)
  if (conflicts.length > 0 && force) {
    return {...base, document, action: 'overwrite', write: true, reason: describeConflicts(conflicts), conflicts}
  }
  const info = (document.importInfo ?? {}) as Record<string, unknown>
  merged.importInfo = {...info, blockHashes: mergedBlockHashes(document, units, conflicts)}
  const sameContent = contentHash(merged) === contentHash(current)
  const same = sameContent && valueHash(withoutRevision(merged.importInfo)) === valueHash(withoutRevision(current.importInfo))
  if (conflicts.length > 0) {
    // Written only when the merge changes content: the conflicting units keep their old base.
    return {...base, document: merged, action: 'conflict', write: !sameContent, reason: describeConflicts(conflicts), conflicts}
  }
  if (same) return {...base, document: merged, action: 'unchanged', write: false, reason: "the editor's changes are kept"}
  return {...base, document: merged, action: 'merge', write: true}
}

function describeConflicts(conflicts: UnitConflict[]): string {
  const names = conflicts.map(({field, key}) => (key === undefined ? field : `${field}[_key=="${key}"]`))
  return `changed in the dataset and in the source: ${names.join(', ')}`
}

/**
 * Classifies every document.
 * @param documents - new documents, each with its hash
 * @param remote - the dataset's state
 * @param force - overwrite editors' changes
 * @returns one entry per document, in input order
 */
export function makePlan(
  documents: {document: SanityDocumentLike; hash: string}[],
  remote: RemoteState,
  force: boolean,
): PlanEntry[] {
  return documents.map(({document, hash}) => classify(document, hash, remote, force))
}

/**
 * The mutation that carries out an entry: `create` for new documents (so two pushes racing on
 * one id conflict instead of one silently overwriting the other; a retried create whose first
 * attempt committed is recognised on re-planning); for everything else a patch guarded by the
 * planned revision, so an editor's change made after the plan is never overwritten.
 * @param entry - a create, update, merge, overwrite or written conflict
 * @returns the mutation
 */
export function mutationFor(entry: PlanEntry): Mutation {
  const {remote} = entry
  // Only a copy written exactly as imported records the revision (revision.ts): a merged one
  // differs from its recorded hash, and must be read in full next time.
  const document = RECORDS_REVISION.has(entry.action) ? recordingRevision(entry.document) : entry.document
  if (entry.action === 'create' || !remote?._rev) return {create: document}
  const set: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(document)) {
    if (!SYSTEM_KEYS.has(key) && value !== undefined) set[key] = value
  }
  const unset = Object.keys(remote).filter((key) => !SYSTEM_KEYS.has(key) && !(key in set))
  return {
    patch: {id: document._id, ifRevisionID: remote._rev, set, ...(unset.length ? {unset} : {})},
  }
}
