import {existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {importFiles, toNdjson} from '../../importer/index.ts'
import {runScript} from '../queries/cli-process.ts'
import {repoRoot} from '../queries/helpers.ts'

let dir: string
let dataset: string

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'export-cli-'))
  dataset = path.join(dir, 'd.ndjson')
  const {documents} = await importFiles(['content'], {cwd: repoRoot})
  writeFileSync(dataset, toNdjson(documents))
})
afterAll(() => rmSync(dir, {recursive: true, force: true}))

describe('npm run export (child process)', () => {
  test('--out writes the markdown atomically; stdout without it; both the same bytes; stderr names the source', async () => {
    const out = path.join(dir, 'out', 'report.md')
    const written = await runScript('exporter/cli.ts', ['--year', '2022', '--dataset', dataset, '--out', out])
    expect(written.code, written.stderr).toBe(0)
    expect(written.stderr).toMatch(new RegExp(`^reading the snapshot ${dataset.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `))
    expect(readdirSync(path.dirname(out))).toEqual(['report.md'])
    const printed = await runScript('exporter/cli.ts', ['--year', '2022', '--dataset', dataset])
    expect(printed.stdout).toBe(readFileSync(out, 'utf8'))
    expect(printed.stdout.startsWith('---\ntemplateKey: generic-page\ntitle: ')).toBe(true)
  })

  test('an unknown year: one error line naming the years, exit 1, nothing written; bad usage: exit 2', async () => {
    const out = path.join(dir, 'none.md')
    const result = await runScript('exporter/cli.ts', ['--year', '1901', '--dataset', dataset, '--out', out])
    expect(result.code).toBe(1)
    expect(result.stderr.trim().split('\n').at(-1)).toBe('error: no report for 1901 (reports: 2022)')
    expect(existsSync(out)).toBe(false)
    const usage = await runScript('exporter/cli.ts', ['--year', 'soon'])
    expect(usage.code).toBe(2)
    expect(usage.stderr).toMatch(/^error: --year must be a four-digit year/)
  })
})
