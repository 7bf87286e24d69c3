/**
 * Commits the planned transactions, one at a time, and re-plans a transaction the dataset
 * refused because it changed during the push (409: a revision conflict, or an id another push
 * created first). A refusal re-planning cannot fix (a reference to a missing document) stops
 * the push with a line that says exactly why.
 */
import type {SanityDocumentLike} from 'sanity'
import {batchMutations, sizeMutation, type Batch, type SizedMutation} from './batches.ts'
import {describeError, httpStatus} from './errors.ts'
import {classify, isAlreadyWritten, mutationFor, readRemote, type PlanEntry} from './plan.ts'
import type {Progress} from './progress.ts'
import type {StaleDocument} from './prune.ts'
import {isConcurrentChange, rejections} from './rejections.ts'
import type {Transport} from './transport.ts'

/** A transaction the dataset refused for a reason re-planning cannot fix. */
export class WriteRefusedError extends Error {
  readonly rule: string

  constructor(
    rule: string,
    message: string,
  ) {
    super(message)
    this.rule = rule
    this.name = 'WriteRefusedError'
  }
}

/** How often one transaction is re-planned after a concurrent change before giving up. */
export const MAX_REPLANS = 3

export interface WriteState {
  transport: Transport
  progress: Progress
  force: boolean
  /** The current plan entry of every document (replaced when re-planned). */
  entries: Map<string, PlanEntry>
  /** The source documents and their hashes, for re-planning. */
  sources: Map<string, {document: SanityDocumentLike; hash: string}>
  /** Stale documents being deleted. */
  stale: Map<string, StaleDocument>
  /** Ids whose mutation committed (deleted ones included). */
  written: Set<string>
  /** Stale documents found to be kept while writing, with why. */
  keptAtWrite: Map<string, string>
}

/**
 * Commits one transaction, re-planning it after a concurrent change.
 * @param batch - the planned transaction
 * @param state - the push's state (updated)
 * @throws WriteRefusedError when the transaction cannot be committed (missing reference, no
 *   progress)
 */
export async function writeBatch(batch: Batch, state: WriteState): Promise<void> {
  let items = batch.items
  for (let replans = 0; items.length > 0; replans++) {
    let refusal: string | undefined
    try {
      await state.transport.mutate(batchMutations(items))
      for (const item of items) state.written.add(item.id)
      state.progress.advance(items.length)
      return
    } catch (error) {
      if (httpStatus(error) !== 409) throw error
      const found = rejections(error)
      if (!isConcurrentChange(found)) {
        items = withoutBlockedDeletes(items, found, state, error)
        continue
      }
      refusal = found[0]?.description ?? describeError(error, undefined)
    }
    if (replans >= MAX_REPLANS) {
      throw new WriteRefusedError(
        'no-progress',
        `the dataset kept changing during the push: ${items.length} documents were re-planned ` +
          `${MAX_REPLANS} times and refused each time (last: ${refusal})`,
      )
    }
    state.progress.log(`the dataset changed during the push (409: ${refusal}): re-planning ${items.length} documents`)
    items = await replan(items, state)
  }
}

/** Drops deletes of documents found to be referenced; anything else refused is fatal. */
function withoutBlockedDeletes(
  items: SizedMutation[],
  found: ReturnType<typeof rejections>,
  state: WriteState,
  error: unknown,
): SizedMutation[] {
  const missing = found.find((item) => item.type === 'documentReferenceIntegrityError')
  if (missing) {
    throw new WriteRefusedError(
      'missing-reference',
      `${missing.description}, which is neither in the dataset nor in this push; nothing of this transaction was written`,
    )
  }
  const blocked = new Set(
    found.filter((item) => item.type === 'documentHasExistingReferencesError' && item.id).map((item) => item.id as string),
  )
  const dropped = items.filter((item) => blocked.has(item.id) && state.stale.has(item.id))
  if (dropped.length === 0) throw error
  for (const item of dropped) {
    state.keptAtWrite.set(item.id, 'referenced by another document (found while deleting)')
    state.progress.advance()
  }
  return items.filter((item) => !dropped.includes(item))
}

/** Reads the transaction's documents again and decides anew what to send. */
async function replan(items: SizedMutation[], state: WriteState): Promise<SizedMutation[]> {
  const query = <T>(groq: string, params: Record<string, unknown>) => state.transport.query<T>(groq, params)
  const fresh = await readRemote(query, items.map((item) => item.id))
  const next: SizedMutation[] = []
  for (const item of items) {
    const current = fresh.documents.get(item.id)
    const stale = state.stale.get(item.id)
    if (stale) {
      if (!current) {
        state.written.add(item.id)
        state.progress.advance()
      } else if (current._rev !== stale.remote._rev) {
        state.keptAtWrite.set(item.id, 'changed in the dataset during the push')
        state.progress.advance()
      } else {
        next.push(item)
      }
      continue
    }
    const entry = state.entries.get(item.id) as PlanEntry
    const source = state.sources.get(item.id) as {document: SanityDocumentLike; hash: string}
    const replanned = classify(source.document, source.hash, fresh, state.force)
    // Written by an earlier attempt whose answer was lost (or by a twin push): done.
    const done = replanned.action === 'unchanged' || (current !== undefined && isAlreadyWritten(current, source.hash))
    if (done || !replanned.write) {
      if (done) state.written.add(item.id)
      else state.entries.set(item.id, replanned)
      if (!done && entry.action !== replanned.action) state.progress.log(`${replanned.action} ${item.id}: ${replanned.reason ?? ''}`)
      state.progress.advance()
      continue
    }
    state.entries.set(item.id, replanned)
    next.push(sizeMutation(item.id, mutationFor(replanned)))
  }
  return next
}
