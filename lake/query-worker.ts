/**
 * The worker thread that evaluates GROQ for the query endpoint, so one expensive query never
 * blocks the lake's event loop (pings, other requests, shutdown). Cancelling a query means
 * terminating its worker: groq-js offers no abort signal, and evaluation is CPU-bound.
 *
 * This file is loaded by Node itself (native type stripping, or tsx's loader when the lake runs
 * under tsx), not through a bundler: its own imports must be explicit `.ts` URLs.
 */
import {parentPort} from 'node:worker_threads'
import {evaluate, GroqSyntaxError, parse} from 'groq-js'
import type {StoredDocument} from './journal'
import type {QueryJob, QueryReply} from './query-pool'

type Shims = typeof import('./groq-shims')
const {shimTextSearch} = (await import(new URL('./groq-shims.ts', import.meta.url).href)) as Shims

/** The documents of the last dataset view this worker was sent, by key. */
let cached: {key: string; documents: StoredDocument[]} | null = null

parentPort?.on('message', (job: QueryJob) => {
  run(job).then(
    (reply) => parentPort?.postMessage(reply),
    (error: unknown) => parentPort?.postMessage(failure(job.id, error instanceof Error ? error.message : String(error), {type: 'queryError', query: job.query})),
  )
})

async function run(job: QueryJob): Promise<QueryReply> {
  if (job.documents) cached = {key: job.key, documents: job.documents}
  if (!cached || cached.key !== job.key) return {id: job.id, ok: false, stale: true}
  const documents = cached.documents
  let tree
  try {
    tree = shimTextSearch(parse(job.query, {params: job.params}), documents)
  } catch (error) {
    if (error instanceof GroqSyntaxError) {
      return failure(job.id, error.message, {type: 'queryParseError', query: job.query, start: error.position, end: error.position + 1})
    }
    return failure(job.id, error instanceof Error ? error.message : String(error), {type: 'queryParseError', query: job.query})
  }
  try {
    const value = await evaluate(tree, {dataset: documents, params: job.params, sanity: job.sanity})
    return {id: job.id, ok: true, result: await value.get()}
  } catch (error) {
    return failure(job.id, error instanceof Error ? error.message : String(error), {type: 'queryError', query: job.query})
  }
}

function failure(id: number, description: string, details: Record<string, unknown>): QueryReply {
  return {id, ok: false, description, details}
}
