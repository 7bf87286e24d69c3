import {execFile} from 'node:child_process'
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {fromHtml} from 'hast-util-from-html'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {byTag, repoRoot} from './helpers.ts'

const exec = promisify(execFile)
let dir: string
let dataset: string

/** Runs a TypeScript entry point the way the package scripts do; never throws on a non-zero exit. */
async function tsx(args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
  try {
    const {stdout, stderr} = await exec('npm', ['exec', '--', 'tsx', ...args], {cwd: repoRoot, env: {...process.env, SANITY_DATASET: '', SANITY_API_HOST: ''}})
    return {code: 0, stdout, stderr}
  } catch (error) {
    const failed = error as {code?: number; stdout?: string; stderr?: string}
    return {code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? ''}
  }
}

/** stderr without npm's own engine/config warnings. */
const ownLines = (stderr: string) => stderr.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('npm warn'))

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'render-cli-'))
  dataset = path.join(dir, 'd.ndjson')
  const imported = await tsx(['importer/cli.ts', 'content', '--out', dataset])
  expect(imported.code).toBe(0)
})
afterAll(() => rmSync(dir, {recursive: true, force: true}))

describe('npm run render (child process)', () => {
  test('renders the newest report to <out>/<year>/index.html: valid HTML, path printed, images found with --assets', async () => {
    const out = path.join(dir, 'site')
    const result = await tsx(['render/cli.ts', '--dataset', dataset, '--out', out, '--assets', 'content'])
    expect(result.code).toBe(0)
    const years = readdirSync(out)
    expect(years).toHaveLength(1)
    const file = path.join(out, years[0]!, 'index.html')
    expect(result.stdout.trim()).toBe(file)
    const html = readFileSync(file, 'utf8')
    expect(html.startsWith('<!doctype html>')).toBe(true)
    const errors: string[] = []
    const tree = fromHtml(html, {
      onerror: (error) => {
        errors.push(`${error.line}:${error.column} ${error.reason}`)
      },
    })
    expect(errors).toEqual([])
    // No temporary file left beside the page.
    expect(readdirSync(path.dirname(file))).toEqual(['index.html'])
    const sources = byTag(tree, 'img').map((img) => String(img.properties.src))
    expect(sources.length).toBeGreaterThan(0)
    for (const src of sources) expect(existsSync(path.resolve(path.dirname(file), decodeURIComponent(src))), src).toBe(true)
  })

  test('a year with no report: one line naming the year, non-zero exit, nothing written', async () => {
    const out = path.join(dir, 'none')
    const result = await tsx(['render/cli.ts', '--dataset', dataset, '--out', out, '--year', '1901'])
    expect(result.code).toBe(1)
    const lines = ownLines(result.stderr)
    // Which data was read, then one error line.
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^reading the snapshot /)
    expect(lines[1]).toMatch(/^error: .*1901/)
    expect(existsSync(out)).toBe(false)
  })

  test('a missing dataset: one line naming the file; a bad flag: usage, exit 2', async () => {
    const missing = path.join(dir, 'nope.ndjson')
    const result = await tsx(['render/cli.ts', '--dataset', missing])
    expect(result.code).toBe(1)
    expect(ownLines(result.stderr)).toEqual([expect.stringContaining(missing)])
    const usage = await tsx(['render/cli.ts', '--year', 'soon'])
    expect(usage.code).toBe(2)
    expect(ownLines(usage.stderr).join('\n')).not.toMatch(/\n\s+at /)
  })
})
