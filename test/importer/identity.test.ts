/**
 * A report is identified by its slug (issue 20, item 1): from the front matter, else the file's
 * name, else the title; OpenInfra's profile keeps the year. Reports of one year coexist, the same
 * source always gives the same ids, and two reports of one slug are an error naming both files.
 */
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {importFiles, ImportFailure, importMarkdown} from '../../importer/index.ts'
import {reportSlugOf} from '../../importer/documents/ids.ts'
import {defaultProfile} from '../../importer/profile/default.ts'
import {openInfraProfile} from '../../importer/profile/openinfra.ts'
import {runCli} from '../../importer/main.ts'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'identity-'))
})
afterAll(() => rmSync(dir, {recursive: true, force: true}))

const DEFAULT_ORDER = defaultProfile.reportSlug

describe('the report slug', () => {
  test.each([
    [{slug: 'EOY-letter-2023', title: 'A Letter', year: 2023, file: 'posts/2023-12-28-eoy.md'}, 'eoy-letter-2023'],
    [{title: 'A Letter', year: 2023, file: 'posts/2023-12-28-eoy.md'}, '2023-12-28-eoy'],
    [{title: 'Survey Results', year: 2023, file: 'content/2023-Survey-Results/index.md'}, '2023-survey-results'],
    [{title: 'Survey Results', year: 2023, file: 'index.md'}, 'index'],
    [{title: 'Lumen in 2024', year: 2024, file: '_.md'}, 'lumen-in-2024'],
  ])('%j → %s (front matter, else the file name, a bundle’s folder for index.md, else the title)', (facts, slug) => {
    expect(reportSlugOf(facts, DEFAULT_ORDER)).toBe(slug)
  })

  test('OpenInfra keeps the year: every id exactly as before', () => {
    expect(reportSlugOf({slug: 'ignored', title: 'Annual Report', year: 2022, file: 'annual-report-2022.md'}, openInfraProfile.reportSlug)).toBe('2022')
    const {documents} = importMarkdown('---\ntitle: T\nyear: 2022\nslug: other\n---\n## Part One\n\nText.\n', {file: 'x.md', profile: openInfraProfile})
    expect(documents.map((document) => document._id)).toEqual(['report-2022', 'section-2022-part-one'])
  })

  test('the default profile: ids from the slug, the same source gives the same ids', () => {
    const markdown = '---\ntitle: Lumen in 2024\n---\n## Part One\n\nText.\n'
    const first = importMarkdown(markdown, {file: 'reports/lumen.md', profile: defaultProfile}).documents
    const again = importMarkdown(markdown, {file: 'reports/lumen.md', profile: defaultProfile}).documents
    expect(first.map((document) => document._id)).toEqual(['report-lumen', 'section-lumen-part-one'])
    expect(again).toEqual(first)
    expect(first[0]).toMatchObject({slug: {_type: 'slug', current: 'lumen'}, year: 2024})
  })
})

describe('several reports of one import', () => {
  const write = (folder: string, files: Record<string, string>): string => {
    const root = path.join(dir, folder)
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, name)), {recursive: true})
      writeFileSync(path.join(root, name), text)
    }
    return root
  }

  test('two organisations’ reports of one year coexist, ordered by year then slug, whatever the input order', async () => {
    const root = write('same-year', {
      'beta/report.md': '---\ntitle: Beta Annual Report\nyear: 2023\nslug: beta-2023\n---\n## Overview\n\nBeta text.\n',
      'alpha/report.md': '---\ntitle: Alpha Year in Review\nyear: 2023\nslug: alpha-2023\n---\n## Overview\n\nAlpha text.\n',
    })
    const forward = await importFiles([path.join(root, 'alpha'), path.join(root, 'beta')], {cwd: root, defaultProfile})
    const backward = await importFiles([path.join(root, 'beta'), path.join(root, 'alpha')], {cwd: root, defaultProfile})
    expect(forward.documents.map((document) => document._id)).toEqual(['report-alpha-2023', 'section-alpha-2023-overview', 'report-beta-2023', 'section-beta-2023-overview'])
    expect(backward.documents).toEqual(forward.documents)
    for (const jobs of ['1', '2']) {
      const outs = ['a', 'b'].map((name) => path.join(dir, `same-year-${jobs}-${name}.ndjson`))
      const io = {stdout: () => {}, stderr: () => {}, env: {}, cwd: root, isTTY: false}
      expect(await runCli(['alpha', 'beta', '--jobs', jobs, '--out', outs[0]!], io)).toBe(0)
      expect(await runCli(['beta', 'alpha', '--jobs', jobs, '--out', outs[1]!], io)).toBe(0)
      expect(readFileSync(outs[1]!, 'utf8')).toBe(readFileSync(outs[0]!, 'utf8'))
    }
  })

  test('two reports of one slug: one error naming both files, nothing returned', async () => {
    const root = write('same-slug', {
      'a/yearbook.md': '---\ntitle: Yearbook 2022\n---\nText.\n',
      'b/yearbook.md': '---\ntitle: Yearbook 2023\n---\nText.\n',
    })
    const failure = await importFiles([root], {cwd: root, defaultProfile}).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(ImportFailure)
    expect((failure as ImportFailure).errors).toEqual([
      expect.objectContaining({rule: 'duplicate-slug', file: 'b/yearbook.md', message: expect.stringContaining('also made by a/yearbook.md')}),
    ])
  })

  test('OpenInfra reports of one year still collide (their slug is the year), named by both files', async () => {
    const root = write('openinfra-same-year', {
      'a.md': '---\ntitle: A\nyear: 2021\n---\nText.\n',
      'b.md': '---\ntitle: B\nyear: 2021\n---\nText.\n',
    })
    const failure = (await importFiles([root], {cwd: root, profile: openInfraProfile}).catch((error: unknown) => error)) as ImportFailure
    expect(failure.errors).toEqual([expect.objectContaining({rule: 'duplicate-slug', file: 'b.md', message: expect.stringMatching(/report "2021" \(id report-2021\) is also made by a\.md/)})])
  })
})
