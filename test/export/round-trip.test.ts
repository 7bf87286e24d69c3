import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {beforeAll, describe, expect, test} from 'vitest'
import {importFiles, importMarkdown} from '../../importer/index.ts'
import type {StoredDocument} from '../../queries/run-local.ts'
import {multiYearInputs, repoRoot} from '../queries/helpers.ts'
import {contentOf, coverage, exportFrom, readerFacts} from './helpers.ts'

const assetsDir = path.join(repoRoot, 'content')

/** Every report of the multi-year fixture, as imported from its markdown. */
let documents: StoredDocument[]
let years: number[]

beforeAll(async () => {
  const imported = await importFiles(multiYearInputs(), {cwd: repoRoot, assetsDir})
  documents = imported.documents as unknown as StoredDocument[]
  years = documents.filter((document) => document._type === 'report').map((document) => Number(document.year))
  expect(years.length).toBeGreaterThanOrEqual(3)
})

/** The report's own documents and the authors/projects they reference. */
function yearDocuments(all: readonly StoredDocument[], year: number): StoredDocument[] {
  const report = all.find((document) => document._type === 'report' && document.year === year)!
  const sectionIds = new Set((report.sections as Array<{_ref: string}>).map((ref) => ref._ref))
  const sections = all.filter((document) => sectionIds.has(document._id))
  const referenced = new Set(JSON.stringify(sections).match(/"_ref":"(?:author|project)-[^"]+"/g)?.map((ref) => ref.slice(8, -1)))
  return [report, ...sections, ...all.filter((document) => referenced.has(document._id))]
}

function reimport(markdown: string, year: number): StoredDocument[] {
  const {documents: again} = importMarkdown(markdown, {file: `export-${year}.md`, assetsDir})
  return again as unknown as StoredDocument[]
}

/** Every year exported, then imported together (shared authors and projects see every year, as the first import did). */
async function reimportAll(): Promise<StoredDocument[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'export-all-'))
  try {
    for (const year of years) writeFileSync(path.join(dir, `export-${year}.md`), (await exportFrom(documents, year)).markdown)
    const {documents: again} = await importFiles([dir], {cwd: dir, assetsDir})
    return again as unknown as StoredDocument[]
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

describe('export → import', () => {
  test('each year re-imports as the same documents (content, ids, order, outline, bylines, projects)', async () => {
    const all = await reimportAll()
    for (const year of years) {
      const again = yearDocuments(all, year)
      const before = yearDocuments(documents, year)
      expect(again.map((document) => document._id).sort(), String(year)).toEqual(before.map((document) => document._id).sort())
      const byId = new Map(again.map((document) => [document._id, document]))
      for (const document of before) {
        // Shared documents merge facts from every year (a project's links); compare the report's own ones fully.
        if (document._type === 'report' || document._type === 'section') expect(contentOf(byId.get(document._id)!), document._id).toEqual(contentOf(document))
        else expect((byId.get(document._id) as {name?: string}).name).toBe((document as {name?: string}).name)
      }
    }
  })

  test('the sample: 100% of words, links, images, headings and paragraphs come back', async () => {
    const {markdown} = await exportFrom(documents, 2022)
    const before = readerFacts(yearDocuments(documents, 2022))
    const after = readerFacts(reimport(markdown, 2022))
    const shares = {
      words: coverage(before.words, after.words),
      links: coverage(before.links, after.links),
      images: coverage(before.images, after.images),
      headings: coverage(before.headings, after.headings),
    }
    expect(shares).toEqual({words: 100, links: 100, images: 100, headings: 100})
    expect(after.paragraphs).toBe(before.paragraphs)
    expect(after.words.length).toBe(before.words.length)
    expect(before.words.length).toBeGreaterThan(5000)
  })

  test('export → import → export is byte-identical, for every year', async () => {
    for (const year of years) {
      const first = await exportFrom(documents, year)
      const second = await exportFrom(reimport(first.markdown, year), year)
      expect(second.markdown, String(year)).toBe(first.markdown)
      expect(first.warnings, String(year)).toEqual([])
    }
  })
})

/** A project section as the importer makes it: its body opens with the card of the project it is titled by. */
function opensWithItsProjectCard(section: StoredDocument & {title: string}): boolean {
  const first = (section.body as Array<{_type: string; project?: {_ref: string}}> | undefined)?.[0]
  const project = documents.find((document) => document._id === first?.project?._ref) as {name?: string} | undefined
  return first?._type === 'projectCard' && project?.name === section.title
}

describe('the conventions the importer reads', () => {
  test('front matter, heading depth from level, heading links, bylines as emphasised lines, logo blocks', async () => {
    const {markdown} = await exportFrom(documents, 2022)
    const source = readFileSync(path.join(repoRoot, 'content/annual-report-2022.md'), 'utf8')
    expect(markdown.startsWith('---\ntemplateKey: generic-page\ntitle: ')).toBe(true)
    expect(markdown).toMatch(/\nyear: 2022\n/)
    const sections = documents.filter((document) => document._type === 'section' && String(document._id).startsWith('section-2022-')) as Array<StoredDocument & {title: string; level: number; untitled?: boolean; link?: string; byline?: string}>
    for (const section of sections) {
      // Untitled pieces have no heading; a project's own section is opened by its logo block.
      if (section.untitled || opensWithItsProjectCard(section)) continue
      const heading = section.link ? `${'#'.repeat(section.level)} [${section.title}](${section.link})` : `${'#'.repeat(section.level)} ${section.title}`
      expect(markdown.split('\n'), section._id).toContain(heading)
      for (const line of section.byline?.split('\n') ?? []) expect(markdown).toContain(`\n***${line}***\n`)
    }
    for (const project of documents.filter((document) => document._type === 'project') as Array<StoredDocument & {logo?: {src: string; alt: string}}>) {
      if (source.includes(project.logo!.src)) expect(markdown).toContain(`<img src="${project.logo!.src}" alt="${project.logo!.alt}"/>`)
    }
  })

  test("a project's own section (body opens with its card, titled by its name) is opened by the logo block, without a heading", async () => {
    const project = {_id: 'project-widget', _type: 'project', name: 'Widget', slug: {_type: 'slug', current: 'widget'}, website: 'https://widget.example/', logo: {_type: 'imageWithAlt', src: '/img/project-logos/widget.svg', alt: 'Widget Logo'}}
    const report = {_id: 'report-2030', _type: 'report', title: '2030 Report', year: 2030, slug: {_type: 'slug', current: '2030'}, sections: [{_type: 'reference', _ref: 'section-2030-widget', _key: 'a'}, {_type: 'reference', _ref: 'section-2030-ann', _key: 'b'}]}
    const block = (text: string) => ({_type: 'block', _key: text.slice(0, 4), style: 'normal', markDefs: [], children: [{_type: 'span', _key: 's', text, marks: []}]})
    const widget = {_id: 'section-2030-widget', _type: 'section', title: 'Widget', slug: {_type: 'slug', current: 'widget'}, level: 1, projects: [{_type: 'reference', _ref: 'project-widget', _key: 'p'}], body: [{_type: 'projectCard', _key: 'c', project: {_type: 'reference', _ref: 'project-widget'}}, block('Widget grew.')]}
    const untitled = {_id: 'section-2030-ann', _type: 'section', title: 'Ann Example', untitled: true, slug: {_type: 'slug', current: 'ann'}, level: 1, authors: [{_type: 'reference', _ref: 'author-ann', _key: 'x'}], body: [block('Words by Ann.')]}
    const author = {_id: 'author-ann', _type: 'author', name: 'Ann Example', role: 'Writer', organisation: 'Example Org', slug: {_type: 'slug', current: 'ann-example'}}
    const {markdown} = await exportFrom([report, widget, untitled, author, project] as StoredDocument[], 2030)
    expect(markdown).not.toMatch(/^#+ /m)
    expect(markdown).toContain('<div>\n  <a href="https://widget.example/">\n    <img src="/img/project-logos/widget.svg" alt="Widget Logo"/>\n  </a>\n</div>\n\nWidget grew.')
    // No stored byline: composed from the author reference, standing alone after a spacer.
    expect(markdown).toContain('<br />\n\n***Ann Example, Writer, Example Org***\n\nWords by Ann.')
  })
})
