/**
 * Decides, before anything is written, what happens to each document: compare the new import,
 * the dataset's copy and the hash recorded when that copy was imported.
 *
 * - create: absent from the dataset
 * - unchanged: the recorded hash equals the new one and nobody edited the copy
 * - update: the source changed and nobody edited the copy since the last import
 * - conflict: an editor changed the copy (its content no longer matches its recorded hash), it
 *   was made by hand (no `importInfo`), or an unpublished draft of it exists: kept, reported
 * - overwrite: a conflict written anyway (`--force`)
 */
import type {Mutation} from '@sanity/client'
import type {SanityDocumentLike} from 'sanity'
import {contentHash} from '../../documents/content-hash'

export type PlanAction = 'create' | 'update' | 'unchanged' | 'conflict' | 'overwrite'

export interface PlanEntry {
  id: string
  action: PlanAction
  /** Why a conflict is one (also kept for overwrites). */
  reason?: string
  /** The document to write, `importInfo.contentHash` set to its hash. */
  document: SanityDocumentLike
  /** The dataset's copy when the plan was made. */
  remote?: SanityDocumentLike
}

/** What the dataset holds for the planned ids: published copies, and which have drafts. */
export interface RemoteState {
  documents: Map<string, SanityDocumentLike>
  drafts: Set<string>
}

/** Ids per query: keeps each read small while a report still needs only a few. */
export const IDS_PER_QUERY = 200

const REMOTE_QUERY = '*[_id in $ids || _id in $draftIds]'

/** Fields the Content Lake sets; never sent back in a patch. */
const SYSTEM_KEYS = new Set(['_id', '_type', '_rev', '_createdAt', '_updatedAt'])

type QueryFn = <T>(query: string, params: Record<string, unknown>) => Promise<T>

/**
 * Reads the dataset's copies (and drafts) of the given ids in ⌈ids/200⌉ queries.
 * @param query - runs one GROQ query (the transport, with retries and rate limit)
 * @param ids - published document ids
 * @returns what the dataset holds
 */
export async function readRemote(query: QueryFn, ids: string[]): Promise<RemoteState> {
  const state: RemoteState = {documents: new Map(), drafts: new Set()}
  for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
    const chunk = ids.slice(start, start + IDS_PER_QUERY)
    const draftIds = chunk.map((id) => `drafts.${id}`)
    const found = await query<SanityDocumentLike[]>(REMOTE_QUERY, {ids: chunk, draftIds})
    for (const doc of found) {
      if (doc._id.startsWith('drafts.')) state.drafts.add(doc._id.slice('drafts.'.length))
      else state.documents.set(doc._id, doc)
    }
  }
  return state
}

function recordedHash(doc: SanityDocumentLike): string | undefined {
  const info = doc.importInfo as {contentHash?: unknown} | undefined
  return typeof info?.contentHash === 'string' ? info.contentHash : undefined
}

/**
 * Copies a document with `importInfo.contentHash` set to its actual hash (the hash is what
 * later runs compare, so it must describe exactly what is written).
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
  copy.importInfo = {...info, _type: 'importInfo', contentHash: hash}
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
 * @param document - the new document (with its hash, see {@link withContentHash})
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
  const current = remote.documents.get(id)
  if (!current) return {id, action: 'create', document}
  const base = {id, document, remote: current}
  const recorded = recordedHash(current)
  const currentHash = contentHash(current)
  const edited = recorded === undefined || currentHash !== recorded
  if (!edited && recorded === hash) return {...base, action: 'unchanged'}
  // The copy already has the new content (only importInfo lags): writing loses nothing.
  if (currentHash === hash && current._type === document._type) return {...base, action: 'update'}

  let reason: string | undefined
  if (recorded === undefined) reason = 'not made by the importer (no importInfo)'
  else if (edited) reason = 'edited in the dataset since the last import'
  else if (remote.drafts.has(id)) reason = `an unpublished draft exists (drafts.${id})`
  else if (current._type !== document._type) reason = `is a ${current._type} in the dataset`
  if (reason === undefined) return {...base, action: 'update'}
  return {...base, action: force ? 'overwrite' : 'conflict', reason}
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
 * The mutation that carries out an entry: `createOrReplace` for new and forced documents
 * (idempotent, so a retried request cannot duplicate anything); for updates a patch guarded by
 * the planned revision, so an editor's change made after the plan is never overwritten.
 * @param entry - a create, update or overwrite
 * @returns the mutation
 */
export function mutationFor(entry: PlanEntry): Mutation {
  const {document, remote} = entry
  if (entry.action !== 'update' || !remote?._rev) return {createOrReplace: document}
  const set: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(document)) {
    if (!SYSTEM_KEYS.has(key) && value !== undefined) set[key] = value
  }
  const unset = Object.keys(remote).filter((key) => !SYSTEM_KEYS.has(key) && !(key in set))
  return {
    patch: {id: document._id, ifRevisionID: remote._rev, set, ...(unset.length ? {unset} : {})},
  }
}

/**
 * Counts entries per action.
 * @param entries - a plan
 * @returns counts for every action (zero included)
 */
export function countActions(entries: PlanEntry[]): Record<PlanAction, number> {
  const counts: Record<PlanAction, number> = {
    create: 0,
    update: 0,
    unchanged: 0,
    conflict: 0,
    overwrite: 0,
  }
  for (const entry of entries) counts[entry.action]++
  return counts
}
