import {beforeAll, describe, expect, test} from 'vitest'
import type {
  AuthorQueryResult,
  PathsQueryResult,
  ProjectQueryResult,
  ReportQueryResult,
  ReportsQueryResult,
  SearchQueryResult,
  SectionQueryResult,
} from '../../schemas/sanity.types.ts'
import {authorQuery, pathsQuery, projectQuery, reportQuery, reportsQuery, searchQuery, sectionQuery} from '../../queries/definitions.ts'
import {runLocalQuery, type StoredDocument} from '../../queries/run-local.ts'
import {datasetFacts, multiYearDocuments} from './helpers.ts'

let documents: StoredDocument[]
let facts: ReturnType<typeof datasetFacts>
const run = <T>(query: string, params: Record<string, unknown> = {}) => runLocalQuery<T>(query, documents, params)

beforeAll(async () => {
  documents = await multiYearDocuments()
  facts = datasetFacts(documents)
  // The fixture must really span years, or "across reports" asserts nothing.
  expect(facts.reports.length).toBeGreaterThanOrEqual(3)
})

/** Sorts as the queries promise: newest year first (ties by title). */
function newestFirst(ids: string[]): Array<{_id: string; year: number | undefined}> {
  return ids
    .map((id) => ({_id: id, year: facts.yearOf(id), title: String(facts.byId.get(id)?.title)}))
    // GROQ orders strings by code point, not by locale.
    .sort((a, b) => (b.year ?? 0) - (a.year ?? 0) || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0))
    .map(({_id, year}) => ({_id, year}))
}

describe('reports and a report by year', () => {
  test('the list of reports: every report, newest first', async () => {
    const result = await run<ReportsQueryResult>(reportsQuery)
    expect(result.map((report) => report.year)).toEqual(facts.reports.map((report) => report.year).sort((a, b) => b - a))
    for (const report of result) expect(report.sectionCount).toBe(facts.reports.find((r) => r._id === report._id)?.sections.length)
  })

  test('a report: the flat outline in order with depth and slug; project cards expanded', async () => {
    for (const stored of facts.reports) {
      const result = await run<ReportQueryResult>(reportQuery, {year: stored.year})
      expect(result?._id).toBe(stored._id)
      const sections = result?.sections ?? []
      expect(sections.map((section) => section._id)).toEqual(stored.sections.map((ref) => ref._ref))
      for (const section of sections) {
        const source = facts.byId.get(section._id) as (typeof facts.sections)[number]
        expect(section.level).toBe(source.level)
        expect(section.slug).toBe(source.slug.current)
        for (const member of section.body ?? []) {
          if (member._type !== 'projectCard') continue
          const sourceCard = (source.body as Array<{_key: string; project?: {_ref: string}}>).find((block) => block._key === member._key)
          const project = facts.byId.get(sourceCard?.project?._ref ?? '') as (typeof facts.projects)[number]
          expect(member.project).toMatchObject({_id: project._id, name: project.name, slug: project.slug.current})
        }
      }
    }
  })

  test('internal links come with their target type, slug and year; images with asset URL, dimensions and LQIP', async () => {
    const target = facts.sections[facts.sections.length - 1]!
    const host = facts.sections.find((section) => facts.yearOf(section._id) !== facts.yearOf(target._id) && Array.isArray(section.body))!
    const asset = {_id: 'image-abc123-640x480-png', _type: 'sanity.imageAsset', url: 'http://127.0.0.1/images/offline/production/abc123-640x480.png', metadata: {dimensions: {width: 640, height: 480, aspectRatio: 4 / 3}, lqip: 'data:image/png;base64,AAAA'}}
    const body = [
      {_type: 'block', _key: 'k1', style: 'normal', markDefs: [{_type: 'internalLink', _key: 'm1', reference: {_type: 'reference', _ref: target._id}}], children: [{_type: 'span', _key: 's1', text: 'see', marks: ['m1']}]},
      {_type: 'figure', _key: 'k2', alt: 'A chart', src: '/img/chart.png', asset: {_type: 'reference', _ref: asset._id}},
    ]
    const patched = documents.map((document) => (document._id === host._id ? {...document, body} : document))
    const year = facts.yearOf(host._id)
    const result = await runLocalQuery<ReportQueryResult>(reportQuery, [...patched, asset], {year})
    const section = result?.sections?.find((s) => s._id === host._id)
    const [block, figure] = section?.body ?? []
    expect(block?._type === 'block' && block.markDefs?.[0]).toMatchObject({target: {_type: 'section', _id: target._id, slug: target.slug.current, year: facts.yearOf(target._id)}})
    expect(figure).toMatchObject({alt: 'A chart', asset: {url: asset.url, dimensions: {width: 640, height: 480}, lqip: asset.metadata.lqip}})
  })

  test('a section by report year and slug (deep link), with its report', async () => {
    for (const section of facts.sections) {
      const year = facts.yearOf(section._id)
      const result = await run<SectionQueryResult>(sectionQuery, {year, slug: section.slug.current})
      expect(result?._id).toBe(section._id)
      expect(result?.report?.year).toBe(year)
    }
    expect(await run(sectionQuery, {year: 1901, slug: facts.sections[0]!.slug.current})).toBeNull()
  })
})

describe('project and author pages', () => {
  test('a project: every section that references it, across reports, newest first, with year and slug', async () => {
    for (const project of facts.projects) {
      const result = await run<ProjectQueryResult>(projectQuery, {slug: project.slug.current})
      expect(result?._id).toBe(project._id)
      const expected = newestFirst(facts.referencing('projects', project._id).map((section) => section._id))
      expect(result?.sections.map((section) => ({_id: section._id, year: section.year}))).toEqual(expected)
      for (const section of result?.sections ?? []) expect(section.slug).toBe((facts.byId.get(section._id) as (typeof facts.sections)[number]).slug.current)
      const years = result?.sections.map((section) => section.year ?? 0) ?? []
      expect(years).toEqual([...years].sort((a, b) => b - a))
    }
  })

  test('an author: every section they wrote, spanning every year they wrote in, newest first', async () => {
    let multiYear = 0
    for (const author of facts.authors) {
      const result = await run<AuthorQueryResult>(authorQuery, {slug: author.slug.current})
      const wrote = facts.referencing('authors', author._id)
      expect(result?.sections.map((section) => ({_id: section._id, year: section.year}))).toEqual(newestFirst(wrote.map((section) => section._id)))
      const years = new Set(wrote.map((section) => facts.yearOf(section._id)))
      expect(new Set(result?.sections.map((section) => section.year))).toEqual(years)
      if (years.size > 1) multiYear++
    }
    // At least one person writes in more than one year in this fixture, so "spans every year" is tested.
    expect(multiYear).toBeGreaterThan(0)
  })
})

describe('search', () => {
  test("a project's name ranks a section about that project first", async () => {
    for (const project of facts.projects) {
      const hits = await run<SearchQueryResult>(searchQuery, {q: project.name})
      expect(hits.length, project.name).toBeGreaterThan(0)
      const about = new Set(facts.referencing('projects', project._id).map((section) => section._id))
      if (about.size > 0) expect(about.has(hits[0]!._id), `${project.name}: ${hits[0]!.title}`).toBe(true)
      const scores = hits.map((hit) => hit._score)
      expect(scores).toEqual([...scores].sort((a, b) => b - a))
    }
  })

  test('a title match outranks a body-only match; hits carry year and slug', async () => {
    const section = facts.sections.find((s) => s.title.split(/\s+/).length >= 3 && !s.untitled)!
    const hits = await run<SearchQueryResult>(searchQuery, {q: section.title})
    expect(hits[0]?._id).toBe(section._id)
    expect(hits[0]).toMatchObject({slug: section.slug.current, year: facts.yearOf(section._id)})
    expect(await run<SearchQueryResult>(searchQuery, {q: 'zzqxv-no-such-word'})).toEqual([])
  })
})

test('paths: every report year, section (year + slug), project and author slug', async () => {
  const result = await run<PathsQueryResult>(pathsQuery)
  expect(result.reports).toEqual(facts.reports.map((report) => report.year).sort((a, b) => b - a))
  for (const entry of result.sections) {
    const report = facts.reports.find((r) => r.year === entry.year)!
    expect(entry.slugs).toEqual(report.sections.map((ref) => (facts.byId.get(ref._ref) as (typeof facts.sections)[number]).slug.current))
  }
  expect(new Set(result.projects)).toEqual(new Set(facts.projects.map((project) => project.slug.current)))
  expect(new Set(result.authors)).toEqual(new Set(facts.authors.map((author) => author.slug.current)))
})
