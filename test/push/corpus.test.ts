/**
 * Acceptance at scale, with the real @sanity/client against the lake: 60 generated reports
 * (shared authors and projects, images) into an empty dataset in one push — every document
 * once, about ceil(bytes / 3.6 MB) mutation requests, one upload per distinct image, a few
 * reads; an unchanged re-push changes no revision; the same through injected 429s and 5xx; and
 * a push killed mid-way (its server, or the push process itself), run again, ends exactly right.
 * The corpus is generated and imported once for the file.
 */
import {createHash} from 'node:crypto'
import {spawn} from 'node:child_process'
import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import type {SanityClient} from '@sanity/client'
import type {SanityDocumentLike} from 'sanity'
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'
import {writeCorpus} from '../../bench/corpus/generate.ts'
import {importFiles} from '../../importer/import-files.ts'
import {pushToDataset} from '../../importer/sinks/dataset/index.ts'
import {countKinds, lakeClient, lakeEnv, pushOptions, rejection, startTestLake, tempDir, TOKEN} from './helpers.ts'
import {repoRoot, spawnLake, type LakeProcess} from './lake-process.ts'
import {expectStoredAsImported, toNdjson} from './stored.ts'

const REPORTS = 60
const PER_REQUEST = 3.6 * 1000 * 1000

let documents: SanityDocumentLike[] = []
/** The import as NDJSON, taken before any push: what every push must leave in the dataset. */
let imported = ''
let bytes = 0
let distinctImages = 0
let removeCorpus: () => void = () => {}

beforeAll(async () => {
  const corpus = tempDir('push-corpus-')
  removeCorpus = corpus.remove
  writeCorpus(corpus.dir, REPORTS, {scale: 2, seed: 3})
  const result = await importFiles([corpus.dir], {assetsDir: path.join(repoRoot, 'content'), cwd: corpus.dir})
  documents = result.documents as unknown as SanityDocumentLike[]
  imported = toNdjson(documents)
  bytes = Buffer.byteLength(JSON.stringify(documents))
  const files = new Set(JSON.stringify(documents).match(/image@file:[^"]+/g) ?? [])
  distinctImages = new Set(
    [...files].map((source) => createHash('sha1').update(readFileSync(fileURLToPath(source.slice('image@'.length)))).digest('hex')),
  ).size
}, 240_000)
afterAll(() => removeCorpus())

let cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
  cleanups = []
})


/** Every content document once, exactly as imported; one asset per distinct image. */
function expectExact(stored: SanityDocumentLike[]): Map<string, string | undefined> {
  const content = stored.filter((doc) => !doc._id.startsWith('_.') && doc._type !== 'sanity.imageAsset')
  expectStoredAsImported(stored, imported)
  expect(stored.filter((doc) => doc._type === 'sanity.imageAsset')).toHaveLength(distinctImages)
  return new Map(content.map((doc) => [doc._id, doc._rev]))
}

describe(`${REPORTS} generated reports in one push`, () => {
  it('writes every document once in about ceil(bytes / 3.6 MB) requests; a re-push changes nothing', async () => {
    expect(documents.length).toBeGreaterThan(REPORTS * 10)
    const {lake, stop} = await startTestLake()
    cleanups.push(stop)
    const summary = await pushToDataset(documents, pushOptions(lake.url))
    const kinds = countKinds(lake.requestLog)
    expect(summary).toMatchObject({created: documents.length, conflicts: [], assetsUploaded: distinctImages})
    expect(kinds.mutate).toBeLessThanOrEqual(Math.ceil(bytes / PER_REQUEST))
    expect(kinds.upload).toBe(distinctImages)
    // A few reads: existing ids (1,000 per query), assets, stale documents.
    expect(kinds.query).toBeLessThanOrEqual(Math.ceil(documents.length / 1000) + 3)
    const revisions = expectExact(lake.store.dataset('production').all() as SanityDocumentLike[])
    console.info(
      `corpus: ${documents.length} documents, ${bytes} bytes; push: ${summary.requests} requests ` +
        `(${summary.mutationRequests} mutations, ${summary.mutationBytes} bytes, ${kinds.upload} uploads, ${kinds.query} queries)`,
    )

    const before = lake.requestLog.length
    const again = await pushToDataset(documents, pushOptions(lake.url))
    const second = countKinds(lake.requestLog.slice(before))
    expect(again).toMatchObject({unchanged: documents.length, created: 0, updated: 0, merged: 0, mutationRequests: 0})
    expect(second.mutate ?? 0).toBe(0)
    expect(second.upload ?? 0).toBe(0)
    expect(expectExact(lake.store.dataset('production').all() as SanityDocumentLike[])).toEqual(revisions)
    console.info(`re-push: ${again.requests} requests (${second.query} queries), 0 mutations`)
  }, 240_000)

  it('ends exactly right through --fail-rate 0.3 --throttle-rate 0.3, and a re-push there changes nothing', async () => {
    const {lake, stop} = await startTestLake({failRate: 0.3, throttleRate: 0.3, seed: 11})
    cleanups.push(stop)
    const retry = {maxAttempts: 15, baseDelayMs: 20}
    const summary = await pushToDataset(documents, pushOptions(lake.url, {retry}))
    expect(summary).toMatchObject({created: documents.length, conflicts: []})
    const faults = lake.requestLog.filter((entry) => entry.status === 429 || entry.status >= 500)
    expect(faults.length).toBeGreaterThan(0)
    const revisions = expectExact(lake.store.dataset('production').all() as SanityDocumentLike[])
    const again = await pushToDataset(documents, pushOptions(lake.url, {retry}))
    expect(again).toMatchObject({unchanged: documents.length, mutationRequests: 0})
    expect(expectExact(lake.store.dataset('production').all() as SanityDocumentLike[])).toEqual(revisions)
  }, 240_000)

  it('finishes exactly after the server is killed mid-push and the push is run again', async () => {
    const data = tempDir('push-corpus-crash-')
    cleanups.push(data.remove)
    const first = await spawnLake(data.dir, TOKEN)
    cleanups.push(() => first.kill())
    const client = lakeClient(first.url)
    const mutate = client.mutate.bind(client) as (...args: unknown[]) => Promise<unknown>
    let sent = 0
    client.mutate = ((...args: unknown[]) => {
      const pending = mutate(...args)
      // Killed while the third transaction is in flight: committed or not, its answer is lost.
      if (++sent === 3) void first.kill()
      return pending
    }) as SanityClient['mutate']
    const error = await rejection(pushToDataset(documents, pushOptions(first.url, {client, retry: {maxAttempts: 2, baseDelayMs: 20}})))
    expect(error.message).toMatch(/push incomplete: \d+ of \d+ documents written/)

    const second = await spawnLake(data.dir, TOKEN)
    cleanups.push(() => second.kill())
    const summary = await pushToDataset(documents, pushOptions(second.url))
    expect(summary.conflicts).toEqual([])
    expect(summary.unchanged).toBeGreaterThan(0)
    expect(summary.created + summary.unchanged).toBe(documents.length)
    expectExact(await lakeClient(second.url).fetch('*'))
  }, 240_000)

  it('finishes exactly when the push process itself is killed mid-way and run again', async () => {
    const {lake, stop} = await startTestLake()
    cleanups.push(stop)
    const scratch = tempDir('push-corpus-kill-')
    cleanups.push(scratch.remove)
    const file = path.join(scratch.dir, 'documents.json')
    writeFileSync(file, JSON.stringify(documents))
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/push/push-process.ts'), file], {
      cwd: repoRoot,
      env: {...process.env, ...lakeEnv(lake.url)},
      stdio: 'ignore',
    })
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    // SIGKILL once two transactions have committed: the push stops between two requests.
    const committed = () => lake.requestLog.filter((entry) => entry.kind === 'mutate' && entry.status === 200).length
    const watcher = setInterval(() => {
      if (committed() >= 2) child.kill('SIGKILL')
    }, 5)
    const code = await exited
    clearInterval(watcher)
    expect(code).toBeNull()
    const before = committed()
    expect(before).toBeGreaterThanOrEqual(2)
    expect(before).toBeLessThan(Math.ceil(bytes / PER_REQUEST))

    const summary = await pushToDataset(documents, pushOptions(lake.url))
    expect(summary.conflicts).toEqual([])
    expect(summary.unchanged).toBeGreaterThan(0)
    expect(summary.created + summary.unchanged).toBe(documents.length)
    expectExact(lake.store.dataset('production').all() as SanityDocumentLike[])
  }, 240_000)
})
