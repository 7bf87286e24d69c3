/**
 * A push survives the server dying: the lake (a child process) is killed with SIGKILL in the
 * middle of a push; after a restart on the same data folder the push finishes, nothing is
 * duplicated and nothing is lost.
 */
import type {SanityClient} from '@sanity/client'
import type {SanityDocumentLike} from 'sanity'
import {afterEach, describe, expect, it} from 'vitest'
import {pushToDataset, type PushOptions} from '../../importer/sinks/dataset/index.ts'
import {lakeClient, makeDocuments, pushOptions, rejection, tempDir, TOKEN, writePng} from './helpers.ts'
import {spawnLake, type LakeProcess} from './lake-process.ts'
import {expectStoredAsImported, toNdjson} from './stored.ts'

let cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
  cleanups = []
})

/** A client that SIGKILLs the lake right after sending its `killAt`-th transaction. */
function killingClient(lake: LakeProcess, killAt: number, onKilled: () => Promise<void> = async () => {}): SanityClient {
  const client = lakeClient(lake.url)
  const mutate = client.mutate.bind(client) as (...args: unknown[]) => Promise<unknown>
  let sent = 0
  client.mutate = ((...args: unknown[]) => {
    sent++
    const pending = mutate(...args)
    // Killed while the request is in flight: committed or not, the answer is lost.
    if (sent === killAt) void lake.kill().then(onKilled)
    return pending
  }) as SanityClient['mutate']
  return client
}

/** Every document once, exactly as imported (`imported`: the NDJSON taken before any push). */
async function expectComplete(url: string, imported: string, distinctImages: number): Promise<void> {
  const stored: SanityDocumentLike[] = await lakeClient(url).fetch('*[!(_id in path("_.**"))]')
  expectStoredAsImported(stored, imported)
  expect(stored.filter((doc) => doc._type === 'sanity.imageAsset')).toHaveLength(distinctImages)
}

function setup() {
  const data = tempDir('push-crash-data-')
  const images = tempDir('push-crash-img-')
  cleanups.push(data.remove, images.remove)
  const files = [writePng(images.dir, 'a.png', [1, 2, 3]), writePng(images.dir, 'b.png', [4, 5, 6]), writePng(images.dir, 'c.png', [7, 8, 9])]
  const docs = makeDocuments({images: files, sections: 8, paragraphs: 4})
  return {dir: data.dir, docs, imported: toNdjson(docs)}
}

const options = (url: string, extra: Partial<PushOptions> = {}): PushOptions => pushOptions(url, {maxBatchBytes: 6_000, ...extra})

describe('a push when the server is killed', () => {
  it('stops with a clear partial-push error, and a re-run after the restart finishes the job', async () => {
    const {dir, docs, imported} = setup()
    const first = await spawnLake(dir, TOKEN)
    cleanups.push(() => first.kill())
    const error = await rejection(pushToDataset(
      docs,
      options(first.url, {client: killingClient(first, 3), retry: {maxAttempts: 3, baseDelayMs: 20}}),
    ))
    expect(error).toBeInstanceOf(Error)
    expect(error.message).toMatch(/cannot reach .*; push incomplete: \d+ of \d+ documents written/)
    expect(error.message).not.toContain(TOKEN)

    const second = await spawnLake(dir, TOKEN)
    cleanups.push(() => second.kill())
    const summary = await pushToDataset(docs, options(second.url))
    // What the first run committed is recognised as done, not written again.
    expect(summary.unchanged).toBeGreaterThan(0)
    expect(summary.created + summary.unchanged).toBe(docs.length)
    expect(summary.conflicts).toEqual([])
    await expectComplete(second.url, imported, 3)
  })

  it('rides out a restart on the same port within its retry budget', async () => {
    const {dir, docs, imported} = setup()
    const first = await spawnLake(dir, TOKEN)
    cleanups.push(() => first.kill())
    let restarted: LakeProcess | undefined
    const client = killingClient(first, 2, async () => {
      restarted = await spawnLake(dir, TOKEN, first.port)
    })
    cleanups.push(() => restarted?.kill())
    const lines: string[] = []
    const summary = await pushToDataset(
      docs,
      options(first.url, {client, log: (line) => lines.push(line), retry: {maxAttempts: 30, baseDelayMs: 50, maxTotalMs: 45_000}}),
    )
    expect(lines.some((line) => /retrying .*(connection|closed|reset|refused)/.test(line))).toBe(true)
    expect(summary.created).toBe(docs.length)
    await expectComplete(first.url, imported, 3)
  })
})
