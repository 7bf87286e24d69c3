/**
 * A small pool of query worker threads (see query-worker.ts) with a time budget per job.
 * A job that runs out of budget, or whose client goes away, is cancelled by terminating its
 * worker; a fresh one replaces it on demand. Each worker keeps the last dataset view it was
 * sent, so a dataset's documents cross threads once per change, not once per query.
 *
 * Two lanes: anonymous jobs may occupy all workers but one, so however many anonymous clients
 * keep the pool busy, the token holder's queries and listeners always have a worker.
 */
import {Worker} from 'node:worker_threads'
import {apiError} from './http.ts'
import type {StoredDocument} from './journal.ts'
import {QueryError} from './query.ts'

/** Whose job it is: the token holder's, or an anonymous client's. */
export type Lane = 'token' | 'anonymous'

/** A job sent to a worker. A query's `documents` are omitted when the worker already holds `key`'s view. */
export type WorkerJob =
  | {id: number; type: 'query'; key: string; documents?: StoredDocument[]; query: string; params: Record<string, unknown>; sanity: {projectId: string; dataset: string}}
  /** Check a listener query (parse it, refuse joins and subqueries). */
  | {id: number; type: 'filter'; query: string; params: Record<string, unknown>}
  /** Which of these documents a listener query selects. */
  | {id: number; type: 'match'; query: string; params: Record<string, unknown>; documents: Array<StoredDocument | null>}

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

/** How a job is run. */
export interface RunOptions {
  /** Aborts (client disconnected) cancel the job. */
  signal?: AbortSignal
  /** Default `token`. */
  lane?: Lane
  /** Milliseconds it may take, queueing included (default the pool's budget). */
  timeoutMs?: number
}

/** A worker job before it has an id. */
type Unnumbered<T> = T extends unknown ? Omit<T, 'id'> : never
type ListenerJob = Unnumbered<Extract<WorkerJob, {type: 'filter' | 'match'}>>
type JobBody = {type: 'query'; request: QueryRequest} | {type: 'filter' | 'match'; job: ListenerJob}

interface Slot {
  worker: Worker
  key: string | null
  busy: boolean
  pending?: Pending
}

interface Pending {
  body: JobBody
  lane: Lane
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
  slot?: Slot
  done: boolean
}

/** Options of {@link QueryPool}. */
export interface QueryPoolOptions {
  /** Worker threads (default 2); anonymous jobs use at most one less (at least one). */
  size?: number
  /** Milliseconds a query may take, queueing included. */
  timeoutMs: number
}

/** Runs queries off the event loop, each within a time budget. */
export class QueryPool {
  private readonly slots: Slot[] = []
  private readonly queue: Pending[] = []
  private readonly maxWorkers: number
  private readonly anonymousWorkers: number
  private readonly timeoutMs: number
  private nextId = 1
  private closed = false

  /** @param options - pool size and time budget */
  constructor(options: QueryPoolOptions) {
    const size = Math.max(1, options.size ?? 2)
    this.anonymousWorkers = Math.max(1, size - 1)
    this.maxWorkers = Math.max(size, this.anonymousWorkers + 1)
    this.timeoutMs = options.timeoutMs
  }

  /**
   * Evaluate a query in a worker.
   *
   * @param request - the dataset view and query
   * @param options - abort signal, lane, budget
   * @returns the query result
   * @throws QueryError (400) for a bad query, HttpError 408 when the budget ran out
   */
  run(request: QueryRequest, options: RunOptions = {}): Promise<unknown> {
    return this.submit({type: 'query', request}, options)
  }

  /**
   * Check a listener query in a worker: it parses and filters one document at a time.
   *
   * @param query - GROQ
   * @param params - its parameters
   * @param options - abort signal, lane, budget
   * @throws QueryError (400) when it does not, HttpError 408 when the budget ran out
   */
  async checkFilter(query: string, params: Record<string, unknown>, options: RunOptions = {}): Promise<void> {
    await this.submit({type: 'filter', job: {type: 'filter', query, params}}, options)
  }

  /**
   * Which documents a listener query selects, evaluated in a worker.
   *
   * @param query - a query {@link checkFilter} accepted
   * @param params - its parameters
   * @param documents - documents (null: absent)
   * @param options - lane, budget
   * @returns one boolean per document
   */
  async match(query: string, params: Record<string, unknown>, documents: Array<StoredDocument | null>, options: RunOptions = {}): Promise<boolean[]> {
    return (await this.submit({type: 'match', job: {type: 'match', query, params, documents}}, options)) as boolean[]
  }

  /** Terminate every worker; queued and running jobs are refused. */
  async close(): Promise<void> {
    this.closed = true
    for (const pending of this.queue.splice(0)) pending.reject(apiError(503, 'The lake is shutting down', 'serviceUnavailable'))
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()))
  }

  private submit(body: JobBody, options: RunOptions): Promise<unknown> {
    if (this.closed) return Promise.reject(apiError(503, 'The lake is shutting down', 'serviceUnavailable'))
    const {signal} = options
    const budget = options.timeoutMs ?? this.timeoutMs
    return new Promise((resolve, reject) => {
      const pending: Pending = {body, lane: options.lane ?? 'token', resolve, reject, done: false}
      const timer = setTimeout(
        () => this.cancel(pending, apiError(408, `The query ran longer than its budget of ${budget} ms and was cancelled`, 'queryTimeout')),
        budget,
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

  private cancel(pending: Pending, error: unknown): void {
    if (pending.done) return
    const queued = this.queue.indexOf(pending)
    if (queued >= 0) this.queue.splice(queued, 1)
    // The only way to stop CPU-bound evaluation: end its thread.
    if (pending.slot) this.discard(pending.slot)
    pending.reject(error)
    this.pump()
  }

  /** Start queued jobs: the token holder's first, anonymous ones while they leave a worker free. */
  private pump(): void {
    for (;;) {
      const anonymousBusy = this.slots.filter((slot) => slot.busy && slot.pending?.lane === 'anonymous').length
      const next = this.queue.find((pending) => pending.lane === 'token') ?? (anonymousBusy < this.anonymousWorkers ? this.queue[0] : undefined)
      if (!next) break
      const slot = this.idleSlot(next.body.type === 'query' ? next.body.request.key : null)
      if (!slot) break
      this.queue.splice(this.queue.indexOf(next), 1)
      this.start(slot, next)
    }
    // While anonymous work runs, keep the token holder's worker started: starting a thread (and
    // loading groq-js in it) takes longer than most queries.
    const anonymousRunning = this.slots.some((slot) => slot.busy && slot.pending?.lane === 'anonymous')
    if (anonymousRunning && !this.closed && !this.slots.some((slot) => !slot.busy)) this.idleSlot(null)
  }

  private idleSlot(key: string | null): Slot | undefined {
    const idle = this.slots.filter((slot) => !slot.busy)
    const match = idle.find((slot) => slot.key === key) ?? idle[0]
    if (match) return match
    if (this.slots.length >= this.maxWorkers) return undefined
    return this.spawn()
  }

  /**
   * Start every worker now (at the lake's start), so the first queries (a Studio opening right
   * away) do not each wait for a thread to boot.
   */
  warm(): void {
    while (!this.closed && this.slots.length < this.maxWorkers) this.spawn()
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
    const {body} = pending
    const id = this.nextId++
    let job: WorkerJob
    if (body.type === 'query') {
      const {request} = body
      job = {id, type: 'query', key: request.key, query: request.query, params: request.params, sanity: request.sanity}
      if (resend || slot.key !== request.key) job.documents = request.documents()
    } else {
      job = {...body.job, id} as WorkerJob
    }
    const onMessage = (reply: QueryReply): void => {
      if (reply.id !== id) return
      slot.worker.off('message', onMessage)
      if (!reply.ok && reply.stale) return this.start(slot, pending, true)
      if (body.type === 'query') slot.key = body.request.key
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
      this.pump()
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
