/**
 * A raw importer snapshot served by the lake: `_sanityAsset` files are ingested at load as
 * uploads would be, and a later push of the same documents finds nothing to do.
 */
import {createHash} from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import type {SanityDocumentLike} from 'sanity'
import {describe, expect, it} from 'vitest'
import {importFiles, toNdjson} from '../../importer/index.ts'
import {contentHash} from '../../importer/documents/content-hash.ts'
import {pushToDataset} from '../../importer/sinks/dataset/index.ts'
import {startLake, type OpenReport, type StoredDocument} from '../../lake/index.ts'
import {describeOpen} from '../../lake/open-report.ts'
import {ingestSnapshotAssets} from '../../lake/snapshot-assets.ts'
import {countKinds, lakeEnv, TOKEN as PUSH_TOKEN, writePng} from '../push/helpers.ts'
import {repoRoot, scratchDirs} from './setup.ts'

const newDir = scratchDirs()

const sha1 = (file: string): string => createHash('sha1').update(fs.readFileSync(file)).digest('hex')
const fileSource = (file: string): string => `image@${pathToFileURL(file).href}`
/** Every object (at any depth) that has `key`. */
function objectsWith(value: unknown, key: string): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap((item) => objectsWith(item, key))
  if (typeof value !== 'object' || value === null) return []
  const record = value as Record<string, unknown>
  return [...(key in record ? [record] : []), ...Object.values(record).flatMap((field) => objectsWith(field, key))]
}

describe('ingestSnapshotAssets', () => {
  const dir = newDir('snapshot-assets-')
  // The images live in their own folder (the import's assets root), not in the lake's data folder.
  const images = newDir('snapshot-images-')
  const red = writePng(images, 'red.png', [255, 0, 0], 3)
  const blue = writePng(images, 'blue.png', [0, 0, 255], 2)
  const missing = path.join(images, 'gone.png')
  const context = {dir, projectId: 'offline', baseUrl: 'http://127.0.0.1:9'}
  const roots = [images]
  const documents = (): Map<string, StoredDocument> =>
    new Map<string, StoredDocument>(
      [
        {
          _id: 'doc-a',
          _type: 'page',
          hero: {_type: 'figure', src: '/img/red.png', alt: 'Red', _sanityAsset: fileSource(red)},
          body: [
            {_type: 'block', _key: 'b1', children: [{_type: 'inlineImage', _key: 'i1', src: '/img/blue.png', _sanityAsset: fileSource(blue)}]},
            {_type: 'figure', _key: 'f1', src: '/img/gone.png', _sanityAsset: fileSource(missing)},
          ],
        },
        {_id: 'doc-b', _type: 'page', logo: {_sanityAsset: fileSource(red)}, remote: {_type: 'image', _sanityAsset: 'image@https://example.org/x.png'}},
      ].map((doc) => [doc._id, doc]),
    )

  it('turns each readable file into one content-addressed asset and a reference in place of _sanityAsset', () => {
    const docs = documents()
    // The importer's image objects always carry a _type (doc-b's bare one gains it, changing its hash).
    const hashBefore = contentHash(docs.get('doc-a')!)
    const report = ingestSnapshotAssets(docs, 'production', context, {now: '2020-01-01T00:00:00Z', roots})

    const redId = `image-${sha1(red)}-3x3-png`
    const blueId = `image-${sha1(blue)}-2x2-png`
    expect(report).toMatchObject({referenced: 3, created: 2})
    expect(docs.get(redId)).toMatchObject({_type: 'sanity.imageAsset', extension: 'png', originalFilename: 'red.png', _createdAt: '2020-01-01T00:00:00Z'})
    expect(docs.get(redId)?._rev).toEqual(expect.any(String))
    expect(docs.get(blueId)).toMatchObject({metadata: {dimensions: {width: 2, height: 2}}})
    // The bytes are stored where an upload stores them, and described by the document's path.
    expect(fs.readFileSync(path.join(dir, 'assets', 'production', 'images', `${sha1(red)}-3x3.png`))).toEqual(fs.readFileSync(red))

    const a = docs.get('doc-a') as Record<string, any>
    expect(a.hero).toEqual({_type: 'figure', src: '/img/red.png', alt: 'Red', asset: {_type: 'reference', _ref: redId}})
    expect(a.body[0].children[0]).toEqual({_type: 'inlineImage', _key: 'i1', src: '/img/blue.png', asset: {_type: 'reference', _ref: blueId}})
    // An object with nothing but _sanityAsset gets a _type, as @sanity/import's setIfMissing does.
    expect((docs.get('doc-b') as Record<string, any>).logo).toEqual({_type: 'image', asset: {_type: 'reference', _ref: redId}})

    // Unreadable sources stay exactly as they were, and are reported with where they are.
    expect(a.body[1]).toEqual({_type: 'figure', _key: 'f1', src: '/img/gone.png', _sanityAsset: fileSource(missing)})
    expect(report.problems).toEqual([
      {documentId: 'doc-a', path: 'body[1]', source: fileSource(missing), reason: expect.stringContaining(missing)},
      {documentId: 'doc-b', path: 'remote', source: 'image@https://example.org/x.png', reason: expect.stringContaining('https://example.org/x.png')},
    ])
    // What the importer's hash covers did not change.
    expect(contentHash(docs.get('doc-a')!)).toBe(hashBefore)
  })

  it('changes nothing the second time', () => {
    const docs = documents()
    ingestSnapshotAssets(docs, 'production', context, {roots})
    const before = JSON.stringify([...docs])
    const again = ingestSnapshotAssets(docs, 'production', context, {roots})
    expect(again).toMatchObject({referenced: 0, created: 0})
    expect(JSON.stringify([...docs])).toBe(before)
  })

  it('describes a missing file as one located warning line naming it', () => {
    const docs = documents()
    const snapshotAssets = ingestSnapshotAssets(docs, 'production', context, {roots})
    const report: OpenReport = {dataset: 'production', snapshotPath: '/data/production.ndjson', documents: docs.size, replayed: 0, staleJournal: false, tornTail: false, snapshotAssets}
    const lines = describeOpen(report)
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^\/data\/production\.ndjson: warning: document "doc-a" at body\[1\]: .*gone\.png.* \[snapshot-asset\]$/)
    expect(lines.every((line) => !line.includes('\n'))).toBe(true)
  })
})

const sampleContent = path.resolve(repoRoot, '../shared/content')
const sampleReports = fs.existsSync(sampleContent)
  ? fs.readdirSync(sampleContent).filter((file) => file.endsWith('.md') && file.toLowerCase() !== 'readme.md').map((file) => path.join(sampleContent, file))
  : []

describe.skipIf(sampleReports.length === 0)('a lake loading the importer snapshot of the sample content', () => {
  it('serves its images as uploaded assets, and a push of the same documents writes nothing', async () => {
    const {documents} = await importFiles(sampleReports, {assetsDir: sampleContent, cwd: sampleContent})
    const ndjson = toNdjson(documents)
    const sources = [...new Set(ndjson.match(/image@file:[^"]+/g) ?? [])]
    expect(sources.length).toBeGreaterThan(0)
    const files = sources.map((source) => fileURLToPath(source.slice('image@'.length)))
    const readable = files.filter((file) => fs.existsSync(file))
    const distinct = new Set(readable.map(sha1))

    const dir = newDir('snapshot-lake-')
    fs.writeFileSync(path.join(dir, 'production.ndjson'), ndjson)
    const reports: OpenReport[] = []
    const lake = await startLake({port: 0, dir, token: PUSH_TOKEN, tls: false, assetRoots: [sampleContent], onDatasetOpen: (report) => reports.push(report)})
    try {
      const stored = lake.store.dataset('production').all()
      const assets = stored.filter((doc) => doc._type === 'sanity.imageAsset')
      expect(reports[0]?.snapshotAssets).toMatchObject({created: distinct.size, problems: []})
      expect(new Set(assets.map((doc) => doc.sha1hash))).toEqual(distinct)
      expect(objectsWith(stored, '_sanityAsset')).toEqual([])
      // Every reference points at an asset the lake holds and serves.
      const refs = objectsWith(stored, 'asset').map((object) => (object.asset as {_ref: string})._ref)
      expect(refs.length).toBeGreaterThanOrEqual(sources.length)
      for (const ref of new Set(refs)) expect(lake.store.dataset('production').get(ref)?._type).toBe('sanity.imageAsset')
      const first = assets[0]!
      const served = await fetch(String(first.url))
      expect(served.status).toBe(200)
      expect(served.headers.get('content-type')).toBe(first.mimeType)
      expect(Buffer.from(await served.arrayBuffer()).length).toBe(first.size)
      // The snapshot was compacted with the references: the next start has nothing to ingest.
      expect(fs.readFileSync(path.join(dir, 'production.ndjson'), 'utf8')).not.toContain('_sanityAsset')

      const before = lake.requestLog.length
      const summary = await pushToDataset(documents as unknown as SanityDocumentLike[], {
        dryRun: false,
        force: false,
        isTTY: false,
        log: () => {},
        env: lakeEnv(lake.url),
      })
      expect(summary).toMatchObject({unchanged: documents.length, created: 0, conflicts: []})
      const kinds = countKinds(lake.requestLog.slice(before))
      expect([kinds.mutate ?? 0, kinds.upload ?? 0]).toEqual([0, 0])
    } finally {
      await lake.close()
    }
    const restarted: OpenReport[] = []
    const again = await startLake({port: 0, dir, tls: false, assetRoots: [sampleContent], onDatasetOpen: (report) => restarted.push(report)})
    await again.close()
    // The lake wrote that snapshot itself (its journal names it): nothing is read from files again.
    expect(restarted[0]).toMatchObject({dataset: 'production', staleJournal: false})
    expect(restarted[0]?.snapshotAssets).toBeUndefined()
  }, 60_000)
})
