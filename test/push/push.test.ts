/**
 * The push against the local lake with the real @sanity/client: plan, idempotence, conflicts,
 * images, batching, faults and failures.
 */
import type {SanityClient} from '@sanity/client'
import type {SanityDocumentLike} from 'sanity'
import {afterAll, afterEach, describe, expect, it} from 'vitest'
import {contentHash} from '../../importer/documents/content-hash.ts'
import {pushToDataset, type PushOptions} from '../../importer/sinks/dataset/index.ts'
import type {Lake} from '../../lake/index.ts'
import {countKinds, lakeClient, lakeEnv, makeDocuments, pushOptions, startTestLake, rejection, tempDir, TOKEN, writePng} from './helpers.ts'
import {expectStoredAsImported, toNdjson} from './stored.ts'

const images = tempDir('push-img-')
const files = [
  writePng(images.dir, 'hero.png', [200, 10, 10]),
  writePng(images.dir, 'logo.png', [10, 200, 10]),
  writePng(images.dir, 'a.png', [10, 10, 200]),
  // The same bytes as hero.png under another name: one asset for both.
  writePng(images.dir, 'hero-copy.png', [200, 10, 10]),
]
const DISTINCT_IMAGES = 3
afterAll(() => images.remove())

let stops: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const stop of stops) await stop()
  stops = []
})

async function lakeFor(options: Parameters<typeof startTestLake>[0] = {}): Promise<Lake> {
  const started = await startTestLake(options)
  stops.push(started.stop)
  return started.lake
}

/** A client that lets another writer in before its mutations (before the first only, with `once`). */
function racingClient(url: string, {once}: {once: boolean}, writer: () => Promise<unknown>): SanityClient {
  const racing = lakeClient(url)
  const mutate = racing.mutate.bind(racing) as (...args: unknown[]) => Promise<unknown>
  let raced = false
  racing.mutate = (async (...args: unknown[]) => {
    if (!once || !raced) {
      raced = true
      await writer()
    }
    return mutate(...args)
  }) as SanityClient['mutate']
  return racing
}

function run(lake: Lake | string, docs: SanityDocumentLike[], extra: Partial<PushOptions> = {}) {
  const lines: string[] = []
  const url = typeof lake === 'string' ? lake : lake.url
  const promise = pushToDataset(docs, pushOptions(url, {log: (line) => lines.push(line), ...extra}))
  return {promise, lines}
}

async function allDocuments(client: SanityClient): Promise<SanityDocumentLike[]> {
  return client.fetch('*[!(_id in path("_.**"))] | order(_id)')
}

function imageObjects(value: unknown, found: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) value.forEach((item) => imageObjects(item, found))
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>
    if (['figure', 'imageWithAlt', 'inlineImage'].includes(String(record._type))) found.push(record)
    Object.values(record).forEach((item) => imageObjects(item, found))
  }
  return found
}

describe('a fresh push', () => {
  it('creates every document, uploads each distinct image once, in few requests', async () => {
    const lake = await lakeFor()
    const docs = makeDocuments({images: files, sections: 4})
    const imported = toNdjson(docs)
    const {promise, lines} = run(lake, docs)
    const summary = await promise

    expect(summary.created).toBe(docs.length)
    expect(summary.assetsUploaded).toBe(DISTINCT_IMAGES)
    const kinds = countKinds(lake.requestLog)
    expect(kinds.upload).toBe(DISTINCT_IMAGES)
    const bytes = Buffer.byteLength(JSON.stringify(docs))
    expect(kinds.mutate).toBeLessThanOrEqual(Math.ceil(bytes / (4 * 1024 * 1024)))
    // One read of the targets, one of the sources' documents (stale ones), one of existing assets.
    expect(kinds.query).toBe(3)
    expect(summary.requests).toBe(lake.requestLog.length)
    expect(lines.find((line) => line.startsWith('pushed'))).toMatch(/7 created, 0 updated, 0 merged, 0 unchanged, 0 conflicts/)

    const stored = await allDocuments(lakeClient(lake.url))
    const assets = stored.filter((doc) => doc._type === 'sanity.imageAsset')
    expect(assets).toHaveLength(DISTINCT_IMAGES)
    const content = stored.filter((doc) => doc._type !== 'sanity.imageAsset')
    expect(content.map((doc) => doc._id).sort()).toEqual(docs.map((doc) => doc._id).sort())
    // Stored exactly as imported (compared with the NDJSON taken before the push).
    expectStoredAsImported(stored, imported)
    const assetIds = new Set(assets.map((asset) => asset._id))
    for (const doc of content) {
      // The hash recorded is the hash of what is stored: the next run can detect edits.
      expect(contentHash(doc)).toBe((doc.importInfo as {contentHash: string}).contentHash)
      for (const img of imageObjects(doc)) {
        expect(img._sanityAsset).toBeUndefined()
        expect(assetIds.has((img.asset as {_ref: string})._ref)).toBe(true)
        expect(typeof img.src).toBe('string')
      }
    }
    // The caller's documents are not modified.
    expect(toNdjson(docs)).toBe(imported)
  })

  it('a second push sends no mutation and no upload', async () => {
    const lake = await lakeFor()
    const docs = makeDocuments({images: files})
    await run(lake, docs).promise
    const before = lake.requestLog.length
    const summary = await run(lake, docs).promise
    const second = countKinds(lake.requestLog.slice(before))
    expect(second.mutate ?? 0).toBe(0)
    expect(second.upload ?? 0).toBe(0)
    expect(summary).toMatchObject({created: 0, updated: 0, unchanged: docs.length, conflicts: [], mutationRequests: 0})
  })
})

describe('changes between pushes', () => {
  it('updates a document whose source changed, removing fields the source dropped', async () => {
    const lake = await lakeFor()
    const docs = makeDocuments({images: files})
    await run(lake, docs).promise
    const changed = docs.map((doc) => {
      if (doc._type !== 'author') return doc
      const {role: _role, importInfo: _info, ...rest} = doc
      return {...rest, name: 'Jane Q. Doe'}
    })
    const summary = await run(lake, changed).promise
    expect(summary).toMatchObject({updated: 1, unchanged: docs.length - 1, created: 0})
    const author = await lakeClient(lake.url).getDocument('author-jane-doe')
    expect(author?.name).toBe('Jane Q. Doe')
    expect(author?.role).toBeUndefined()
    expect(contentHash(author!)).toBe((author!.importInfo as {contentHash: string}).contentHash)
  })

  it("keeps an editor's change to a field the source changed too as a conflict, and overwrites it with force", async () => {
    const lake = await lakeFor()
    const docs = makeDocuments({images: files})
    await run(lake, docs).promise
    const client = lakeClient(lake.url)
    const target = docs.find((doc) => doc._type === 'section')!
    await client.patch(target._id).set({title: 'Edited'}).commit()
    // Unchanged source: the editor's change is simply kept.
    expect(await run(lake, docs).promise).toMatchObject({conflicts: [], unchanged: docs.length})

    const renamed = docs.map((doc) => (doc._id === target._id ? {...doc, title: 'Renamed in the source'} : doc))
    const before = lake.requestLog.length
    const kept = run(lake, renamed)
    const summary = await kept.promise
    expect(summary.conflicts).toEqual([
      {id: target._id, reason: expect.stringMatching(/title/), blocks: [expect.objectContaining({field: 'title', editor: 'Edited', source: 'Renamed in the source'})]},
    ])
    expect(countKinds(lake.requestLog.slice(before)).mutate ?? 0).toBe(0)
    expect(kept.lines.some((line) => line.includes(`conflict ${target._id}`))).toBe(true)
    expect((await client.getDocument(target._id))?.title).toBe('Edited')

    const forced = await run(lake, renamed, {force: true}).promise
    expect(forced).toMatchObject({overwritten: 1, conflicts: []})
    expect((await client.getDocument(target._id))?.title).toBe('Renamed in the source')
  })

  it('treats a document made by hand (no importInfo) as a conflict', async () => {
    const lake = await lakeFor()
    const docs = makeDocuments({images: []})
    const client = lakeClient(lake.url)
    await client.createOrReplace({_id: 'author-jane-doe', _type: 'author', name: 'Hand made'})
    const summary = await run(lake, docs).promise
    expect(summary.conflicts.map((c) => c.id)).toEqual(['author-jane-doe'])
    expect(summary.created).toBe(docs.length - 1)
    expect((await client.getDocument('author-jane-doe'))?.name).toBe('Hand made')
  })

  it('re-plans a document an editor changes after the plan (revision guard, 409) and merges both changes', async () => {
    const lake = await lakeFor()
    const docs = makeDocuments({images: []})
    await run(lake, docs).promise
    const changed = docs.map((doc) => (doc._type === 'author' ? {...doc, role: 'Chief editor'} : doc))
    const real = lakeClient(lake.url)
    // The editor saves between the push's read and its write.
    const racing = racingClient(lake.url, {once: true}, () => real.patch('author-jane-doe').set({organisation: 'Editor Inc'}).commit())
    const summary = await run(lake, changed, {client: racing}).promise
    expect(summary.conflicts).toEqual([])
    expect(summary).toMatchObject({updated: 0, merged: 1})
    const author = await real.getDocument('author-jane-doe')
    expect(author).toMatchObject({organisation: 'Editor Inc', role: 'Chief editor'})
  })
})

describe('references and races', () => {
  it('writes referenced documents first, whatever the input order', async () => {
    const lake = await lakeFor()
    // Report first, authors and projects last: the order a naive packing would send them in.
    const docs = makeDocuments({images: [], sections: 6, paragraphs: 10}).reverse()
    const summary = await run(lake, docs, {maxBatchBytes: 12_000}).promise
    expect(summary.created).toBe(docs.length)
    expect(summary.mutationRequests).toBeGreaterThan(2)
    expect(lake.requestLog.filter((entry) => entry.status === 409)).toEqual([])
  })

  it('says exactly which reference is missing instead of re-planning', async () => {
    const lake = await lakeFor()
    const docs = makeDocuments({images: []}).filter((doc) => doc._type !== 'author')
    const {promise, lines} = run(lake, docs)
    const error = await rejection(promise)
    expect(error.message).toContain("missing-reference")
    expect(error.message).toMatch(/"author-jane-doe".*neither in the dataset nor in this push.*push incomplete: 0 of \d+ documents written/)
    expect(lines.some((line) => /re-planning/.test(line))).toBe(false)
  })

  it('stops with a clear line when the dataset keeps changing under every re-plan', async () => {
    const lake = await lakeFor()
    const docs = makeDocuments({images: []})
    await run(lake, docs).promise
    const changed = docs.map((doc) => (doc._type === 'author' ? {...doc, role: 'Chief editor'} : doc))
    const real = lakeClient(lake.url)
    let edits = 0
    const racing = racingClient(lake.url, {once: false}, () => real.patch('author-jane-doe').set({organisation: `Editor ${++edits}`}).commit())
    const error = await rejection(run(lake, changed, {client: racing}).promise)
    expect(error.message).toMatch(/kept changing during the push: 1 documents were re-planned 3 times .*unexpected revision.*\[no-progress\]/)
    expect(error.message).toMatch(/push incomplete/)
    expect((await real.getDocument('author-jane-doe'))?.role).toBe('Editor')
  })

  it('creates new documents with create: a document another writer made first is re-planned, never overwritten', async () => {
    const lake = await lakeFor()
    const docs = makeDocuments({images: []})
    const real = lakeClient(lake.url)
    const racing = racingClient(lake.url, {once: true}, () => real.create({_id: 'author-jane-doe', _type: 'author', name: 'Made by hand meanwhile'}))
    const {promise, lines} = run(lake, docs, {client: racing})
    const summary = await promise
    expect(lines.some((line) => /re-planning/.test(line))).toBe(true)
    expect(summary.conflicts.map((conflict) => conflict.id)).toEqual(['author-jane-doe'])
    expect(summary.created).toBe(docs.length - 1)
    expect((await real.getDocument('author-jane-doe'))?.name).toBe('Made by hand meanwhile')
  })
})

describe('dry run', () => {
  it('prints the plan and writes nothing', async () => {
    const lake = await lakeFor()
    const docs = makeDocuments({images: files})
    const {promise, lines} = run(lake, docs, {dryRun: true})
    const summary = await promise
    const kinds = countKinds(lake.requestLog)
    expect(kinds.mutate ?? 0).toBe(0)
    expect(kinds.upload ?? 0).toBe(0)
    expect(summary).toMatchObject({dryRun: true, created: docs.length})
    expect(lines[0]).toMatch(new RegExp(`${docs.length} to create, 0 to update, 0 to merge, 0 unchanged, 0 conflicts.*${DISTINCT_IMAGES} to upload`))
    for (const doc of docs) expect(lines).toContain(`create ${doc._id}`)
    expect(await allDocuments(lakeClient(lake.url))).toEqual([])
  })
})

describe('batching', () => {
  it('splits writes into requests under the byte limit and rejects an oversized document', async () => {
    const lake = await lakeFor()
    const docs = makeDocuments({images: [], sections: 6, paragraphs: 20})
    const limit = 40_000
    const bodies: number[] = []
    const measuring = lakeClient(lake.url)
    const mutate = measuring.mutate.bind(measuring) as (...args: unknown[]) => Promise<unknown>
    measuring.mutate = ((mutations: unknown, options: unknown) => {
      bodies.push(Buffer.byteLength(JSON.stringify({mutations})))
      return mutate(mutations, options)
    }) as SanityClient['mutate']
    const summary = await run(lake, docs, {client: measuring, maxBatchBytes: limit}).promise
    const total = docs.reduce((sum, doc) => sum + Buffer.byteLength(JSON.stringify({createOrReplace: doc})), 0)
    expect(bodies.length).toBeGreaterThan(1)
    expect(bodies.length).toBe(summary.mutationRequests)
    for (const bytes of bodies) expect(bytes).toBeLessThanOrEqual(limit)
    expect(bodies.length).toBeLessThanOrEqual(Math.ceil(total / (limit / 2)))
    expect(summary.created).toBe(docs.length)

    const fresh = await lakeFor()
    const big = makeDocuments({images: [], sections: 1, paragraphs: 200})
    await expect(run(fresh, big, {maxBatchBytes: limit}).promise).rejects.toThrow(/section-2099-part-1 is \d+ bytes.*at most 40000/)
    expect(countKinds(fresh.requestLog).mutate ?? 0).toBe(0)
  })
})

describe('faults', () => {
  it('completes through injected 429s and 5xx, every document once', async () => {
    const lake = await lakeFor({throttleRate: 0.3, failRate: 0.3, seed: 7})
    const docs = makeDocuments({images: files, sections: 3})
    const {promise, lines} = run(lake, docs, {maxBatchBytes: 8_000, retry: {maxAttempts: 12}})
    const summary = await promise
    const failures = lake.requestLog.filter((entry) => entry.status === 429 || entry.status >= 500)
    expect(failures.length).toBeGreaterThan(0)
    expect(lines.some((line) => /retrying .*(429|503|server error)/.test(line))).toBe(true)
    expect(summary.created).toBe(docs.length)
    expect(summary.requests).toBe(lake.requestLog.length)
    // Read back from the store: the lake's injected faults apply to every client.
    const stored = lake.store.dataset('production').all() as SanityDocumentLike[]
    expect(stored.filter((doc) => doc._type !== 'sanity.imageAsset')).toHaveLength(docs.length)
    expect(stored.filter((doc) => doc._type === 'sanity.imageAsset')).toHaveLength(DISTINCT_IMAGES)
  })

  it('names a rejected token in one line, never the token itself', async () => {
    const lake = await lakeFor()
    const wrong = 'wrong-token-7d1e0b'
    const {promise, lines} = run(lake, makeDocuments({images: files}), {env: lakeEnv(lake.url, {SANITY_LAKE_TOKEN: wrong})})
    const error = await rejection(promise)
    expect(error).toBeInstanceOf(Error)
    expect(error.message).toMatch(/the token from SANITY_LAKE_TOKEN in the environment was refused \(401\)/)
    expect(error.message.split('\n')).toHaveLength(1)
    for (const text of [error.message, error.stack ?? '', ...lines]) {
      expect(text).not.toContain(wrong)
      expect(text).not.toContain(TOKEN)
    }
  })

  it('names an unreachable host in one line', async () => {
    const lake = await lakeFor()
    const url = lake.url
    await lake.close()
    const {promise} = run(url, makeDocuments({images: []}), {retry: {maxAttempts: 3, baseDelayMs: 5}})
    const error = await rejection(promise)
    expect(error.message).toMatch(new RegExp(`cannot reach ${url.replace(/\./g, '\\.')}: connection refused`))
    expect(error.message).not.toContain(TOKEN)
  })
})

describe('progress', () => {
  it('rewrites one line on a terminal and ends with the summary', async () => {
    const lake = await lakeFor()
    const chunks: string[] = []
    const {promise, lines} = run(lake, makeDocuments({images: files}), {isTTY: true, write: (c) => chunks.push(c)})
    await promise
    expect(chunks.some((chunk) => chunk.startsWith('\r') && /\[#+\] \d+\/\d+/.test(chunk))).toBe(true)
    // One rewritten line per phase (uploads, writes), each finished once.
    const phases = chunks.join('').split('\n').filter(Boolean)
    expect(phases).toHaveLength(2)
    for (const phase of phases) expect(phase.startsWith('\r')).toBe(true)
    expect(lines[0]).toMatch(/^pushed to dataset production/)
    expect(lines[1]).toMatch(/^type +created +updated +merged +unchanged +conflict +pruned +skipped images$/)
  })
})
