/**
 * `npm run bench -- [--quick] [--out bench/results.json]`: in one run, on the same inputs —
 * the sample converted by ours, the parse floor and two peers (with fidelity); what each
 * remark-gfm extension costs; corpus scale (N = 10, 100, 1,000; --quick: 10, 100) as child
 * processes with --jobs 1 and 2; the push cost of N = 100 against the lake; and (full run only)
 * hostile shapes. Prints markdown tables and writes the figures as JSON. Absolute times depend
 * on the machine and its load; compare the ratios.
 */
import {writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {parseArgs} from 'node:util'
import {benchCorpusScale, FLOOR_MODE, PAIR_MODE, PARSE_ONLY_MODE} from './corpus-scale.ts'
import type {ScaleRow} from './corpus-scale.ts'
import {benchGfmCost} from './gfm-cost.ts'
import {markdownTable} from './lib/measure.ts'
import {benchPushCost} from './push-cost.ts'
import {benchSample} from './sample.ts'
import {benchStartup} from './startup.ts'
import {benchStress} from './stress.ts'
import {benchStudioOpen} from './studio-open.ts'

const {values} = parseArgs({
  options: {
    quick: {type: 'boolean', default: false},
    out: {type: 'string', default: 'bench/results.json'},
    // Corpus sizes to run instead of the default (e.g. `--sizes 100,1000`).
    sizes: {type: 'string'},
    // Sections to run (default all): startup,sample,gfm,scale,push,studio,stress.
    only: {type: 'string'},
  },
})
const quick = values.quick
const only = new Set((values.only ?? 'startup,sample,gfm,scale,push,studio,stress').split(','))
const results: Record<string, unknown> = {date: new Date().toISOString(), quick, node: process.version, cores: os.cpus().length}
/** Written after every section, so a failure late in a long run keeps what was measured. */
const save = (section: string, value: unknown): void => {
  results[section] = value
  writeFileSync(path.resolve(values.out), `${JSON.stringify(results, null, 2)}\n`)
}
const repoRoot = path.resolve(import.meta.dirname, '..')
const sampleFile = path.join(repoRoot, 'content', 'annual-report-2022.md')
const f = (value: number, digits = 2): string => value.toFixed(digits)
const pct = (value: number): string => `${(value * 100).toFixed(1)}%`
const say = (text: string): void => void process.stdout.write(`${text}\n`)

if (!globalThis.gc) say('(run with node --expose-gc, as npm run bench does, for the retained-heap figures)')
say(`# Bench ${quick ? '(quick)' : ''} — ${os.cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}\n`)

const startup = only.has('startup') ? benchStartup(sampleFile, quick ? 5 : 11) : undefined
if (startup) {
  save('startup', startup)
  say('## Start-up: whole commands on the sample, medians of interleaved runs (wall)\n')
  say(markdownTable([
    ['command', 'runs', 'wall ms', '× node -e 0'],
    ...startup.map((row) => [row.name, `\`${row.command}\``, f(row.wallMs, 0), f(row.vsNode, 1)]),
  ]))
  const ratio = (name: string): string => f(startup.find((row) => row.name === name)?.vsNode ?? NaN, 1)
  say(`\ntargets: npm run import ×${ratio('npm run import')} (≤ 5), npm run query ×${ratio('npm run query')} (≤ 4); without npm: import ×${ratio('import (node, no npm)')}, query ×${ratio('query (node, no npm)')}\n`)
}

const sample = only.has('sample') ? benchSample(sampleFile, quick ? 9 : 21) : undefined
if (sample) {
  save('sample', sample)
  say(`## Sample report (${sample.file}, ${f(sample.bytes / 1024, 0)} KB): one process, medians of interleaved runs (CPU time)\n`)
  say(markdownTable([
    ['converter', 'CPU ms', 'wall ms', 'MB/s (CPU)', 'time / ours', 'words kept', 'exact links'],
    ...sample.rows.map((row) => [row.name, f(row.ms, 1), f(row.wallMs, 1), f(row.mbPerS), f(row.vsOurs), row.fidelity ? pct(row.fidelity.words) : '–', row.fidelity ? pct(row.fidelity.links) : '–']),
  ]))
  const first = sample.rows.find((row) => row.fidelity)?.fidelity
  say(`\nours / floor = **${f(sample.oursOverFloor)}** (target ≤ 1.2). Source: ${first?.sourceWords} words, ${first?.sourceLinks} links.\n`)
}

const gfm = only.has('gfm') ? benchGfmCost(sampleFile, quick ? 9 : 21) : undefined
if (gfm) {
  save('gfm', gfm)
  say('## What remark-gfm costs on the sample (parse only)\n')
  const all = gfm.find((row) => row.name.startsWith('remark-gfm ('))!.ms
  say(markdownTable([
    ['parser', 'CPU ms', '× CommonMark', 'share of the remark-gfm parse saved'],
    ...gfm.map((row) => [row.name, f(row.ms, 1), f(row.vsCommonMark), row.name.includes('without') || row.name.startsWith('ours') ? pct((all - row.ms) / all) : '–']),
  ]))
  say('')
}

const sizes = values.sizes ? values.sizes.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0) : quick ? [10, 100] : [10, 100, 1000]
const scale = only.has('scale') ? await benchCorpusScale(sizes, [1, 2]) : undefined
if (scale) {
  save('scale', scale)
  say('## Corpus scale: whole child processes (wall includes start-up)\n')
  say(markdownTable([
    ['N', 'corpus MB', 'run', 'wall s', 'reports/s', 'CPU s (all threads)', 'peak RSS MB', 'wall / floor'],
    ...scale.map((row) => [row.n, f(row.corpusMb, 1), row.mode, f(row.wallS, 1), f(row.reportsPerS, 1), f(row.cpuS, 1), f(row.peakRssMb, 0), f(row.vsFloor)]),
  ]))
  const rowOf = (n: number, mode: string): ScaleRow | undefined => scale.find((row) => row.n === n && row.mode === mode)
  const at = (n: number): ScaleRow | undefined => rowOf(n, 'import --jobs 2')
  const [smallest, largest] = [Math.min(...sizes), Math.max(...sizes)]
  if (smallest !== largest) {
    const [low, high] = [at(smallest)!, at(largest)!]
    say(`\nwith --jobs 2, N=${largest} vs N=${smallest}: peak RSS ×${f(high.peakRssMb / low.peakRssMb)}, wall per report ×${f(high.wallS / largest / (low.wallS / smallest))}, CPU per report ×${f(high.cpuS / largest / (low.cpuS / smallest))} (start-up weighs on small N)\n`)
  }
  // What a second core is worth on this machine, at the largest N.
  const pair = rowOf(largest, PAIR_MODE)
  const floor = rowOf(largest, FLOOR_MODE)
  const jobs2 = at(largest)
  if (pair && floor && jobs2) {
    say(`this machine at N=${largest}: two floors at once take ×${f(pair.vsFloor)} the wall of one, so --jobs 2 at exactly the floor's CPU per report would reach wall / floor ≈ ${f(pair.vsFloor / 2)}; --jobs 2 spends ×${f(jobs2.cpuS / floor.cpuS)} the floor's CPU\n`)
  }
  // How much of the wall-time budget the parse the import must do already takes.
  const parseOnly = rowOf(largest, PARSE_ONLY_MODE)
  if (parseOnly && jobs2) {
    say(`our parse alone, split over 2 processes: wall / floor ${f(parseOnly.vsFloor)}, ${f(parseOnly.cpuS, 1)} CPU s; --jobs 2 adds ${f(jobs2.vsFloor - parseOnly.vsFloor)} of the floor's wall and ×${f(jobs2.cpuS / parseOnly.cpuS)} its CPU (conversion, stamping, writing, garbage collection)\n`)
  }
  // The scale targets, when both sizes they speak of were run.
  const [hundred, thousand] = [at(100), at(1000)]
  if (hundred && thousand) {
    say(`targets at N=1000, --jobs 2: wall / floor ${f(thousand.vsFloor)} (≤ 0.65), peak RSS ${f(thousand.peakRssMb, 0)} MB (≤ 400), RSS vs N=100 ×${f(thousand.peakRssMb / hundred.peakRssMb)} (≤ 1.3)\n`)
  }
}

const push = only.has('push') ? await benchPushCost(100) : undefined
if (push) {
  save('push', push)
  say('## Push of N = 100 to the local lake (bytes include HTTP headers)\n')
  say(markdownTable([
    ['phase', 'documents', 'requests', 'by kind', 'mutation requests', 'KB sent', 'KB received', 'created', 'unchanged', 'images uploaded', 'KB read by the plan', 'read / dataset'],
    ...push.map((row) => [row.phase, row.documents, row.requests, Object.entries(row.byKind).map(([k, v]) => `${k} ${v}`).join(', '), row.mutationRequests, f(row.bytesSent / 1024, 0), f(row.bytesReceived / 1024, 0), row.created, row.unchanged, row.assetsUploaded, f(row.bytesRead / 1024, 0), pct(row.bytesRead / row.datasetBytes)]),
  ]))
  const again = push.find((row) => row.phase === 'unchanged re-push')
  if (again) say(`\ntarget: an unchanged re-push reads ${pct(again.bytesRead / again.datasetBytes)} of the dataset's ${f(again.datasetBytes / 1024 / 1024, 1)} MB (≤ 5%)`)
  say('')
}

const studio = only.has('studio') ? await benchStudioOpen(20, quick ? 3 : 5) : undefined
if (studio) {
  save('studio', studio)
  say(`## The Studio opens: /structure/reports until the first report is listed (offline build, sample + ${studio.extraReports} reports, headless Chromium)\n`)
  say(markdownTable([
    ['load', 'ms', 'static files (from cache)', 'KB transferred'],
    ['cold cache', f(studio.cold.ms, 0), `${studio.cold.staticFiles} (${studio.cold.staticFromCache})`, f(studio.cold.transferredBytes / 1024, 0)],
    ...studio.warm.map((run, index) => [`warm ${index + 1}`, f(run.ms, 0), `${run.staticFiles} (${run.staticFromCache})`, f(run.transferredBytes / 1024, 0)]),
  ]))
  say(`\ntargets: cold ${f(studio.cold.ms / 1000, 1)} s (≤ 4), warm median ${f(studio.warmMedianMs / 1000, 1)} s (≤ 2)\n`)
} else if (only.has('studio')) say('## The Studio opens: skipped (no /usr/bin/chromium)\n')

const stress = !quick && only.has('stress') ? benchStress(sampleFile) : undefined
if (stress) {
  save('stress', stress)
  say('## Hostile shapes (one process, one run each)\n')
  say(markdownTable([
    ['case', 'MB', 'parse ms', 'import ms', 'import / parse', 'retained MB'],
    ...stress.map((row) => [row.name, f(row.mb), f(row.parseMs, 0), f(row.importMs, 0), f(row.importOverParse), f(row.retainedMb, 1)]),
  ]))
}

say(`\nresults: ${path.relative(process.cwd(), path.resolve(values.out))}`)
