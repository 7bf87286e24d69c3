/**
 * Corpus scale: N generated reports (bench/corpus) imported by whole child processes, with
 * `--jobs 1` and `--jobs 2`, next to a child that only parses them (remark-parse + remark-gfm,
 * one core: the floor), two such children at once (what a second core is worth here), and the
 * importer's own parse alone with the corpus split over two children (the most `--jobs 2` could
 * reach if nothing after the parse cost anything). Wall time includes start-up, as a user sees
 * it; peak RSS is the child's getrusage maximum (worker threads included).
 */
import {execFile} from 'node:child_process'
import {existsSync, mkdirSync, readdirSync, rmSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {IMPORT_NODE_FLAGS} from '../importer/node-flags.ts'
import {writeCorpus} from './corpus/generate.ts'

const run = promisify(execFile)
const repoRoot = path.resolve(import.meta.dirname, '..')

export interface ScaleRow {
  n: number
  mode: string
  wallS: number
  reportsPerS: number
  peakRssMb: number
  /** CPU seconds of all the child's threads: what the work costs whatever the machine's load. */
  cpuS: number
  /** wall / the parse floor's wall at the same N. */
  vsFloor: number
  corpusMb: number
}

/** The row of the parse floor, which wall / floor divides by. */
export const FLOOR_MODE = 'parse floor (1 core)'

/** The row of two parse floors run at once (each all N reports): the machine's parallel ceiling. */
export const PAIR_MODE = 'two parse floors at once (2 processes)'

/**
 * The row of the importer's own parse alone, the corpus split over two processes run at once: what
 * `--jobs 2` would reach if converting, stamping and writing cost nothing.
 */
export const PARSE_ONLY_MODE = 'our parse alone, half each (2 processes)'

/** A generated corpus of `n` reports, made once per machine and reused. */
export function corpusOf(n: number): string {
  const dir = path.join(tmpdir(), 'annual-report-bench', `corpus-${n}`)
  const have = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.md')).length : 0
  if (have !== n) {
    rmSync(dir, {recursive: true, force: true})
    writeCorpus(dir, n, {seed: 1})
  }
  return dir
}

function folderMb(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => sum + statSync(path.join(dir, name)).size, 0) / 1024 / 1024
}

async function child(args: string[]): Promise<{wallS: number; peakRssMb: number; cpuS: number; detail: string}> {
  const start = performance.now()
  // Children of the importer's code run as `npm run import` does; the floor child with Node's defaults.
  const flags = args[0] === 'parse' ? [] : IMPORT_NODE_FLAGS
  const {stdout} = await run(process.execPath, [...flags, '--import', 'tsx', 'bench/child/measure.ts', ...args], {cwd: repoRoot, maxBuffer: 1 << 20})
  const wallS = (performance.now() - start) / 1000
  const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as {code: number; detail: string; maxRssMb: number; cpuS: number}
  if (result.code !== 0) throw new Error(`bench child failed (${result.code}): ${result.detail}`)
  return {wallS, peakRssMb: result.maxRssMb, cpuS: result.cpuS, detail: result.detail}
}

/**
 * @param sizes - corpus sizes (N)
 * @param jobs - job counts to run the import with
 * @returns one row per N and mode (floor first)
 */
export async function benchCorpusScale(sizes: readonly number[], jobs: readonly number[]): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = []
  const out = path.join(tmpdir(), 'annual-report-bench', 'out')
  mkdirSync(out, {recursive: true})
  for (const n of sizes) {
    const dir = corpusOf(n)
    const corpusMb = folderMb(dir)
    const floor = await child(['parse', dir])
    rows.push({n, mode: FLOOR_MODE, wallS: floor.wallS, reportsPerS: n / floor.wallS, peakRssMb: floor.peakRssMb, cpuS: floor.cpuS, vsFloor: 1, corpusMb})
    // Two children at once: the wall of the slower, the CPU of both, the larger peak RSS.
    const atOnce = async (mode: string, runs: [string[], string[]], reports: number): Promise<void> => {
      const both = await Promise.all(runs.map((args) => child(args)))
      const wallS = Math.max(...both.map((one) => one.wallS))
      rows.push({n, mode, wallS, reportsPerS: reports / wallS, peakRssMb: Math.max(...both.map((one) => one.peakRssMb)), cpuS: both[0]!.cpuS + both[1]!.cpuS, vsFloor: wallS / floor.wallS, corpusMb})
    }
    // What two cores give here: two floors at once as two processes (nothing shared). An import
    // costing exactly the floor's CPU per report gets at best half this wall / floor with 2 jobs.
    await atOnce(PAIR_MODE, [['parse', dir], ['parse', dir]], 2 * n)
    await atOnce(PARSE_ONLY_MODE, [['parse-ours', dir, '0', '2'], ['parse-ours', dir, '1', '2']], n)
    for (const j of jobs) {
      // The generated reports are the sample's family: its profile, as the bundled content/ has it.
      const result = await child(['import', dir, '--profile', path.join(repoRoot, 'importer/profile/openinfra.json'), '--jobs', String(j), '--out', path.join(out, `n${n}-j${j}.ndjson`)])
      rows.push({n, mode: `import --jobs ${j}`, wallS: result.wallS, reportsPerS: n / result.wallS, peakRssMb: result.peakRssMb, cpuS: result.cpuS, vsFloor: result.wallS / floor.wallS, corpusMb})
    }
  }
  rmSync(out, {recursive: true, force: true})
  return rows
}
