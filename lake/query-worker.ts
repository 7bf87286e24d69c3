/**
 * The worker thread that parses and evaluates GROQ for the lake, so one expensive query never
 * blocks its event loop (pings, other requests, shutdown): groq-js's parser alone grows faster
 * than the square of a query's length, so even parsing happens here. Jobs: a query over a
 * dataset view, a listener filter to check, a listener filter to match against the documents of
 * one transaction. Cancelling a job means terminating its worker: groq-js offers no abort signal,
 * and evaluation is CPU-bound.
 *
 * This file is loaded by Node itself (native type stripping, or tsx's loader when the lake runs
 * under tsx), not through a bundler: its own imports must be explicit `.ts` URLs.
 */
import {parentPort} from 'node:worker_threads'
import {evaluate, GroqSyntaxError, parse, type ExprNode} from 'groq-js'
import type {StoredDocument} from './journal.ts'
import type {QueryReply, WorkerJob} from './query-pool.ts'

type Shims = typeof import('./groq-shims.ts')
type Filters = typeof import('./listen-filter.ts')
const {shimTextSearch} = (await import(new URL('./groq-shims.ts', import.meta.url).href)) as Shims
const {listenerFilter, matchesFilter, ListenFilterError} = (await import(new URL('./listen-filter.ts', import.meta.url).href)) as Filters

/** The documents of the last dataset view this worker was sent, by key. */
let cached: {key: string; documents: StoredDocument[]} | null = null
/** Listener filters already checked, by query and parameters (a listener's filter is matched on every transaction). */
const filters = new Map<string, ExprNode>()
const MAX_FILTERS = 1_000

parentPort?.on('message', (job: WorkerJob) => {
  run(job).then(
    (reply) => parentPort?.postMessage(reply),
    (error: unknown) => parentPort?.postMessage(failure(job.id, messageOf(error), {type: 'queryError', query: job.query})),
  )
})

async function run(job: WorkerJob): Promise<QueryReply> {
  if (job.type === 'query') return runQuery(job)
  let filter: ExprNode
  try {
    filter = filterOf(job.query, job.params)
  } catch (error) {
    return parseFailure(job.id, job.query, error)
  }
  if (job.type === 'filter') return {id: job.id, ok: true, result: true}
  const matches: boolean[] = []
  for (const document of job.documents) {
    const shimmed = document ? shimTextSearch(filter, [document as StoredDocument]) : filter
    matches.push(await matchesFilter(shimmed, document, job.params))
  }
  return {id: job.id, ok: true, result: matches}
}

async function runQuery(job: Extract<WorkerJob, {type: 'query'}>): Promise<QueryReply> {
  if (job.documents) cached = {key: job.key, documents: job.documents}
  if (!cached || cached.key !== job.key) return {id: job.id, ok: false, stale: true}
  const documents = cached.documents
  let tree
  try {
    tree = shimTextSearch(parse(job.query, {params: job.params}), documents)
  } catch (error) {
    return parseFailure(job.id, job.query, error)
  }
  try {
    const value = await evaluate(tree, {dataset: documents, params: job.params, sanity: job.sanity})
    return {id: job.id, ok: true, result: await value.get()}
  } catch (error) {
    return failure(job.id, messageOf(error), {type: 'queryError', query: job.query})
  }
}

function filterOf(query: string, params: Record<string, unknown>): ExprNode {
  const key = `${query}\u0000${JSON.stringify(params)}`
  const known = filters.get(key)
  if (known) return known
  const filter = listenerFilter(parse(query, {params}))
  if (filters.size >= MAX_FILTERS) filters.clear()
  filters.set(key, filter)
  return filter
}

function parseFailure(id: number, query: string, error: unknown): QueryReply {
  if (error instanceof GroqSyntaxError) {
    return failure(id, error.message, {type: 'queryParseError', query, start: error.position, end: error.position + 1})
  }
  if (error instanceof ListenFilterError) return failure(id, error.message, {type: 'listenQueryError', query})
  // groq-js recurses once per operator: a very long `a || b || …` chain overflows the stack.
  if (error instanceof RangeError) return failure(id, 'The query is nested too deeply to parse', {type: 'queryParseError', query})
  return failure(id, messageOf(error), {type: 'queryParseError', query})
}

function failure(id: number, description: string, details: Record<string, unknown>): QueryReply {
  return {id, ok: false, description, details}
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
