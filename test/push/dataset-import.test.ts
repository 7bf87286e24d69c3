/**
 * The two ways into a dataset agree: the importer's NDJSON loaded by `@sanity/import` (the
 * library behind `sanity dataset import`) into one dataset of the lake, and the same documents
 * pushed by `pushToDataset` into another, hold the same documents and the same image assets.
 */
import {createReadStream, existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import type {SanityClient} from '@sanity/client'
import {sanityImport} from '@sanity/import'
import type {SanityDocumentLike} from 'sanity'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {importFiles, toNdjson} from '../../importer/index.ts'
import {relativeAssetPaths} from '../../importer/sinks/ndjson.ts'
import {runCli} from '../../importer/main.ts'
import {pushToDataset} from '../../importer/sinks/dataset/index.ts'
import {findObjects} from '../helpers/json.ts'
import {lakeClient, lakeEnv, startTestLake, tempDir} from './helpers.ts'
import {repoRoot} from './lake-process.ts'

const reportFile = 'content/annual-report-2022.md'
const assetsDir = 'content'

/** Fields the lake sets per write: they differ between any two writes of the same content. */
const SYSTEM_FIELDS = ['_rev', '_createdAt', '_updatedAt']
/** Asset fields that name the dataset the bytes live in (URL and path). */
const DATASET_SPECIFIC_ASSET_FIELDS = ['url', 'path']

type Doc = Record<string, unknown> & {_id: string; _type: string}

/**
 * The first place two JSON values differ, depth first in key order.
 * @param a - one value
 * @param b - the other
 * @param at - the path of these values
 * @returns `path: a ≠ b`, or undefined when they are equal
 */
function firstDifference(a: unknown, b: unknown, at: string): string | undefined {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const found = firstDifference(a[i], b[i], `${at}[${i}]`)
      if (found) return found
    }
    return undefined
  }
  if (isObject(a) && isObject(b)) {
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      const found = firstDifference(a[key], b[key], `${at}.${key}`)
      if (found) return found
    }
    return undefined
  }
  return Object.is(a, b) ? undefined : `${at}: ${show(a)} ≠ ${show(b)}`
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function show(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value)
  return text.length > 120 ? `${text.slice(0, 117)}...` : text
}

/** A stored document without the fields that only say when and where it was written. */
function comparable(document: Doc): Doc {
  const copy: Doc = {...document}
  // The push records the transaction that wrote a copy (its _rev) in importInfo: system data too.
  if (isObject(copy.importInfo) && 'revision' in copy.importInfo) {
    const {revision, ...info} = copy.importInfo
    copy.importInfo = revision === copy._rev ? info : {...info, revision: `${String(revision)} is not _rev ${String(copy._rev)}`}
  }
  for (const field of SYSTEM_FIELDS) delete copy[field]
  if (copy._type !== 'sanity.imageAsset') return copy
  for (const field of DATASET_SPECIFIC_ASSET_FIELDS) delete copy[field]
  // @sanity/import names an upload after its file URL's last segment, still percent-encoded
  // (`a%20b.png`); the push sends the file's name. Same file, so compare them decoded.
  if (typeof copy.originalFilename === 'string') copy.originalFilename = decodeURIComponent(copy.originalFilename)
  return copy
}

/** Every document of a dataset, drafts included, sorted by id. */
async function everything(client: SanityClient): Promise<Doc[]> {
  return client.fetch<Doc[]>('* | order(_id asc)', {}, {perspective: 'raw'})
}

/** Asset ids referenced from image objects, in document order. */
function imageAssetRefs(documents: readonly Doc[]): string[] {
  return findObjects(documents, (object) => isObject(object.asset) && typeof object.asset._ref === 'string').map(
    (object) => (object.asset as {_ref: string})._ref,
  )
}

/**
 * Counts `_weak` references in every document state a dataset's journal recorded (its format is
 * in lake/README.md: a header line, then one transaction per line with resulting documents).
 */
function weakInJournal(file: string): number {
  const transactions = readFileSync(file, 'utf8').trimEnd().split('\n').slice(1)
  return transactions.reduce((count, line) => count + findObjects(JSON.parse(line), (object) => object._weak === true).length, 0)
}

const datasets = describe.skipIf(!existsSync(path.join(repoRoot, reportFile)))

datasets('@sanity/import of the NDJSON and a push', () => {
  let pushed: Doc[] = []
  let imported: Doc[] = []
  let ndjsonDocuments: Doc[] = []
  /** Weak references in the documents the lake committed for @sanity/import, at any point. */
  let weakWhileImporting = 0
  let stop: () => Promise<void> = async () => {}
  let removeTemp: () => void = () => {}

  beforeAll(async () => {
    const temp = tempDir('dataset-import-')
    removeTemp = temp.remove
    const out = path.join(temp.dir, 'report.ndjson')
    const output: string[] = []
    const io = {stdout: (line: string) => output.push(line), stderr: (line: string) => output.push(line), env: {}, cwd: repoRoot, isTTY: false}
    const code = await runCli([reportFile, '--assets', assetsDir, '--out', out], io)
    expect(code, output.join('\n')).toBe(0)
    const ndjson = readFileSync(out, 'utf8')
    ndjsonDocuments = ndjson.trimEnd().split('\n').map((line) => JSON.parse(line) as Doc)

    // The push gets the importer's documents as the CLI's --push does; they are the NDJSON's
    // (which names image files relative to itself).
    const {documents} = await importFiles([reportFile], {assetsDir: path.resolve(repoRoot, assetsDir), cwd: repoRoot})
    expect(relativeAssetPaths(toNdjson(documents), temp.dir)).toBe(ndjson)

    const started = await startTestLake()
    stop = started.stop
    const url = started.lake.url
    const summary = await pushToDataset(documents as unknown as SanityDocumentLike[], {
      dryRun: false,
      force: false,
      isTTY: false,
      log: () => {},
      env: lakeEnv(url, {SANITY_DATASET: 'production'}),
    })
    expect(summary).toMatchObject({created: documents.length, conflicts: []})

    const target = lakeClient(url).withConfig({dataset: 'imported'})
    // As `sanity dataset import` into a new dataset: created first, files resolved against the NDJSON's folder.
    await target.datasets.create('imported')
    const result = await sanityImport(createReadStream(out), {client: target, operation: 'createOrReplace', assetsBase: path.dirname(out)})
    expect(result.numDocs).toBe(documents.length)

    pushed = await everything(lakeClient(url))
    imported = await everything(target)
    weakWhileImporting = weakInJournal(path.join(started.dir, 'imported.journal.ndjson'))
  }, 30_000)

  afterAll(async () => {
    await stop()
    removeTemp()
  })

  it('hold the same document ids: the NDJSON documents plus their image assets', () => {
    const ids = (documents: readonly Doc[]) => documents.map((document) => document._id)
    expect(ids(imported)).toEqual(ids(pushed))
    const contentIds = ids(pushed.filter((document) => document._type !== 'sanity.imageAsset'))
    expect(contentIds).toEqual(ids(ndjsonDocuments).sort())
    expect(pushed.some((document) => document._type === 'sanity.imageAsset')).toBe(true)
  })

  it('leaves no weak reference and no _sanityAsset behind after @sanity/import', () => {
    // It did write references weak first, so the strengthening pass really ran against the lake.
    expect(weakWhileImporting).toBeGreaterThan(0)
    const weak = findObjects(imported, (object) => '_weak' in object)
    expect(weak, `weak references left: ${show(weak.slice(0, 3))}`).toEqual([])
    expect(JSON.stringify(imported)).not.toContain('_sanityAsset')
    expect(JSON.stringify(pushed)).not.toContain('_sanityAsset')
  })

  it('points every image object at the same content-addressed asset', () => {
    const pushedRefs = imageAssetRefs(pushed)
    expect(pushedRefs.length).toBe(findObjects(ndjsonDocuments, (object) => typeof object._sanityAsset === 'string').length)
    for (const ref of pushedRefs) expect(ref).toMatch(/^image-[a-f0-9]{40}-\d+x\d+-[a-z]+$/)
    expect(imageAssetRefs(imported)).toEqual(pushedRefs)
  })

  it('stores the same content in every document, system and URL fields aside', () => {
    const byId = new Map(imported.map((document) => [document._id, comparable(document)]))
    const differences = pushed
      .map((document) => firstDifference(comparable(document), byId.get(document._id), document._id))
      .filter((difference) => difference !== undefined)
    expect(differences, `first difference (push ≠ @sanity/import): ${differences[0]}`).toEqual([])
  })
})
