/**
 * A small pool of query worker threads (see query-worker.ts) with a time budget per query.
 * A query that runs out of budget, or whose client goes away, is cancelled by terminating its
 * worker; a fresh one replaces it on demand. Each worker keeps the last dataset view it was
 * sent, so a dataset's documents cross threads once per change, not once per query.
 */
import {Worker} from 'node:worker_threads'
import {apiError} from './http'
import type {StoredDocument} from './journal'
import {QueryError} from './query'

/** A query sent to a worker. `documents` is omitted when the worker already holds `key`'s view. */
export interface QueryJob {
  id: number
  /** Identifies a dataset view (dataset, revision, perspective, visibility). */
  key: string
  documents?: StoredDocument[]
  query: string
  params: Record<string, unknown>
  sanity: {projectId: string; dataset: string}
}

/** A worker's answer. `stale`: it did not hold the view; resend the documents. */
export type QueryReply =
  | {id: number; ok: true; result: unknown}
  | {id: number; ok: false; stale: true}
  | {id: number; ok: false; stale?: undefined; description: string; details: Record<string, unknown>}

/** What a caller asks the pool to run. */
export interface QueryRequest {
  key: string
  /** Called only when a worker needs the view's documents. */
  documents: () => StoredDocument[]
  query: string
  params: Record<string, unknown>
  sanity: {projectId: string; dataset: string}
}

interface Slot {
  worker: Worker
  key: string | null
  busy: boolean
  /** The query it is evaluating. */
  pending?: Pending
}

interface Pending {
  request: QueryRequest
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
  slot?: Slot
  done: boolean
}

/** Options of {@link QueryPool}. */
export interface QueryPoolOptions {
  /** Worker threads at most (default 2). */
  size?: number
  /** Milliseconds a query may take, queueing included. */
  timeoutMs: number
}

/** Runs queries off the event loop, each within a time budget. */
export class QueryPool {
  private readonly slots: Slot[] = []
  private readonly queue: Pending[] = []
  private readonly size: number
  private readonly timeoutMs: number
  private nextId = 1
  private closed = false

  /** @param options - pool size and time budget */
  constructor(options: QueryPoolOptions) {
    this.size = Math.max(1, options.size ?? 2)
    this.timeoutMs = options.timeoutMs
  }

  /**
   * Evaluate a query in a worker.
   *
   * @param request - the dataset view and query
   * @param signal - aborts (client disconnected) cancel the query
   * @returns the query result
   * @throws QueryError (400) for a bad query, HttpError 408 when the budget ran out
   */
  run(request: QueryRequest, signal?: AbortSignal): Promise<unknown> {
    if (this.closed) return Promise.reject(apiError(503, 'The lake is shutting down', 'serviceUnavailable'))
    return new Promise((resolve, reject) => {
      const pending: Pending = {request, resolve, reject, done: false}
      const timer = setTimeout(
        () => this.cancel(pending, apiError(408, `The query ran longer than its budget of ${this.timeoutMs} ms and was cancelled`, 'queryTimeout')),
        this.timeoutMs,
      )
      timer.unref()
      const onAbort = (): void => this.cancel(pending, apiError(499, 'The client closed the request', 'clientClosedRequest'))
      signal?.addEventListener('abort', onAbort, {once: true})
      const settle = (): void => {
        pending.done = true
        clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
      }
      pending.resolve = (value) => {
        settle()
        resolve(value)
      }
      pending.reject = (error) => {
        settle()
        reject(error)
      }
      if (signal?.aborted) return onAbort()
      this.queue.push(pending)
      this.pump()
    })
  }

  /** Terminate every worker; queued and running queries are refused. */
  async close(): Promise<void> {
    this.closed = true
    for (const pending of this.queue.splice(0)) pending.reject(apiError(503, 'The lake is shutting down', 'serviceUnavailable'))
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()))
  }

  private cancel(pending: Pending, error: unknown): void {
    if (pending.done) return
    const queued = this.queue.indexOf(pending)
    if (queued >= 0) this.queue.splice(queued, 1)
    // The only way to stop CPU-bound evaluation: end its thread.
    if (pending.slot) this.discard(pending.slot)
    pending.reject(error)
    this.pump()
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const next = this.queue[0]!
      const slot = this.idleSlot(next.request.key)
      if (!slot) return
      this.queue.shift()
      this.start(slot, next)
    }
  }

  private idleSlot(key: string): Slot | undefined {
    const idle = this.slots.filter((slot) => !slot.busy)
    const match = idle.find((slot) => slot.key === key) ?? idle[0]
    if (match) return match
    if (this.slots.length >= this.size) return undefined
    return this.spawn()
  }

  /**
   * Start every worker now (at the lake's start), so the first queries (a Studio opening right
   * away) do not each wait for a thread to boot.
   */
  warm(): void {
    while (!this.closed && this.slots.length < this.size) this.spawn()
  }

  private spawn(): Slot {
    const slot: Slot = {worker: new Worker(new URL('./query-worker.ts', import.meta.url)), key: null, busy: false}
    slot.worker.unref()
    slot.worker.on('error', (error) => this.failSlot(slot, error))
    slot.worker.on('exit', () => this.failSlot(slot, new Error('the query worker stopped')))
    this.slots.push(slot)
    return slot
  }

  private start(slot: Slot, pending: Pending, resend = false): void {
    slot.busy = true
    slot.pending = pending
    pending.slot = slot
    const {request} = pending
    const id = this.nextId++
    const job: QueryJob = {id, key: request.key, query: request.query, params: request.params, sanity: request.sanity}
    if (resend || slot.key !== request.key) job.documents = request.documents()
    const onMessage = (reply: QueryReply): void => {
      if (reply.id !== id) return
      slot.worker.off('message', onMessage)
      if (!reply.ok && reply.stale) return this.start(slot, pending, true)
      slot.key = request.key
      slot.busy = false
      slot.pending = undefined
      pending.slot = undefined
      if (reply.ok) pending.resolve(reply.result)
      else if (!reply.stale) pending.reject(new QueryError(reply.description, reply.details))
      this.pump()
    }
    slot.worker.on('message', onMessage)
    try {
      slot.worker.postMessage(job)
    } catch (error) {
      // Values the structured clone cannot copy: the worker never saw the job.
      slot.worker.off('message', onMessage)
      slot.busy = false
      slot.pending = undefined
      pending.slot = undefined
      pending.reject(error)
    }
  }

  private failSlot(slot: Slot, error: unknown): void {
    this.discard(slot)
    const pending = slot.pending
    if (pending && !pending.done) {
      process.stderr.write(`lake: query worker failed: ${error instanceof Error ? error.message : String(error)}\n`)
      pending.reject(apiError(500, 'The query could not be evaluated (the query worker stopped)', 'internalError'))
    }
    this.pump()
  }

  private discard(slot: Slot): void {
    const index = this.slots.indexOf(slot)
    if (index < 0) return
    this.slots.splice(index, 1)
    slot.worker.removeAllListeners()
    slot.worker.on('error', () => {})
    void slot.worker.terminate()
  }
}
