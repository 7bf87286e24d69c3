/**
 * A full disk: the lake runs on a small tmpfs (mounted here when the tests run as root, as in
 * CI), is written to until the disk is full, killed with SIGKILL, and restarted. Every write it
 * acknowledged must be there; every write it refused must have been answered 507.
 */
import {execFileSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {spawnLake, type LakeProcess} from '../push/lake-process.ts'
import {clientFor, TOKEN} from './setup.ts'

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
let mountPoint = ''
let mounted = false
const running = new Set<LakeProcess>()

function mountTmpfs(): string | undefined {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-full-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir], {stdio: 'pipe'})
    return dir
  } catch (error) {
    fs.rmSync(dir, {recursive: true, force: true})
    return `cannot mount a tmpfs: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`
  }
}

let skipReason = isRoot ? '' : 'not running as root: cannot mount a small tmpfs'
beforeAll(() => {
  if (skipReason) return
  const result = mountTmpfs()
  if (result && fs.existsSync(result)) {
    mountPoint = result
    mounted = true
  } else skipReason = result ?? 'cannot mount a tmpfs'
})

afterAll(async () => {
  for (const lake of running) await lake.kill()
  if (mounted) execFileSync('umount', [mountPoint])
  if (mountPoint) fs.rmSync(mountPoint, {recursive: true, force: true})
})

async function start(dir: string): Promise<LakeProcess> {
  const lake = await spawnLake(dir, TOKEN)
  running.add(lake)
  return lake
}

async function kill9(lake: LakeProcess): Promise<void> {
  await lake.kill()
  running.delete(lake)
}

describe('a full disk', () => {
  it('acknowledges only what is durable, answers 507 for the rest, and loses nothing across kill -9', async (context) => {
    if (skipReason) return context.skip(skipReason)
    const dir = path.join(mountPoint, 'data')
    const ballast = path.join(mountPoint, 'ballast')
    const first = await start(dir)
    // Space to give back later: more than the journal can grow to, so the restart can compact.
    fs.writeFileSync(ballast, Buffer.alloc(1100 * 1024))
    const client = clientFor(first.url)
    const acknowledged = new Map<string, string>()
    const refused: Array<{statusCode?: number; message: string}> = []
    const payload = 'x'.repeat(20 * 1024)
    for (let i = 0; i < 200 && refused.length < 8; i++) {
      // Big writes fill the disk; small ones probe the last free bytes (a short write).
      const body = i % 3 === 2 ? 'small' : payload
      try {
        const doc = await client.createOrReplace({_id: `doc-${i}`, _type: 'item', body})
        acknowledged.set(doc._id, doc._rev)
      } catch (error) {
        const {statusCode, message} = error as {statusCode?: number; message: string}
        refused.push({statusCode, message})
      }
    }
    expect(acknowledged.size).toBeGreaterThan(10)
    expect(refused.length).toBeGreaterThan(0)
    expect(refused.every((answer) => answer.statusCode === 507)).toBe(true)
    expect(refused[0]?.message).toMatch(/disk is full/)
    expect(refused[0]?.message).not.toMatch(/ENOSPC/)
    await kill9(first)

    // Restart on the still-full disk: compaction cannot be written, the journal is replayed.
    const second = await start(dir)
    const stillFull = await clientFor(second.url).fetch<Array<{_id: string; _rev: string}>>('*[_type == "item"]{_id, _rev}')
    expect(new Map(stillFull.map((doc) => [doc._id, doc._rev]))).toEqual(acknowledged)
    await kill9(second)

    // Space freed: the restart compacts, and still holds exactly what was acknowledged.
    fs.rmSync(ballast)
    const third = await start(dir)
    const docs = await clientFor(third.url).fetch<Array<{_id: string; _rev: string}>>('*[_type == "item"]{_id, _rev}')
    expect(new Map(docs.map((doc) => [doc._id, doc._rev]))).toEqual(acknowledged)
    const journal = fs.readFileSync(path.join(dir, 'production.journal.ndjson'), 'utf8').split('\n').filter(Boolean)
    expect(journal).toHaveLength(1)
    // No temp file of a failed compaction is left behind.
    expect(fs.readdirSync(dir).filter((name) => name.includes('.tmp-'))).toEqual([])
    await kill9(third)
  }, 120_000)
})
