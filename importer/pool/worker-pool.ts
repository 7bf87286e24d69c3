/**
 * A fixed set of worker threads, and optionally the calling thread too, taking tasks from one
 * queue. Each worker is sent up to `depth` tasks ahead, so it never waits for the calling thread
 * (which may be busy converting) to hand it the next one. A worker that crashes fails its tasks
 * and every later one (the import is then an internal error, never a partial success).
 */
import {Worker} from 'node:worker_threads'

/** Main thread → worker. */
export interface WorkerRequest<Task> {
  id: number
  task: Task
}

/** Worker → main thread: a result, or a bug in the worker (message and stack). */
export interface WorkerReply<Result> {
  id: number
  result?: Result
  failure?: {message: string; stack?: string | undefined}
}

interface Waiting<Task, Result> {
  id: number
  task: Task
  resolve: (result: Result) => void
  reject: (error: Error) => void
}

/** Options of {@link WorkerPool}. */
export interface WorkerPoolOptions<Task, Result> {
  /** How many worker threads. */
  size: number
  /** Tasks sent to a worker before it answers the first (default 1). */
  depth?: number
  /** Young-generation size per worker (MB): fewer scavenges for allocation-heavy parsing. */
  youngGenerationMb?: number
  /**
   * Runs a task on the calling thread, as one more consumer of the queue (one task at a time):
   * one isolate fewer than a worker would cost, and the calling thread is idle otherwise.
   */
  inline?: (task: Task) => Promise<Result>
}

export class WorkerPool<Task, Result> {
  private readonly inflight = new Map<Worker, Array<Waiting<Task, Result>>>()
  private readonly queue: Array<Waiting<Task, Result>> = []
  private readonly workers: Worker[] = []
  private readonly depth: number
  private readonly inline: ((task: Task) => Promise<Result>) | undefined
  private inlineBusy = false
  private broken: Error | undefined
  private closed = false
  private nextId = 0

  /**
   * @param entry - the worker module (JavaScript, or a bootstrap that loads TypeScript)
   * @param options - thread count, depth, limits, inline runner
   */
  constructor(entry: URL, options: WorkerPoolOptions<Task, Result>) {
    this.depth = Math.max(1, options.depth ?? 1)
    this.inline = options.inline
    const size = Math.max(options.inline ? 0 : 1, options.size)
    for (let index = 0; index < size; index++) {
      const worker = new Worker(entry, {
        ...(options.youngGenerationMb ? {resourceLimits: {maxYoungGenerationSizeMb: options.youngGenerationMb}} : {}),
      })
      worker.on('message', (reply: WorkerReply<Result>) => this.settle(worker, reply))
      worker.on('error', (error) => this.fail(error))
      worker.on('exit', (code) => {
        if (!this.closed) this.fail(new Error(`a conversion worker stopped (exit code ${code})`))
      })
      this.workers.push(worker)
      this.inflight.set(worker, [])
    }
  }

  /**
   * @param task - sent to a worker (structured clone) or run inline
   * @returns what the worker (or the inline runner) answered
   */
  run(task: Task): Promise<Result> {
    if (this.broken) return Promise.reject(this.broken)
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({id: this.nextId++, task, resolve, reject})
      this.dispatch()
    })
  }

  /** Stops every thread; waiting tasks are dropped. */
  async close(): Promise<void> {
    this.closed = true
    await Promise.all(this.workers.map((worker) => worker.terminate()))
  }

  private dispatch(): void {
    // Workers first, up to their depth: they must never wait for the calling thread.
    for (let level = 0; level < this.depth && this.queue.length > 0; level++) {
      for (const worker of this.workers) {
        const sent = this.inflight.get(worker)!
        if (sent.length > level || this.queue.length === 0) continue
        const waiting = this.queue.shift()!
        sent.push(waiting)
        worker.postMessage({id: waiting.id, task: waiting.task} satisfies WorkerRequest<Task>)
      }
    }
    if (this.inline && !this.inlineBusy && this.queue.length > 0) this.runInline(this.inline, this.queue.shift()!)
  }

  private runInline(inline: (task: Task) => Promise<Result>, waiting: Waiting<Task, Result>): void {
    this.inlineBusy = true
    // Started on a later turn, so replies and writes already waiting go first.
    setImmediate(() => {
      inline(waiting.task).then(waiting.resolve, waiting.reject).finally(() => {
        this.inlineBusy = false
        if (!this.broken) this.dispatch()
      })
    })
  }

  private settle(worker: Worker, reply: WorkerReply<Result>): void {
    const sent = this.inflight.get(worker)!
    const at = sent.findIndex((waiting) => waiting.id === reply.id)
    if (at < 0) return
    const [waiting] = sent.splice(at, 1) as [Waiting<Task, Result>]
    if (reply.failure) {
      const error = new Error(reply.failure.message)
      if (reply.failure.stack) error.stack = reply.failure.stack
      waiting.reject(error)
    } else {
      waiting.resolve(reply.result as Result)
    }
    this.dispatch()
  }

  private fail(error: Error): void {
    if (this.closed) return
    this.broken ??= error
    for (const waiting of [...[...this.inflight.values()].flat(), ...this.queue]) waiting.reject(this.broken)
    for (const sent of this.inflight.values()) sent.length = 0
    this.queue.length = 0
  }
}
