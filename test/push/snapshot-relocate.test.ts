/**
 * A snapshot names its images relative to itself, so the NDJSON and its images can be moved (or
 * copied to another machine) together and still import: with the real `@sanity/import` (the
 * library behind `sanity dataset import`, which resolves `file://./…` against the NDJSON's folder)
 * and with the lake loading it as its data folder's snapshot.
 */
import {cpSync, createReadStream, readFileSync, renameSync} from 'node:fs'
import path from 'node:path'
import {sanityImport} from '@sanity/import'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runCli} from '../../importer/main.ts'
import {startLake} from '../../lake/index.ts'
import {findObjects} from '../helpers/json.ts'
import {lakeClient, startTestLake, tempDir, TOKEN} from './helpers.ts'
import {repoRoot} from './lake-process.ts'

type Doc = Record<string, unknown> & {_id: string; _type: string}

/** Image objects of the documents, and the asset each references. */
const imageRefs = (documents: readonly Doc[]): string[] =>
  findObjects(documents, (object) => typeof (object.asset as {_ref?: unknown} | undefined)?._ref === 'string').map((object) => (object.asset as {_ref: string})._ref)

describe('a snapshot moved with its images', () => {
  let base = ''
  let remove: () => void = () => {}
  /** `_sanityAsset` image objects the importer wrote (counted from the file, before any import). */
  let sources = 0
  let moved = ''

  beforeAll(async () => {
    ;({dir: base, remove} = tempDir('relocate-'))
    // A site tree: content/ (markdown + images) and data/ for the NDJSON, as a user lays it out.
    const site = path.join(base, 'site')
    cpSync(path.join(repoRoot, 'content'), path.join(site, 'content'), {recursive: true})
    const out = path.join(site, 'data', 'production.ndjson')
    const lines: string[] = []
    const io = {stdout: (line: string) => lines.push(line), stderr: (line: string) => lines.push(line), env: {}, cwd: site, isTTY: false}
    expect(await runCli(['content', '--assets', 'content', '--out', out], io), lines.join('\n')).toBe(0)
    sources = readFileSync(out, 'utf8').split('\n').filter(Boolean).reduce((count, line) => count + findObjects(JSON.parse(line), (object) => typeof object._sanityAsset === 'string').length, 0)
    expect(sources).toBeGreaterThan(0)
    // The whole tree moves; the place it was written in no longer exists.
    const elsewhere = path.join(base, 'elsewhere')
    renameSync(site, elsewhere)
    moved = path.join(elsewhere, 'data', 'production.ndjson')
  }, 60_000)

  afterAll(() => remove())

  it('imports with @sanity/import as `sanity dataset import` runs it: every image uploaded', async () => {
    const {lake, stop} = await startTestLake()
    try {
      const client = lakeClient(lake.url)
      const result = await sanityImport(createReadStream(moved), {client, operation: 'createOrReplace', assetsBase: path.dirname(moved)})
      expect(result.numDocs).toBeGreaterThan(0)
      const stored = await client.fetch<Doc[]>('*[!(_type match "sanity.*")]', {}, {perspective: 'raw'})
      expect(JSON.stringify(stored)).not.toContain('_sanityAsset')
      expect(imageRefs(stored)).toHaveLength(sources)
    } finally {
      await stop()
    }
  }, 60_000)

  it('loads in the lake as its data folder snapshot: every image becomes an asset', async () => {
    const dataDir = path.dirname(moved)
    const problems: string[] = []
    const lake = await startLake({port: 0, dir: dataDir, token: TOKEN, tls: false, assetRoots: [path.dirname(dataDir)], onDatasetOpen: (report) => problems.push(...(report.snapshotAssets?.problems ?? []).map((problem) => problem.reason))})
    try {
      expect(problems).toEqual([])
      const stored = await lakeClient(lake.url).fetch<Doc[]>('*[!(_type match "sanity.*")]', {}, {perspective: 'raw'})
      expect(imageRefs(stored)).toHaveLength(sources)
    } finally {
      await lake.close()
    }
  }, 60_000)
})
