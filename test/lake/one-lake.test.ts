/**
 * One lake per data folder: a second lake on the same folder stops at once, naming the first
 * (pid and port), and the first keeps serving; a lock left by a killed lake is taken over.
 */
import {spawn, spawnSync} from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {startLake} from '../../lake/index.ts'
import {spawnLake, repoRoot} from '../push/lake-process.ts'
import {clientFor, scratchDirs, TOKEN} from './setup.ts'

const newDir = scratchDirs()

/** Runs `npm run lake`'s entry point to its end; resolves with its exit code and output. */
function runLake(dir: string, withinMs: number): Promise<{code: number | null; output: string}> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'lake/cli.ts'), '--port', '0', '--dir', dir, '--token', TOKEN], {cwd: repoRoot})
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), withinMs)
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve({code, output})
    })
  })
}

describe('one lake per data folder', () => {
  it('refuses a second lake on the same folder in the same process, and the first keeps serving', async () => {
    const dir = newDir('lake-lock-')
    const first = await startLake({port: 0, dir, token: TOKEN, tls: false})
    try {
      await clientFor(first.url).create({_id: 'kept', _type: 'item'})
      await expect(startLake({port: 0, dir, token: TOKEN, tls: false})).rejects.toThrow(new RegExp(`pid ${process.pid}, port ${first.port}`))
      expect(await clientFor(first.url).getDocument('kept')).toMatchObject({_id: 'kept'})
    } finally {
      await first.close()
    }
    // Closing released the folder.
    const again = await startLake({port: 0, dir, token: TOKEN, tls: false})
    expect(await clientFor(again.url).getDocument('kept')).toMatchObject({_id: 'kept'})
    await again.close()
  })

  it('stops a second `npm run lake` on the folder at once with a non-zero exit naming the first', async () => {
    const dir = newDir('lake-lock-cli-')
    const first = await spawnLake(dir, TOKEN)
    try {
      await clientFor(first.url).create({_id: 'acknowledged', _type: 'item'})
      const journal = fs.readFileSync(path.join(dir, 'production.journal.ndjson'), 'utf8')
      const second = await runLake(dir, 20_000)
      expect(second.code).not.toBe(0)
      expect(second.code).not.toBeNull()
      expect(second.output).toContain(`pid ${first.child.pid}`)
      expect(second.output).toContain(`port ${first.port}`)
      expect(second.output).not.toMatch(/lake listening/)
      // The second touched nothing: the journal is as the first left it, and the first still serves.
      expect(fs.readFileSync(path.join(dir, 'production.journal.ndjson'), 'utf8')).toBe(journal)
      expect(await clientFor(first.url).getDocument('acknowledged')).toMatchObject({_id: 'acknowledged'})
    } finally {
      await first.kill()
    }
  }, 60_000)

  it('takes over the lock of a lake killed with SIGKILL, and keeps its acknowledged writes', async () => {
    const dir = newDir('lake-lock-stale-')
    const first = await spawnLake(dir, TOKEN)
    await clientFor(first.url).create({_id: 'before-kill', _type: 'item'})
    await first.kill()
    expect(fs.existsSync(path.join(dir, 'lake.lock'))).toBe(true)
    const second = await spawnLake(dir, TOKEN)
    try {
      expect(await clientFor(second.url).getDocument('before-kill')).toMatchObject({_id: 'before-kill'})
    } finally {
      await second.kill()
    }
  }, 60_000)

  it('takes over a lock naming a process that no longer runs, but not one naming a running process', async () => {
    const dir = newDir('lake-lock-dead-')
    fs.mkdirSync(dir, {recursive: true})
    // The pid of a process that has exited.
    const gone = spawnSync(process.execPath, ['-e', '0']).pid
    fs.writeFileSync(path.join(dir, 'lake.lock'), JSON.stringify({pid: gone, port: 3333, startedAt: '2026-01-01T00:00:00Z', nonce: 'x'}))
    const lake = await startLake({port: 0, dir, token: TOKEN, tls: false})
    await lake.close()
    expect(fs.existsSync(path.join(dir, 'lake.lock'))).toBe(false)
    // The parent of this process runs: its lock is respected.
    fs.writeFileSync(path.join(dir, 'lake.lock'), JSON.stringify({pid: process.ppid, port: 4444, startedAt: '2026-01-01T00:00:00Z', nonce: 'y'}))
    await expect(startLake({port: 0, dir, token: TOKEN, tls: false})).rejects.toThrow(/pid \d+, port 4444/)
    expect(fs.existsSync(path.join(dir, 'lake.lock'))).toBe(true)
  })
})
