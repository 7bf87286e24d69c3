/**
 * The streaming, parallel import (issue 13): the same bytes as converting every report into one
 * registry in memory, whatever the job count and the order the years arrive in; all-or-nothing;
 * and memory that does not grow with the corpus (measured as retained heap, never as time).
 */
import {cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {writeCorpus} from '../../bench/corpus/generate.ts'
import {assembleDataset} from '../../importer/documents/dataset.ts'
import type {ReportEntry} from '../../importer/documents/dataset.ts'
import {SharedRegistry} from '../../importer/documents/registry.ts'
import {convertReport} from '../../importer/documents/report.ts'
import {importToSink} from '../../importer/import-files.ts'
import {runCli} from '../../importer/main.ts'
import {mapInOrder} from '../../importer/pool/ordered.ts'
import {openInfraProfile} from '../../importer/profile/openinfra.ts'
import {openNdjsonSink} from '../../importer/sinks/ndjson-stream.ts'
import type {DatasetSink} from '../../importer/sinks/ndjson-stream.ts'
import {toNdjson} from '../../importer/sinks/ndjson.ts'

const repoRoot = path.resolve(import.meta.dirname, '../..')
const EARLIER = '{"_id":"earlier","_type":"report"}\n'
let dir: string
/** Generated reports whose file names sort against their years, plus the hand-written fixtures. */
let corpus: string

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'importer-stream-'))
  corpus = path.join(dir, 'corpus')
  const generated = writeCorpus(path.join(dir, 'generated'), 8, {seed: 7})
  mkdirSync(corpus)
  generated.forEach((file, index) => cpSync(file, path.join(corpus, `${String(20 - index).padStart(2, '0')}-${path.basename(file)}`)))
  for (const name of ['annual-report-2021.md', 'archive/annual-report-2020.md']) {
    cpSync(path.join(repoRoot, 'test/fixtures/reports', name), path.join(corpus, path.basename(name)))
  }
})
afterAll(() => rmSync(dir, {recursive: true, force: true}))

async function cli(argv: string[]) {
  const stdout: string[] = []
  const stderr: string[] = []
  const code = await runCli(argv, {stdout: (l) => stdout.push(l), stderr: (l) => stderr.push(l), env: {}, cwd: dir, isTTY: false})
  return {code, stdout, stderr}
}

/** The import as it was before streaming: every report into one registry, then one assembly. */
function inMemoryReference(folder: string): string {
  const registry = new SharedRegistry()
  const entries: ReportEntry[] = []
  for (const name of readdirSync(folder).filter((n) => n.endsWith('.md')).sort()) {
    const file = path.relative(dir, path.join(folder, name))
    const converted = convertReport(readFileSync(path.join(folder, name), 'utf8'), {file, profile: openInfraProfile, registry})
    entries.push({report: converted.report, sections: converted.sections, source: file})
  }
  return toNdjson(assembleDataset(entries, registry))
}

describe('streaming import', () => {
  test('--jobs 1 and --jobs 2 write the bytes of the in-memory import, years arriving out of order', async () => {
    const expected = inMemoryReference(corpus)
    expect(expected.split('\n').filter((l) => l.includes('"_type":"author"')).length).toBeGreaterThan(1)
    for (const jobs of ['1', '2']) {
      const out = path.join(dir, `jobs-${jobs}.ndjson`)
      const result = await cli(['corpus', '--profile', path.join(repoRoot, 'importer/profile/openinfra.json'), '--jobs', jobs, '--out', out])
      expect(result.code, result.stderr.join('\n')).toBe(0)
      expect(readFileSync(out, 'utf8')).toBe(expected)
      expect(result.stdout.at(-1)).toBe(`wrote ${expected.split('\n').length - 1} documents to ${out}`)
    }
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })

  test('an error in the last report leaves no output and an earlier one byte-identical', async () => {
    const bad = path.join(dir, 'bad')
    cpSync(corpus, bad, {recursive: true})
    writeFileSync(path.join(bad, 'zz-last.md'), '---\ntitle: No year\n---\n# Body\n')
    for (const jobs of ['1', '2']) {
      const out = path.join(dir, `bad-${jobs}`, 'dataset.ndjson')
      mkdirSync(path.dirname(out))
      writeFileSync(out, EARLIER)
      const result = await cli(['bad', '--jobs', jobs, '--out', out])
      expect(result.code).toBe(1)
      expect(result.stderr.at(-1)).toMatch(/nothing written/)
      expect(result.stderr.join('\n')).toMatch(/zz-last\.md/)
      expect(readFileSync(out, 'utf8')).toBe(EARLIER)
      expect(readdirSync(path.dirname(out))).toEqual(['dataset.ndjson'])
    }
    const fresh = path.join(dir, 'bad-fresh', 'dataset.ndjson')
    expect((await cli(['bad', '--jobs', '2', '--out', fresh])).code).toBe(1)
    expect(existsSync(path.dirname(fresh)) ? readdirSync(path.dirname(fresh)) : []).toEqual([])
  })

  test('--jobs must be a positive whole number', async () => {
    for (const value of ['0', 'two', '-1']) expect((await cli(['corpus', `--jobs=${value}`])).code).toBe(2)
  })

  test('retained heap does not grow with the number of reports written', async () => {
    const folder = path.join(dir, 'many')
    writeCorpus(folder, 24, {seed: 3})
    const gc = globalThis.gc
    expect(gc, 'vitest runs with --expose-gc').toBeDefined()
    const heapAt: number[] = []
    let bytes = 0
    const inner = openNdjsonSink(path.join(dir, 'many.ndjson'))
    const sink: DatasetSink = {
      ...inner,
      async report(year, ndjson) {
        await inner.report(year, ndjson)
        bytes += ndjson.length
        gc!()
        heapAt.push(process.memoryUsage().heapUsed)
      },
    }
    await importToSink([folder], sink, {cwd: dir})
    // Between report 8 and report 24, 16 reports (over 1 MB of NDJSON) were written; an import
    // holding its documents retains several times their JSON size, a streaming one about nothing.
    const growth = heapAt[23]! - heapAt[7]!
    const written = (bytes * 16) / 24
    expect(written).toBeGreaterThan(1_000_000)
    expect(growth).toBeLessThan(written * 0.25)
  })
})

describe('ordered results', () => {
  test('results come back in input order with a bounded number of tasks outstanding', async () => {
    let running = 0
    let most = 0
    const items = Array.from({length: 20}, (_, index) => index)
    const seen: number[] = []
    // Later items finish first: the worst case for holding results.
    for await (const value of mapInOrder(items, async (item) => {
      most = Math.max(most, ++running)
      await new Promise((resolve) => setTimeout(resolve, (20 - (item % 5)) * 2))
      return item
    }, 4)) {
      running--
      seen.push(value)
    }
    expect(seen).toEqual(items)
    // `window` running, plus the one being handed to the consumer while the next one starts.
    expect(most).toBeLessThanOrEqual(5)
  })
})

describe('NDJSON sink', () => {
  test('finishes each report in year order through a second temporary file; abort leaves the target as it was', async () => {
    const out = path.join(dir, 'sink', 'out.ndjson')
    const sink = openNdjsonSink(out)
    const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)
    const text = (chunk: Uint8Array): string => new TextDecoder().decode(chunk)
    await sink.report(2022, bytes('b\n'))
    await sink.report(2020, bytes('a\n'))
    await sink.report(2023, bytes('c\n'))
    const finished: string[] = []
    await sink.finish((entry) => (finished.push(text(entry)), text(entry) === 'c\n' ? [entry, bytes(''), bytes('c2\n')] : [entry]), 'shared\n')
    expect(finished).toEqual(['a\n', 'b\n', 'c\n'])
    expect(readFileSync(out, 'utf8')).toBe('a\nb\nc\nc2\nshared\n')
    const aborted = openNdjsonSink(out)
    await aborted.report(1999, bytes('x\n'))
    await aborted.abort()
    expect(readFileSync(out, 'utf8')).toBe('a\nb\nc\nc2\nshared\n')
    expect(readdirSync(path.dirname(out))).toEqual(['out.ndjson'])
  })
})
