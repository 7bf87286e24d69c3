/**
 * Commands start on Node 24 alone (issue 23): each npm script's `node …` line runs the
 * TypeScript sources with Node's own type stripping — no tsx, no build — and loads only what the
 * command needs. Run as the scripts run them, from package.json, without npm.
 */
import {execFile} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {afterAll, describe, expect, it} from 'vitest'

const exec = promisify(execFile)
const repoRoot = path.resolve(import.meta.dirname, '../..')
const scripts = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {scripts: Record<string, string>}).scripts
const recorder = path.join(import.meta.dirname, 'record-loads.mjs')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'startup-'))
afterAll(() => fs.rmSync(tmp, {recursive: true, force: true}))

/** An npm script's arguments after `node`. */
function nodeLine(script: string): string[] {
  const [program, ...args] = (scripts[script] ?? '').split(' ')
  expect(program, `npm run ${script}`).toBe('node')
  return args
}

/** Runs a script's node line (plus `extra`), recording which modules it loaded. */
async function runScript(script: string, extra: string[]): Promise<{code: number; stdout: string; stderr: string; loaded: string[]}> {
  const env = {...process.env, SANITY_DATASET: '', SANITY_API_HOST: '', NODE_OPTIONS: ''}
  const result = await exec(process.execPath, ['--import', recorder, ...nodeLine(script), ...extra], {cwd: repoRoot, env}).then(
    ({stdout, stderr}) => ({code: 0, stdout, stderr}),
    (error: {code: number; stdout: string; stderr: string}) => ({code: error.code, stdout: error.stdout, stderr: error.stderr}),
  )
  const lines = result.stderr.split('\n')
  return {
    ...result,
    stderr: lines.filter((line) => !line.startsWith('loaded ')).join('\n'),
    loaded: lines.filter((line) => line.startsWith('loaded ')).map((line) => line.slice('loaded '.length)),
  }
}

const fromPackage = (loaded: string[], name: string) => loaded.filter((url) => url.includes(`/node_modules/${name}/`))

describe('commands on Node alone', () => {
  it('runs every command script with node, no TypeScript runner', () => {
    const commands = ['import', 'lake', 'query', 'render', 'export', 'studio', 'studio:offline', 'corpus', 'bench']
    for (const name of commands) expect(scripts[name], name).toMatch(/^node /)
    expect(Object.values(scripts).join('\n')).not.toMatch(/\btsx\b/)
  })

  it('names the file of every relative import in code Node runs (Node resolves no extensions)', () => {
    const folders = ['config', 'importer', 'lake', 'queries', 'render', 'exporter', 'bench', 'schemas']
    const specifier = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]*)['"]/g
    const unnamed: string[] = []
    for (const folder of folders) {
      for (const name of fs.readdirSync(path.join(repoRoot, folder), {recursive: true}).map(String)) {
        if (!/\.(ts|mjs)$/.test(name) || name.endsWith('.d.ts') || name.includes('node_modules')) continue
        const file = path.join(repoRoot, folder, name)
        for (const [, spec] of fs.readFileSync(file, 'utf8').matchAll(specifier)) {
          if (!/\.(ts|tsx|mjs|js|json)$/.test(spec!) || !fs.existsSync(path.resolve(path.dirname(file), spec!))) unnamed.push(`${folder}/${name}: ${spec}`)
        }
      }
    }
    expect(unnamed).toEqual([])
  })

  it('imports a report without loading tsx, the Sanity client, undici or the lake', async () => {
    const out = path.join(tmp, 'one.ndjson')
    const report = path.join(repoRoot, 'test/fixtures/corpus')
    const file = fs.readdirSync(report, {recursive: true}).map(String).find((name) => name.endsWith('.md') && !name.endsWith('README.md'))!
    const result = await runScript('import', [path.join(report, file), '--out', out])
    expect(result.code, result.stderr).toBe(0)
    expect(fs.readFileSync(out, 'utf8')).toContain('"_type":"report"')
    const loaded = result.loaded
    expect(loaded.some((url) => url.endsWith('/importer/cli.ts'))).toBe(true)
    expect(fromPackage(loaded, 'tsx')).toEqual([])
    expect(fromPackage(loaded, '@sanity/client')).toEqual([])
    expect(fromPackage(loaded, 'undici')).toEqual([])
    expect(loaded.filter((url) => url.includes(`${repoRoot}/lake/`) && !url.endsWith('/lake/defaults.ts'))).toEqual([])
  })

  it('queries a snapshot file without loading the Sanity client or undici', async () => {
    const dataset = path.join(tmp, 'q.ndjson')
    fs.writeFileSync(dataset, `${JSON.stringify({_id: 'report-1999', _type: 'report', title: 'A year', year: 1999, slug: {_type: 'slug', current: '1999'}})}\n`)
    const result = await runScript('query', ['reports', '--dataset', dataset])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain('A year')
    expect(fromPackage(result.loaded, '@sanity/client')).toEqual([])
    expect(fromPackage(result.loaded, 'undici')).toEqual([])
    expect(fromPackage(result.loaded, 'groq-js').length).toBeGreaterThan(0)
  })

  it('starts the lake, the renderer and the exporter on Node alone (their usage errors, not a loader error)', async () => {
    for (const [script, args, usage] of [
      ['lake', ['--no-such-option'], /Unknown option/],
      ['render', ['--year', 'soon'], /usage: npm run render/],
      ['export', [], /usage: npm run export/],
    ] as const) {
      const result = await runScript(script, [...args])
      expect(result.code, script).not.toBe(0)
      expect(result.stderr, script).toMatch(usage)
      expect(result.stderr, script).not.toMatch(/ERR_|SyntaxError|Cannot find module/)
    }
  })
})
