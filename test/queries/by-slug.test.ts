/**
 * Queries that took a year also take a report's slug (issue 20, item 1): a year may hold several
 * reports (of several organisations), each reachable by its slug; by year, the first slug.
 */
import {describe, expect, test} from 'vitest'
import {importMarkdown} from '../../importer/index.ts'
import {defaultProfile} from '../../importer/profile/default.ts'
import {pathsQuery, reportBySlugQuery, reportOutlineBySlugQuery, reportPageBySlugQuery, reportQuery, sectionInReportQuery} from '../../queries/definitions.ts'
import type {StoredDocument} from '../../queries/run-local.ts'
import {runLocalQuery} from '../../queries/run-local.ts'

const report = (slug: string, title: string, section: string) =>
  importMarkdown(`---\ntitle: ${title}\nyear: 2023\nslug: ${slug}\nauthor: ${title} Team\n---\n## ${section}\n\nText.\n`, {file: `${slug}.md`, profile: defaultProfile}).documents as unknown as StoredDocument[]
const documents = [...report('zeta-review', 'Zeta Review', 'Overview'), ...report('alpha-review', 'Alpha Review', 'Overview')]

describe('queries by report slug', () => {
  test('two reports of 2023: each by its slug, with its own sections and authors', async () => {
    for (const [slug, title] of [['alpha-review', 'Alpha Review'], ['zeta-review', 'Zeta Review']]) {
      const found = await runLocalQuery<{title: string; slug: string; authors: Array<{name: string}>; sections: Array<{_id: string}>}>(reportBySlugQuery, documents, {slug})
      expect(found).toMatchObject({title, slug, authors: [{name: `${title} Team`}], sections: [{_id: `section-${slug}-overview`}]})
      expect(await runLocalQuery(reportOutlineBySlugQuery, documents, {slug})).toMatchObject({slug, outline: [{slug: 'overview'}]})
      expect(await runLocalQuery(reportPageBySlugQuery, documents, {slug})).toMatchObject({title})
      expect(await runLocalQuery(sectionInReportQuery, documents, {report: slug, slug: 'overview'})).toMatchObject({_id: `section-${slug}-overview`, report: {slug}})
    }
  })

  test('by year: the report with the first slug, always the same one', async () => {
    expect(await runLocalQuery(reportQuery, documents, {year: 2023})).toMatchObject({slug: 'alpha-review'})
    expect(await runLocalQuery(reportQuery, [...documents].reverse(), {year: 2023})).toMatchObject({slug: 'alpha-review'})
  })

  test('paths: every report slug, and each report’s section slugs', async () => {
    expect(await runLocalQuery(pathsQuery, documents, {})).toMatchObject({
      reports: [2023, 2023],
      reportSlugs: ['alpha-review', 'zeta-review'],
      sections: [{year: 2023, report: 'alpha-review', slugs: ['overview']}, {year: 2023, report: 'zeta-review', slugs: ['overview']}],
    })
  })
})
