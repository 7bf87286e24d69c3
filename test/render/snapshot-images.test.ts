/**
 * The first hour: `npm run import` then `npm run render` (no lake running, no flags) shows every
 * image of the report, from the importer's snapshot and from the snapshot the lake compacted
 * after loading it; the page opens from disk, so every `src` is a file next to it.
 */
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fromHtml} from 'hast-util-from-html'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {runCli} from '../../importer/main.ts'
import {startLake} from '../../lake/index.ts'
import {findObjects} from '../helpers/json.ts'
import {runScript} from '../queries/cli-process.ts'
import {byTag, repoRoot} from './helpers.ts'

let cwd: string
/** Files of the image objects a page shows (every one but the SEO image), from the importer's snapshot itself. */
let shown = new Set<string>()

beforeAll(async () => {
  cwd = mkdtempSync(path.join(tmpdir(), 'render-snapshot-'))
  const lines: string[] = []
  const io = {stdout: (line: string) => lines.push(line), stderr: (line: string) => lines.push(line), env: {}, cwd, isTTY: false}
  // As `npm run import` does by default: the bundled content, its images, into .data/production.ndjson.
  expect(await runCli([path.join(repoRoot, 'content'), '--assets', path.join(repoRoot, 'content')], io), lines.join('\n')).toBe(0)
  const snapshot = readFileSync(path.join(cwd, '.data', 'production.ndjson'), 'utf8')
  for (const line of snapshot.split('\n').filter(Boolean)) {
    const document = JSON.parse(line) as {seo?: unknown}
    const images = findObjects({...document, seo: null}, (object) => typeof object._sanityAsset === 'string')
    for (const image of images) shown.add(decodeURIComponent(String(image._sanityAsset).split('/').at(-1) ?? ''))
  }
  expect(shown.size).toBeGreaterThan(10)
}, 60_000)
afterAll(() => rmSync(cwd, {recursive: true, force: true}))

/** Renders with no flags but `--out` in `cwd` (no lake answers: SANITY_API_HOST is a closed port). */
async function renderDefault(out: string, env: Record<string, string> = {}): Promise<{sources: string[]; file: string; stderr: string}> {
  const result = await runScript('render/cli.ts', ['--out', out], {cwd, env})
  expect(result.code, result.stderr).toBe(0)
  expect(result.stderr).toMatch(/^reading the snapshot \.data\/production\.ndjson/)
  const file = result.stdout.trim()
  const sources = byTag(fromHtml(readFileSync(file, 'utf8')), 'img').map((img) => String(img.properties.src))
  return {sources, file, stderr: result.stderr}
}

describe('npm run render from a snapshot, with no flags', () => {
  test("the importer's snapshot: every image is a file beside the page, no warning", async () => {
    const {sources, file, stderr} = await renderDefault(path.join(cwd, 'site-import'))
    expect(stderr).not.toMatch(/warning/)
    for (const src of sources) expect(existsSync(path.resolve(path.dirname(file), decodeURIComponent(src))), src).toBe(true)
    // Every image file the report's documents name is on the page.
    expect(new Set(sources.map((src) => decodeURIComponent(src.split('/').at(-1) ?? '')))).toEqual(shown)
  })

  test('the snapshot the lake compacted (images as asset references): every image is a file beside the page', async () => {
    // The lake loads the importer's snapshot from its data folder, ingests the images, compacts.
    const lake = await startLake({port: 0, dir: path.join(cwd, '.data'), token: 'render-token', tls: false, assetRoots: [repoRoot]})
    await lake.close()
    const compacted = readFileSync(path.join(cwd, '.data', 'production.ndjson'), 'utf8')
    expect(compacted).not.toContain('_sanityAsset')
    const {sources, file, stderr} = await renderDefault(path.join(cwd, 'site-lake'))
    expect(stderr).not.toMatch(/warning/)
    // The stored files are named by content now: as many distinct ones as the report's images.
    expect(new Set(sources).size).toBe(shown.size)
    for (const src of sources) {
      expect(src).not.toMatch(/^https?:/)
      expect(existsSync(path.resolve(path.dirname(file), decodeURIComponent(src))), src).toBe(true)
    }
    // With a real project configured, the local snapshot's images are still its own files (the
    // project's CDN has only what was pushed there).
    const real = await renderDefault(path.join(cwd, 'site-real'), {SANITY_PROJECT_ID: 'abc123xy', SANITY_API_HOST: ''})
    expect(real.sources).toEqual(sources.map((src) => src.replace('site-lake', 'site-real')))
  })
})
