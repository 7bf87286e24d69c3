/**
 * The conversion pool: worker threads sent tasks ahead, the calling thread as one more
 * consumer, replies matched by id whatever their order, and a crashed worker failing the run.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {IMPORT_NODE_FLAGS} from '../../importer/node-flags.ts'
import {WorkerPool} from '../../importer/pool/worker-pool.ts'

interface Task {
  value: number
  delay: number
  crash?: boolean
  /** The worker replies once it holds this many tasks (see the fixture). */
  hold?: number
}
interface Result {
  value: number
  thread: number
  pending: number
}

const echo = new URL('../fixtures/pool/echo-worker.mjs', import.meta.url)
const repoRoot = path.resolve(import.meta.dirname, '../..')

describe('worker pool', () => {
  test('the worker and the calling thread share the queue; the worker gets tasks ahead', async () => {
    const inlineRan: number[] = []
    const pool = new WorkerPool<Task, Result>(echo, {
      size: 1,
      depth: 2,
      inline: async (task) => {
        inlineRan.push(task.value)
        // Busy like a conversion: the worker must not wait for this thread to be free.
        const until = Date.now() + 30
        while (Date.now() < until);
        return {value: task.value * 2, thread: 0, pending: 1}
      },
    })
    try {
      // The first two are held by the worker until both are there: it is sent two at once,
      // whatever the machine's load.
      const tasks: Task[] = Array.from({length: 12}, (_, value) => ({value, delay: 5 + ((value * 7) % 11), ...(value < 2 ? {hold: 2} : {})}))
      const results = await Promise.all(tasks.map((task) => pool.run(task)))
      expect(results.map((result) => result.value)).toEqual(tasks.map((task) => task.value * 2))
      const byWorker = results.filter((result) => result.thread !== 0)
      expect(inlineRan.length).toBeGreaterThan(0)
      expect(byWorker.length).toBeGreaterThan(0)
      expect(inlineRan.length + byWorker.length).toBe(tasks.length)
      // Two tasks were in the worker at once (the held pair): sent ahead, never more than the depth.
      expect(byWorker.filter((result) => result.value < 4).map((result) => [result.value, result.pending])).toEqual([[0, 1], [2, 2]])
      expect(Math.max(...byWorker.map((result) => result.pending))).toBe(2)
    } finally {
      await pool.close()
    }
  })

  test('a crashed worker fails the tasks it held, the queued ones and every later one', async () => {
    const pool = new WorkerPool<Task, Result>(echo, {size: 1, depth: 2})
    try {
      const crash = pool.run({value: 1, delay: 0, crash: true})
      const queued = [pool.run({value: 2, delay: 50}), pool.run({value: 3, delay: 50})]
      await expect(crash).rejects.toThrow(/worker stopped \(exit code 3\)/)
      for (const task of queued) await expect(task).rejects.toThrow(/worker stopped/)
      await expect(pool.run({value: 4, delay: 0})).rejects.toThrow(/worker stopped/)
    } finally {
      await pool.close()
    }
  })

  test('npm run import passes the import node flags', () => {
    const scripts = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {scripts: Record<string, string>}).scripts
    for (const flag of IMPORT_NODE_FLAGS) expect(scripts.import!.split(' ')).toContain(flag)
  })
})
