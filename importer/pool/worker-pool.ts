/**
 * A fixed set of worker threads running one task each at a time; tasks wait in a queue. A
 * worker that crashes fails its task and every later one (the import is then an internal
 * error, never a partial success).
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
export interface WorkerPoolOptions {
  /** How many threads. */
  size: number
  /** Young-generation size per worker (MB): fewer scavenges for allocation-heavy parsing. */
  youngGenerationMb?: number
}

export class WorkerPool<Task, Result> {
  private readonly idle: Worker[] = []
  private readonly busy = new Map<Worker, Waiting<Task, Result>>()
  private readonly queue: Array<Waiting<Task, Result>> = []
  private readonly workers: Worker[] = []
  private broken: Error | undefined
  private nextId = 0

  /**
   * @param entry - the worker module (JavaScript, or a bootstrap that loads TypeScript)
   * @param options - thread count and limits
   */
  constructor(entry: URL, options: WorkerPoolOptions) {
    for (let index = 0; index < Math.max(1, options.size); index++) {
      const worker = new Worker(entry, {
        ...(options.youngGenerationMb ? {resourceLimits: {maxYoungGenerationSizeMb: options.youngGenerationMb}} : {}),
      })
      worker.on('message', (reply: WorkerReply<Result>) => this.settle(worker, reply))
      worker.on('error', (error) => this.fail(error))
      worker.on('exit', (code) => {
        if (!this.closed) this.fail(new Error(`a conversion worker stopped (exit code ${code})`))
      })
      this.workers.push(worker)
      this.idle.push(worker)
    }
  }

  private closed = false

  /**
   * @param task - sent to a worker (structured clone)
   * @returns what the worker answered
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
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!
      const waiting = this.queue.shift()!
      this.busy.set(worker, waiting)
      worker.postMessage({id: waiting.id, task: waiting.task} satisfies WorkerRequest<Task>)
    }
  }

  private settle(worker: Worker, reply: WorkerReply<Result>): void {
    const waiting = this.busy.get(worker)
    if (!waiting || waiting.id !== reply.id) return
    this.busy.delete(worker)
    this.idle.push(worker)
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
    for (const waiting of [...this.busy.values(), ...this.queue]) waiting.reject(this.broken)
    this.busy.clear()
    this.queue.length = 0
  }
}
