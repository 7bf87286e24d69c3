/**
 * How long a command takes to start and do a small job, as a user runs it: whole processes, each
 * npm script of package.json run through npm and run as its own `node …` line (what npm adds is
 * the difference), next to a bare `node -e 0` and to the importer started the way it was before
 * issue 23 (`tsx`'s command line, as the import script ran it). Interleaved rounds, medians of wall time; the compile cache is warm after the
 * warm-up rounds, as on a user's second run.
 */
import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {interleavedMedians} from './lib/measure.ts'

/** One command's median. */
export interface StartupRow {
  name: string
  command: string
  wallMs: number
  /** Wall time / a bare `node -e 0`'s. */
  vsNode: number
}

const repoRoot = path.resolve(import.meta.dirname, '..')

/** The node line of an npm script (`node <flags> <file>`), run with this Node, without npm. */
function scriptArgs(script: string): string[] {
  const scripts = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {scripts: Record<string, string>}).scripts
  const [program, ...args] = (scripts[script] ?? '').split(' ')
  if (program !== 'node') throw new Error(`npm script "${script}" does not start with node: ${scripts[script]}`)
  return args
}

function run(command: string, args: string[]): () => void {
  return () => {
    const result = spawnSync(command, args, {cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'], env: {...process.env, SANITY_DATASET: '', SANITY_API_HOST: ''}})
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr.toString().slice(0, 300)}`)
  }
}

/**
 * @param sampleFile - the report to import (and then query, render and export)
 * @param runs - timed rounds
 * @returns one row per command
 */
export function benchStartup(sampleFile: string, runs: number): StartupRow[] {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-startup-'))
  try {
    const dataset = path.join(tmp, 'sample.ndjson')
    const node = process.execPath
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
    const importArgs = [sampleFile, '--out', dataset]
    run(node, [...scriptArgs('import'), ...importArgs])()
    const report = fs.readFileSync(dataset, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as {_type: string; year?: number}).find((doc) => doc._type === 'report')
    const year = String(report?.year ?? '')
    const commands: Record<string, [string, string[]]> = {
      'node -e 0': [node, ['-e', '0']],
      'npm run import': [npm, ['run', '-s', 'import', '--', ...importArgs]],
      'import (node, no npm)': [node, [...scriptArgs('import'), ...importArgs]],
      // The script as it was before issue 23: tsx's command line, which starts a second Node.
      'import via tsx (before)': [node, [path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), '--max-semi-space-size=8', 'importer/cli.ts', ...importArgs]],
      'npm run query': [npm, ['run', '-s', 'query', '--', 'reports', '--dataset', dataset]],
      'query (node, no npm)': [node, [...scriptArgs('query'), 'reports', '--dataset', dataset]],
      'npm run export': [npm, ['run', '-s', 'export', '--', '--year', year, '--dataset', dataset, '--out', path.join(tmp, 'out.md')]],
      'npm run render': [npm, ['run', '-s', 'render', '--', '--dataset', dataset, '--out', path.join(tmp, 'site')]],
    }
    const timings = interleavedMedians(Object.fromEntries(Object.entries(commands).map(([name, [command, args]]) => [name, run(command, args)])), {warmup: 2, runs})
    const bare = timings['node -e 0']!.wallMs
    return Object.entries(commands).map(([name, [command, args]]) => ({
      name,
      command: [path.basename(command), ...args.map((arg) => (arg.startsWith(tmp) ? path.join('<tmp>', path.relative(tmp, arg)) : path.isAbsolute(arg) ? path.relative(repoRoot, arg) : arg))].join(' '),
      wallMs: timings[name]!.wallMs,
      vsNode: timings[name]!.wallMs / bare,
    }))
  } finally {
    fs.rmSync(tmp, {recursive: true, force: true})
  }
}
