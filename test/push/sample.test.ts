/**
 * The sample report, imported with its real images, pushed to the lake: through the API and
 * through the CLI (`importer/cli.ts … --push`) with SANITY_API_HOST pointing at the lake.
 */
import {execFile} from 'node:child_process'
import {createHash} from 'node:crypto'
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {promisify} from 'node:util'
import type {SanityDocumentLike} from 'sanity'
import {afterEach, describe, expect, it} from 'vitest'
import {importFiles} from '../../importer/index.ts'
import {pushToDataset} from '../../importer/sinks/dataset/index.ts'
import {countKinds, lakeClient, lakeEnv, startTestLake, TOKEN} from './helpers.ts'
import {repoRoot} from './lake-process.ts'
import {expectStoredAsImported, toNdjson} from './stored.ts'

const content = path.resolve(repoRoot, '../shared/content')
const report = path.join(content, 'annual-report-2022.md')
const run = promisify(execFile)

let stops: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const stop of stops) await stop()
  stops = []
})

/** Distinct image contents the documents point at (by sha1 of the files' bytes). */
function distinctImages(documents: SanityDocumentLike[]): number {
  const sources = JSON.stringify(documents).match(/image@file:[^"]+/g) ?? []
  const hashes = new Set(
    [...new Set(sources)].map((source) =>
      createHash('sha1').update(readFileSync(fileURLToPath(source.slice('image@'.length)))).digest('hex'),
    ),
  )
  return hashes.size
}

describe.skipIf(!existsSync(report))('the sample report', () => {
  it('pushes once with few requests, then finds nothing to do', async () => {
    const started = await startTestLake()
    stops.push(started.stop)
    const {lake} = started
    const {documents} = await importFiles([report], {assetsDir: content, cwd: content})
    const docs = documents as unknown as SanityDocumentLike[]
    const imported = toNdjson(docs)
    const images = distinctImages(docs)
    expect(images).toBeGreaterThan(0)

    const lines: string[] = []
    const options = {dryRun: false, force: false, isTTY: false, log: (l: string) => lines.push(l), env: lakeEnv(lake.url)}
    const summary = await pushToDataset(docs, options)
    expect(summary).toMatchObject({created: docs.length, assetsUploaded: images, conflicts: []})
    const kinds = countKinds(lake.requestLog)
    expect(kinds.upload).toBe(images)
    expect(kinds.mutate).toBeLessThanOrEqual(Math.ceil(Buffer.byteLength(JSON.stringify(docs)) / (4 * 1024 * 1024)))
    // The targets, the sources' documents (for stale ones), existing assets.
    expect(kinds.query).toBe(3)

    const stored: SanityDocumentLike[] = await lakeClient(lake.url).fetch('*[_type != "sanity.imageAsset"]')
    expect(stored).toHaveLength(docs.length)
    expectStoredAsImported(stored, imported)
    expect(JSON.stringify(stored)).not.toContain('_sanityAsset')

    const before = lake.requestLog.length
    const again = await pushToDataset(docs, options)
    expect(again.unchanged).toBe(docs.length)
    const second = countKinds(lake.requestLog.slice(before))
    // Two reads: the targets, and the ids the same sources made earlier (stale ones).
    expect([second.mutate ?? 0, second.upload ?? 0, second.query]).toEqual([0, 0, 2])
  })

  it('pushes through the CLI, and a wrong token fails with one clear line', async () => {
    const started = await startTestLake()
    stops.push(started.stop)
    const cli = (env: NodeJS.ProcessEnv) =>
      run(process.execPath, ['--import', 'tsx', 'importer/cli.ts', report, '--assets', content, '--push'], {
        cwd: repoRoot,
        env: {...process.env, ...env},
      })
    const ok = await cli(lakeEnv(started.lake.url))
    expect(ok.stdout).toMatch(/pushed to dataset production at http:\/\/127\.0\.0\.1:\d+: \d+ created/)
    expect(ok.stdout + ok.stderr).not.toContain(TOKEN)

    const wrong = 'not-the-token-0c4f'
    const failed = await cli(lakeEnv(started.lake.url, {SANITY_LAKE_TOKEN: wrong})).then(
      () => undefined,
      (error: {code: number; stdout: string; stderr: string}) => error,
    )
    expect(failed?.code).not.toBe(0)
    const errorLines = failed!.stderr.split('\n').filter((line) => /error/i.test(line))
    expect(errorLines).toHaveLength(1)
    expect(errorLines[0]).toMatch(/the token from SANITY_LAKE_TOKEN in the environment was refused \(401\)/)
    expect(failed!.stderr).not.toMatch(/\n\s+at /)
    expect(failed!.stdout + failed!.stderr).not.toContain(wrong)
  })
})
