/**
 * An unchanged re-push reads summaries, not documents (issue 23): the plan asks for id, type,
 * revision and the recorded hashes with a projection, and reads whole copies only where those
 * cannot show a copy untouched. Against the local lake with the real @sanity/client; the
 * dataset's size is measured here from what the lake stores, not from the push.
 */
import type {SanityClient} from '@sanity/client'
import type {SanityDocumentLike} from 'sanity'
import {afterAll, afterEach, describe, expect, it} from 'vitest'
import {pushToDataset} from '../../importer/sinks/dataset/index.ts'
import {REMOTE_DOCUMENTS_QUERY, REMOTE_SUMMARY_QUERY} from '../../importer/sinks/dataset/plan.ts'
import type {Lake} from '../../lake/index.ts'
import {lakeClient, makeDocuments, pushOptions, startTestLake, tempDir, writePng} from './helpers.ts'

const images = tempDir('repush-img-')
const files = [writePng(images.dir, 'hero.png', [20, 30, 40])]
afterAll(() => images.remove())

let stops: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const stop of stops) await stop()
  stops = []
})

async function lake(): Promise<Lake> {
  const started = await startTestLake()
  stops.push(started.stop)
  return started.lake
}

/** A client that records every query it runs, with its parameters. */
function recordingClient(url: string): {client: SanityClient; queries: {query: string; ids: string[]}[]} {
  const client = lakeClient(url)
  const queries: {query: string; ids: string[]}[] = []
  const fetch = client.fetch.bind(client) as (...args: unknown[]) => Promise<unknown>
  client.fetch = ((query: string, params: {ids?: string[]} = {}, ...rest: unknown[]) => {
    queries.push({query, ids: params.ids ?? []})
    return fetch(query, params, ...rest)
  }) as SanityClient['fetch']
  return {client, queries}
}

/** Reports of real size: many long paragraphs per section. */
function reports(count: number): SanityDocumentLike[] {
  return Array.from({length: count}, (_, index) => makeDocuments({images: files, year: 2000 + index, sections: 4, paragraphs: 12})).flat()
    .filter((doc, index, all) => all.findIndex((other) => other._id === doc._id) === index)
}

/** Bytes of every document the dataset holds, as JSON (what a full read would download). */
async function datasetBytes(client: SanityClient): Promise<number> {
  const all = await client.fetch<unknown[]>('*[!(_id in path("_.**"))]')
  return all.reduce<number>((sum, doc) => sum + Buffer.byteLength(JSON.stringify(doc)), 0)
}

describe('a re-push', () => {
  it('of unchanged reports reads summaries only: at most 5% of the dataset, and says how much', async () => {
    const target = await lake()
    const docs = reports(5)
    const first = await pushToDataset(docs, pushOptions(target.url, {log: () => {}}))
    expect(first.created).toBe(docs.length)
    const size = await datasetBytes(lakeClient(target.url))
    const {client, queries} = recordingClient(target.url)
    const again = await pushToDataset(docs, pushOptions(target.url, {log: () => {}, client}))
    expect(again.unchanged).toBe(docs.length)
    expect(again.mutationRequests).toBe(0)
    expect(queries[0]?.query).toBe(REMOTE_SUMMARY_QUERY)
    expect(queries[0]?.ids.sort()).toEqual(docs.map((doc) => doc._id).sort())
    expect(queries.filter((entry) => entry.query === REMOTE_DOCUMENTS_QUERY)).toEqual([])
    expect(again.bytesRead).toBeGreaterThan(0)
    expect(again.bytesRead / size).toBeLessThanOrEqual(0.05)
    // The first push read nothing whole either (nothing was there).
    expect(first.bytesRead / size).toBeLessThan(0.05)
  })

  it('reads in full exactly the copies whose source changed, and updates only those', async () => {
    const target = await lake()
    const docs = reports(2)
    await pushToDataset(docs, pushOptions(target.url, {log: () => {}}))
    const section = docs.filter((doc) => doc._type === 'section')[1]!
    const {client, queries} = recordingClient(target.url)
    const changed = docs.map((doc) => (doc._id === section._id ? {...doc, title: 'Renamed in the source'} : doc))
    const summary = await pushToDataset(changed, pushOptions(target.url, {log: () => {}, client}))
    expect(queries.filter((entry) => entry.query === REMOTE_DOCUMENTS_QUERY).map((entry) => entry.ids)).toEqual([[section._id]])
    expect([summary.updated, summary.unchanged]).toEqual([1, docs.length - 1])
    expect(await lakeClient(target.url).getDocument(section._id)).toMatchObject({title: 'Renamed in the source'})
    // Written as imported: it records the push's revision again, so the next push reads only its summary.
    const {client: nextClient, queries: nextQueries} = recordingClient(target.url)
    const next = await pushToDataset(changed, pushOptions(target.url, {log: () => {}, client: nextClient}))
    expect(next.unchanged).toBe(docs.length)
    expect(nextQueries.filter((entry) => entry.query === REMOTE_DOCUMENTS_QUERY)).toEqual([])
  })

  it('reads in full exactly the copies an editor changed, and still merges their edits', async () => {
    const target = await lake()
    const docs = reports(2)
    await pushToDataset(docs, pushOptions(target.url, {log: () => {}}))
    const section = docs.find((doc) => doc._type === 'section')!
    await lakeClient(target.url).patch(section._id).set({title: 'Edited by an editor'}).commit()
    const {client, queries} = recordingClient(target.url)
    const changed = docs.map((doc) => (doc._id === section._id ? {...doc, level: 3} : doc))
    const summary = await pushToDataset(changed, pushOptions(target.url, {log: () => {}, client}))
    expect(queries.filter((entry) => entry.query === REMOTE_DOCUMENTS_QUERY).map((entry) => entry.ids)).toEqual([[section._id]])
    expect(summary.merged).toBe(1)
    expect(summary.unchanged).toBe(docs.length - 1)
    const stored = await lakeClient(target.url).getDocument(section._id)
    expect(stored).toMatchObject({title: 'Edited by an editor', level: 3})
    // Merged, it is not the import any more: no recorded revision, so the next push reads it again.
    expect((stored?.importInfo as {revision?: string}).revision).toBeUndefined()
  })

  it('reads in full a copy that records no revision (loaded with sanity dataset import), and writes nothing to it', async () => {
    const target = await lake()
    const docs = reports(1)
    await pushToDataset(docs, pushOptions(target.url, {log: () => {}}))
    const author = docs.find((doc) => doc._type === 'author')!
    await lakeClient(target.url).patch(author._id).unset(['importInfo.revision']).commit()
    const before = await lakeClient(target.url).getDocument(author._id)
    const {client, queries} = recordingClient(target.url)
    const summary = await pushToDataset(docs, pushOptions(target.url, {log: () => {}, client}))
    expect(queries.filter((entry) => entry.query === REMOTE_DOCUMENTS_QUERY).map((entry) => entry.ids)).toEqual([[author._id]])
    expect([summary.unchanged, summary.mutationRequests]).toEqual([docs.length, 0])
    expect((await lakeClient(target.url).getDocument(author._id))?._rev).toBe(before?._rev)
  })
})
