import {spawn, type ChildProcess} from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import {afterAll, expect, it} from 'vitest'
import {clientFor, removeDir, repoRoot, tempDir, TOKEN} from './setup.ts'

const dirs: string[] = []
const children = new Set<ChildProcess>()
afterAll(() => {
  for (const child of children) child.kill('SIGKILL')
  for (const dir of dirs) removeDir(dir)
})

interface Running {
  child: ChildProcess
  url: string
  stderr: () => string
}

/**
 * Run `lake/cli.ts` as its own process. It is started as `node --import tsx lake/cli.ts` (the
 * same as `npm exec -- tsx lake/cli.ts`, minus the npm and tsx wrapper processes) so that
 * `kill -9` hits the server itself.
 */
function startChild(dir: string): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'lake/cli.ts', '--port', '0', '--dir', dir, '--token', TOKEN], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {...process.env, SANITY_API_TOKEN: ''},
  })
  children.add(child)
  let out = ''
  let err = ''
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()))
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /lake listening on (http:\/\/127\.0\.0\.1:(\d+)) and https:\/\/127\.0\.0\.1:\2 \(data: (.+)\)\n/.exec(out)
      if (match) resolve({child, url: match[1]!, stderr: () => err})
    })
    child.once('exit', (code) => reject(new Error(`lake exited with ${code}: ${err}`)))
  })
}

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGKILL')
    children.delete(child)
  })
}

function lines(file: string): string[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter((line) => line !== '')
}

it('keeps every acknowledged transaction across kill -9, then compacts on restart', async () => {
  const dir = tempDir('lake-dur-')
  dirs.push(dir)
  const first = await startChild(dir)
  const client = clientFor(first.url)
  const acknowledged = new Map<string, string>()
  for (let i = 0; i < 20; i++) {
    const doc = await client.createOrReplace({_id: `doc-${i}`, _type: 'item', n: i})
    acknowledged.set(doc._id, doc._rev)
  }
  const patched = await client.patch('doc-3').set({n: 300}).commit()
  acknowledged.set('doc-3', patched._rev)
  await client.delete('doc-4')
  acknowledged.delete('doc-4')

  const journal = path.join(dir, 'production.journal.ndjson')
  const snapshot = path.join(dir, 'production.ndjson')
  expect(lines(journal)).toHaveLength(1 + 22) // header + one line per transaction
  await kill9(first.child)

  const second = await startChild(dir)
  const after = clientFor(second.url)
  const docs = await after.fetch<Array<{_id: string; _rev: string; n: number}>>('*[_type == "item"]{_id, _rev, n}')
  expect(new Map(docs.map((doc) => [doc._id, doc._rev]))).toEqual(acknowledged)
  expect(docs.find((doc) => doc._id === 'doc-3')?.n).toBe(300)
  // Compacted: the snapshot holds the state, the journal only its header.
  expect(lines(snapshot)).toHaveLength(acknowledged.size)
  expect(lines(journal)).toHaveLength(1)
  await kill9(second.child)
})

it('ignores a torn last journal line and a journal whose snapshot was replaced', async () => {
  const dir = tempDir('lake-stale-')
  dirs.push(dir)
  const first = await startChild(dir)
  await clientFor(first.url).create({_id: 'kept', _type: 'item'})
  await kill9(first.child)
  const journal = path.join(dir, 'production.journal.ndjson')
  fs.appendFileSync(journal, '{"transactionId":"torn","changes":[{"id":"half') // a write cut short

  const second = await startChild(dir)
  expect(await clientFor(second.url).fetch('*[_type == "item"]._id')).toEqual(['kept'])
  expect(second.stderr()).toMatch(/incomplete last journal line/)
  await clientFor(second.url).create({_id: 'journaled-only', _type: 'item'})
  await kill9(second.child)

  // The importer rewrites the snapshot: the old journal no longer applies to it.
  fs.writeFileSync(path.join(dir, 'production.ndjson'), `${JSON.stringify({_id: 'imported', _type: 'item'})}\n`)
  const third = await startChild(dir)
  expect(await clientFor(third.url).fetch('*[_type == "item"]._id')).toEqual(['imported'])
  expect(third.stderr()).toMatch(/stale journal/)
  await kill9(third.child)
})

it('exits with one clear line for a bad flag', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'lake/cli.ts', '--fail-rate', '2'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let err = ''
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  expect(code).toBe(2)
  expect(err.trim().split('\n')).toEqual(['lake: --fail-rate must be a number from 0 to 1, got "2"'])
})
