/**
 * `npm run bench`: importer speed and memory as ratios against a baseline measured in the same
 * process (parsing the same input with remark-parse + remark-gfm, the floor any converter built
 * on unified pays). Absolute times vary by machine; the ratios are what to compare across runs.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {unified} from 'unified'
import remarkParse from 'remark-parse'
import remarkGfm from 'remark-gfm'
import remarkFrontmatter from 'remark-frontmatter'
import {importMarkdown} from '../importer'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const sample = readFileSync(path.join(root, 'content', 'annual-report-2022.md'), 'utf8')
const FRONT_MATTER = '---\ntitle: Bench\nyear: 2024\n---\n'

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml'])

interface Measure {
  ms: number
  /** Heap still held by one call's result after a full collection. */
  retainedMb: number
}

/** Median wall time of `runs` calls, and the heap one call's result retains. */
function measure(run: () => unknown, runs: number): Measure {
  run() // warm up the JIT and caches
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    run()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  globalThis.gc?.()
  const before = process.memoryUsage().heapUsed
  const kept = run()
  globalThis.gc?.()
  const retainedMb = Math.max(0, process.memoryUsage().heapUsed - before) / 1024 / 1024
  void kept
  return {ms: times[Math.floor(times.length / 2)] ?? 0, retainedMb}
}

interface Case {
  name: string
  markdown: string
  runs: number
}

/** The sample's body repeated k times: a report k times as long, same structure. */
function scaled(k: number): string {
  const body = sample.replace(/^---\n[\s\S]*?\n---\n/, '')
  return sample + body.repeat(k - 1)
}

const cases: Case[] = [
  {name: 'sample report (80 KB)', markdown: sample, runs: 15},
  {name: 'sample x2', markdown: scaled(2), runs: 9},
  {name: 'sample x4', markdown: scaled(4), runs: 5},
  {name: 'sample x8', markdown: scaled(8), runs: 3},
  {name: '100,000 links', markdown: FRONT_MATTER + Array.from({length: 100_000}, (_, i) => `[l${i}](https://e.org/${i})`).join(' '), runs: 3},
  {name: '10 MB paragraph', markdown: FRONT_MATTER + 'lorem ipsum dolor sit amet '.repeat(388_000), runs: 3},
  {name: 'list nested 1,000 deep', markdown: FRONT_MATTER + Array.from({length: 1000}, (_, d) => `${'  '.repeat(d)}- level ${d}`).join('\n'), runs: 3},
  {name: 'blockquote nested 1,000 deep', markdown: `${FRONT_MATTER}${'>'.repeat(1000)} deep\n`, runs: 3},
]

if (!globalThis.gc) console.warn('run with node --expose-gc (npm run bench does) for memory figures')
const rows: string[][] = [['case', 'size MB', 'parse ms', 'import ms', 'import/parse', 'MB/s', 'retained MB', 'retained/input']]
let perMbAtOne = 0
for (const bench of cases) {
  const mb = Buffer.byteLength(bench.markdown) / 1024 / 1024
  const base = measure(() => parser.parse(bench.markdown), bench.runs)
  const imported = measure(() => importMarkdown(bench.markdown, {file: 'bench.md'}), bench.runs)
  if (bench.name.startsWith('sample report')) perMbAtOne = imported.ms / mb
  rows.push([
    bench.name,
    mb.toFixed(2),
    base.ms.toFixed(1),
    imported.ms.toFixed(1),
    (imported.ms / base.ms).toFixed(2),
    (mb / (imported.ms / 1000)).toFixed(2),
    imported.retainedMb.toFixed(1),
    (imported.retainedMb / mb).toFixed(1),
  ])
}

const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)))
for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join('  '))
console.log(
  `\nlinearity: time per MB for sample x8 vs x1 = ${(
    Number(rows[4]![3]) / Number(rows[4]![1]) / perMbAtOne
  ).toFixed(2)} (1.00 is perfectly linear)`,
)
