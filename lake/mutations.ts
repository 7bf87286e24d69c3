/**
 * Applying one transaction's mutations to a working copy of a dataset, through @sanity/mutator,
 * without touching the dataset: store.ts commits the result all-or-nothing. Also the limits a
 * transaction must keep (mutation count, patches per document) and document id rules (config/names.ts).
 */
import {randomBytes, randomUUID} from 'node:crypto'
import {Mutation} from '@sanity/mutator'
import {documentIdProblem} from '../config/names.ts'
import type {StoredDocument} from './journal.ts'
import {MAX_MUTATIONS, MAX_PATCHES_PER_DOCUMENT} from './limits.ts'
import {runQuery} from './query.ts'

/** What a mutation did to one document, as the mutate endpoint reports it. */
export interface MutationResult {
  id: string
  operation: 'create' | 'update' | 'delete' | 'none'
  document?: StoredDocument
}

/** A rejected transaction; `status` and `body` are what the HTTP API answers. */
export class MutationError extends Error {
  readonly status: number
  readonly body: {error: Record<string, unknown>}

  /**
   * @param status - HTTP status (400 bad input, 404 missing document, 409 conflict)
   * @param items - the failing mutations: index in the request, document id, description, type
   */
  constructor(status: number, items: Array<{index: number; id?: string; description: string; type: string}>) {
    const first = items[0]?.description ?? 'Mutation failed'
    super(items.length === 1 ? first : `Mutation(s) failed with ${items.length} error(s)`)
    this.status = status
    this.body = {
      error: {
        description: this.message,
        type: 'mutationError',
        items: items.map(({index, id, description, type}) => ({index, error: {id, description, type}})),
      },
    }
  }
}

/**
 * Evaluates the GROQ `query` of a delete/patch over the documents the transaction sees.
 *
 * @param query - GROQ
 * @param params - its parameters
 * @param documents - the working copy's documents (raw perspective)
 * @returns the query's result
 */
export type Selector = (query: string, params: Record<string, unknown>, documents: () => StoredDocument[]) => Promise<unknown>

/**
 * Refuse a transaction too large to apply without stalling the lake, before applying anything:
 * more than {@link MAX_MUTATIONS} mutations, or more than {@link MAX_PATCHES_PER_DOCUMENT}
 * patches of one document (each patch rewrites the document, so thousands of them cost time
 * quadratic in their number). Patches by query are counted as they are applied.
 *
 * @param mutations - the request's mutations
 * @throws MutationError 400
 */
export function checkTransactionSize(mutations: unknown[]): void {
  if (mutations.length > MAX_MUTATIONS) {
    throw new MutationError(400, [
      {index: MAX_MUTATIONS, description: `A transaction may hold at most ${MAX_MUTATIONS} mutations; this one has ${mutations.length}. Split it.`, type: 'transactionTooLargeError'},
    ])
  }
  const patches = new Map<string, number>()
  for (const [index, mutation] of mutations.entries()) {
    const id = isRecord(mutation) && isRecord(mutation.patch) && typeof mutation.patch.id === 'string' ? mutation.patch.id : undefined
    if (id === undefined) continue
    const count = (patches.get(id) ?? 0) + 1
    patches.set(id, count)
    if (count > MAX_PATCHES_PER_DOCUMENT) throw tooManyPatches(index, id)
  }
}

function tooManyPatches(index: number, id: string): MutationError {
  return new MutationError(400, [
    {
      index,
      id,
      description: `A transaction may patch one document at most ${MAX_PATCHES_PER_DOCUMENT} times; it has more patches of "${id}". Combine them into fewer patches (one patch can carry many operations).`,
      type: 'transactionTooLargeError',
    },
  ])
}

/** The documents as the transaction in progress sees them, without touching the dataset. */
export class Working {
  readonly changed = new Map<string, StoredDocument | null>()
  readonly touchedBy = new Map<string, Record<string, unknown>[]>()
  /** Patches applied per document (patches by query are only known here). */
  readonly patches = new Map<string, number>()

  private readonly base: Map<string, StoredDocument>

  constructor(base: Map<string, StoredDocument>) {
    this.base = base
  }

  get(id: string): StoredDocument | undefined {
    if (this.changed.has(id)) return this.changed.get(id) ?? undefined
    return this.base.get(id)
  }

  set(id: string, doc: StoredDocument | null, mutation: Record<string, unknown>): void {
    this.changed.set(id, doc)
    const list = this.touchedBy.get(id) ?? []
    list.push(mutation)
    this.touchedBy.set(id, list)
  }

  *values(): Iterable<StoredDocument> {
    for (const [id, doc] of this.base) if (!this.changed.has(id)) yield doc
    for (const doc of this.changed.values()) if (doc) yield doc
  }
}

/** What every mutation of a transaction shares. */
export interface Stamp {
  transactionId: string
  timestamp: string
  /** Evaluates delete/patch queries (default: groq-js on this thread). */
  select?: Selector
}

/**
 * Apply one mutation to the working copy.
 *
 * @param working - the transaction's working copy
 * @param mutation - one mutation as the request carries it
 * @param index - its position in the request (for errors)
 * @param stamp - transaction id, time, query evaluator
 * @param results - receives what it did
 * @throws MutationError when it cannot be applied
 */
export async function applyOne(
  working: Working,
  mutation: unknown,
  index: number,
  stamp: Stamp,
  results: MutationResult[],
): Promise<void> {
  const bad = (description: string, id?: string): never => {
    throw new MutationError(400, [{index, id, description, type: 'invalidMutationError'}])
  }
  if (!isRecord(mutation)) return bad('A mutation must be an object')
  const kinds = Object.keys(mutation)
  const kind = kinds[0]
  if (kinds.length !== 1 || kind === undefined) return bad('A mutation must have exactly one operation')
  const body = mutation[kind]
  if (!isRecord(body)) return bad(`The ${kind} mutation needs an object`)

  switch (kind) {
    case 'create':
    case 'createOrReplace':
    case 'createIfNotExists': {
      const doc = structuredClone(body)
      const id = resolveNewId(doc._id, kind, index)
      if (typeof doc._type !== 'string' || doc._type === '') return bad(`Document "${id}" has no _type`, id)
      doc._id = id
      const existing = working.get(id) ?? null
      if (kind === 'create' && existing) {
        throw new MutationError(409, [
          {index, id, description: `Document by ID "${id}" already exists`, type: 'documentAlreadyExistsError'},
        ])
      }
      if (kind === 'createIfNotExists' && existing) {
        results.push({id, operation: 'none'})
        return
      }
      // Sanity keeps the original creation time when a document is replaced.
      if (existing && doc._createdAt === undefined) doc._createdAt = existing._createdAt
      delete doc._rev
      delete doc._updatedAt
      const after = apply({[kind]: doc}, null, stamp, index)
      working.set(id, after, {[kind]: body})
      results.push({id, operation: existing ? 'update' : 'create'})
      return
    }
    case 'delete': {
      const ids = await selectIds(working, body, index, stamp.select)
      for (const id of ids) {
        if (!working.get(id)) continue
        working.set(id, null, {delete: {id}})
        results.push({id, operation: 'delete'})
      }
      return
    }
    case 'patch': {
      const {query: _query, params: _params, id: _id, ifRevisionID, ...operations} = body
      const ids = await selectIds(working, body, index, stamp.select)
      for (const id of ids) {
        const current = working.get(id)
        if (!current) {
          throw new MutationError(404, [
            {index, id, description: `Document "${id}" not found`, type: 'documentNotFoundError'},
          ])
        }
        if (typeof ifRevisionID === 'string' && current._rev !== ifRevisionID) {
          throw new MutationError(409, [
            {
              index,
              id,
              description: `Document "${id}" has unexpected revision ID ("${current._rev}"), expected "${ifRevisionID}"`,
              type: 'conflictError',
            },
          ])
        }
        const patched = (working.patches.get(id) ?? 0) + 1
        if (patched > MAX_PATCHES_PER_DOCUMENT) throw tooManyPatches(index, id)
        working.patches.set(id, patched)
        const patch = {...operations, id}
        const after = apply({patch}, current, stamp, index)
        if (after._id !== id) return bad(`A patch cannot change the _id of "${id}"`, id)
        working.set(id, after, {patch})
        results.push({id, operation: 'update'})
      }
      return
    }
    default:
      return bad(`Unknown mutation "${kind}"`)
  }
}

/** Run one mutation through @sanity/mutator, which stamps `_rev`, `_createdAt`, `_updatedAt`. */
function apply(mut: Record<string, unknown>, doc: StoredDocument | null, stamp: Stamp, index: number): StoredDocument {
  try {
    const mutation = new Mutation({
      mutations: [mut],
      resultRev: stamp.transactionId,
      transactionId: stamp.transactionId,
      timestamp: stamp.timestamp,
    })
    const result = mutation.apply(doc)
    if (!result) throw new Error('the mutation produced no document')
    return result
  } catch (error) {
    if (error instanceof MutationError) throw error
    const description = error instanceof Error ? error.message : String(error)
    throw new MutationError(400, [{index, description, type: 'invalidMutationError'}])
  }
}

/** The ids a delete/patch addresses: `{id}` or `{query, params}` (raw perspective). */
async function selectIds(working: Working, body: Record<string, unknown>, index: number, select?: Selector): Promise<string[]> {
  if (typeof body.id === 'string') {
    checkId(body.id, index)
    return [body.id]
  }
  if (typeof body.query === 'string') {
    const params = isRecord(body.params) ? body.params : {}
    const documents = (): StoredDocument[] => [...working.values()]
    const evaluate = select ?? ((query, values, all) => runQuery(all(), query, values, {projectId: '', dataset: ''}))
    const result = await evaluate(body.query, params, documents).catch((error: unknown) => {
      const description = error instanceof Error ? error.message : String(error)
      throw new MutationError(400, [{index, description, type: 'queryParseError'}])
    })
    const docs = Array.isArray(result) ? result : [result]
    return docs.flatMap((doc) => (isRecord(doc) && typeof doc._id === 'string' ? [doc._id] : []))
  }
  throw new MutationError(400, [{index, description: 'The mutation needs an "id" or a "query"', type: 'invalidMutationError'}])
}

function resolveNewId(id: unknown, kind: string, index: number): string {
  if (id === undefined || id === null || id === '') {
    if (kind !== 'create') {
      throw new MutationError(400, [{index, description: `${kind} needs an _id`, type: 'invalidMutationError'}])
    }
    return randomUUID()
  }
  if (typeof id !== 'string') {
    throw new MutationError(400, [{index, description: '_id must be a string', type: 'invalidMutationError'}])
  }
  // `drafts.` (a trailing dot) asks the lake to generate the rest, as Sanity does.
  const resolved = id.endsWith('.') ? `${id}${randomUUID()}` : id
  checkId(resolved, index)
  return resolved
}

function checkId(id: string, index: number): void {
  const problem = documentIdProblem(id)
  if (problem !== undefined) {
    throw new MutationError(400, [{index, id, description: `Document ID "${id}" is not valid: ${problem}`, type: 'invalidDocumentIdError'}])
  }
}

/**
 * Add a `_key` to every object in an array that lacks one (`autoGenerateArrayKeys`).
 *
 * @param value - a document or part of one
 * @returns the value with keys added
 */
export function withArrayKeys<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.map((item: unknown) => {
      const keyed = withArrayKeys(item)
      return isRecord(keyed) && keyed._key === undefined ? {_key: randomBytes(6).toString('hex'), ...keyed} : keyed
    }) as T
  }
  if (!isRecord(value)) return value
  const out: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(value)) out[key] = withArrayKeys(field)
  return out as T
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

