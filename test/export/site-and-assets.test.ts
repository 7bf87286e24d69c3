/**
 * What an export writes back beyond the documents' content: the front matter the report family's
 * site needs (`templateKey`, read and not imported), and, for an image stored without `src`, a
 * URL built from its asset id and the target, not the URL stored when a lake on some other port
 * took the upload.
 */
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {importFiles, importMarkdown, toNdjson} from '../../importer/index.ts'
import {runScript} from '../queries/cli-process.ts'
import {repoRoot} from '../queries/helpers.ts'

let dir: string
beforeAll(() => void (dir = mkdtempSync(path.join(tmpdir(), 'export-site-'))))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

/** The sample's front matter lines, as its author wrote them. */
const sourceFrontMatter = (): string[] => readFileSync(path.join(repoRoot, 'content/annual-report-2022.md'), 'utf8').split('\n---\n')[0]!.split('\n').slice(1)

describe('npm run export', () => {
  test('keeps every top-level front matter key of the source, templateKey with its value included', async () => {
    const {documents} = await importFiles(['content'], {cwd: repoRoot})
    const file = path.join(dir, 'sample.ndjson')
    writeFileSync(file, toNdjson(documents))
    const result = await runScript('exporter/cli.ts', ['--year', '2022', '--dataset', file])
    expect(result.code, result.stderr).toBe(0)
    const exported = result.stdout.split('\n---\n')[0]!.split('\n').slice(1)
    const topLevel = (lines: string[]) => lines.filter((line) => /^[A-Za-z]/.test(line))
    const keys = (lines: string[]) => topLevel(lines).map((line) => line.split(':')[0]).sort()
    // The export may add what the importer inferred (the year); it may drop nothing.
    expect(keys(exported)).toEqual(expect.arrayContaining(keys(sourceFrontMatter())))
    expect(exported).toContain(sourceFrontMatter().find((line) => line.startsWith('templateKey:')))
  })

  test('an image stored without src gets the URL of its asset id at the target, not the URL stored with the asset', async () => {
    const sha = 'a'.repeat(40)
    const assetId = `image-${sha}-2x2-png`
    const documents = [
      {_id: 'report-2031', _type: 'report', title: '2031 Annual Report', year: 2031, slug: {_type: 'slug', current: '2031'}, sections: [],
        intro: [{_type: 'figure', _key: 'f1', alt: 'Added in the Studio', asset: {_type: 'reference', _ref: assetId}}]},
      // As a lake on port 54321 stored it, long gone.
      {_id: assetId, _type: 'sanity.imageAsset', url: `http://127.0.0.1:54321/images/offline/production/${sha}-2x2.png`, extension: 'png'},
    ]
    const file = path.join(dir, 'studio-image.ndjson')
    writeFileSync(file, toNdjson(documents))
    const result = await runScript('exporter/cli.ts', ['--year', '2031', '--dataset', file], {env: {SANITY_API_HOST: ''}})
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).not.toContain('54321')
    // The configured target (the offline lake's address), from the asset id, as @sanity/image-url builds it.
    expect(result.stdout).toContain(`](http://127.0.0.1:3333/images/offline/production/${sha}-2x2.png)`)
  })
})

test('a report whose templateKey differs from the profile is warned about on import (its export would change it)', () => {
  const markdown = '---\ntemplateKey: blog-post\ntitle: 2030 Annual Report\nyear: 2030\n---\n\nHello.\n'
  const {diagnostics} = importMarkdown(markdown, {file: 'r.md'})
  expect(diagnostics.map((diagnostic) => diagnostic.rule)).toContain('site-front-matter')
  expect(importMarkdown(markdown.replace('blog-post', 'generic-page'), {file: 'r.md'}).diagnostics).toEqual([])
})
