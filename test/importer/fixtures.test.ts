import path from 'node:path'
import {beforeAll, describe, expect, test} from 'vitest'
import {importFiles, importMarkdown} from '../../importer/index.ts'
import {blocksOf, blockText, norm, ofType, printedBylines} from './structure.ts'
import type {Doc} from './structure.ts'
import {validateAll} from '../helpers/validate.ts'

const repoRoot = path.resolve(import.meta.dirname, '../..')
const FOLDER = 'test/fixtures/reports'
const FRONT = '---\ntitle: T\nyear: 2030\n---\n'

let documents: Doc[]
let warnings: Awaited<ReturnType<typeof importFiles>>['diagnostics']

beforeAll(async () => {
  const result = await importFiles([FOLDER], {cwd: repoRoot, assetsDir: path.join(repoRoot, FOLDER)})
  documents = result.documents as unknown as Doc[]
  warnings = result.diagnostics
})

const byId = (id: string) => documents.find((d) => d._id === id)

describe('a folder of reports from another organisation (fixtures)', () => {
  test('reads folders recursively and orders reports by year, sections after their report', () => {
    expect(documents.map((d) => `${d._type} `).join('')).toMatch(/^report (section )+report (section )+(project )+(author )+$/)
    expect(ofType(documents, 'report').map((r) => r.year)).toEqual([2020, 2021])
    expect(new Set(documents.map((d) => (d.importInfo as {source: string}).source))).toEqual(
      new Set([`${FOLDER}/annual-report-2021.md`, `${FOLDER}/archive/annual-report-2020.md`]),
    )
  })

  test('shares one author per person and one project per project across reports', () => {
    const authors = ofType(documents, 'author').map((a) => a._id)
    expect(authors).toEqual([...new Set(authors)].sort())
    const maria = documents.filter((d) => d._type === 'section' && JSON.stringify(d.authors ?? []).includes('author-maria-da-silva'))
    expect(new Set(maria.map((s) => (s._id as string).slice(0, 12)))).toEqual(new Set(['section-2020', 'section-2021']))
    // 2021: the section its logo opens; 2020: "Widget in 2020", whose title names it and whose logo comes first.
    const widget = documents.filter((d) => JSON.stringify(d.projects ?? []).includes('project-widget'))
    expect(widget.map((d) => d._id)).toEqual(['section-2020-widget-in-2020', 'section-2021-widget'])
    expect(ofType(documents, 'project').map((p) => p.name)).toEqual(['Gadget', 'Widget'])
  })

  test('bylines: plain or emphasised under a heading, standalone between thematic breaks', () => {
    const editors = byId('section-2021-a-word-from-the-editors')!
    // Derivable from the (newest) author document: no override; 2020's older role is an override.
    expect(editors.byline).toBeUndefined()
    expect(printedBylines(editors, documents)).toEqual(['Maria da Silva, Chief Editor, Example Collective'])
    expect(byId('section-2020-editorial')!.byline).toBe('Maria da Silva, Editor-in-Chief')
    const standalone = ofType(documents, 'section').find((s) => JSON.stringify(s.authors ?? []).includes('author-kwame-mensah'))!
    expect(standalone).toMatchObject({untitled: true, title: 'Our community doubled: see the meetup list and the calendar.', level: 1})
    expect(byId('author-jean-luc-picard')).toMatchObject({role: 'Release Manager', organisation: 'Gadget Project'})
    expect(byId('author-kwame-mensah')).not.toHaveProperty('organisation')
    // A sentence with commas is not a byline, and a byline is not repeated in the body.
    const texts = blocksOf(documents).map((b) => norm(blockText(b)))
    expect(texts).toContain('Each update was compiled by members of the working groups, who met weekly.')
    expect(texts).toContain('Lisbon, Porto, Braga and Faro hosted meetups.')
    expect(texts.filter((t) => t.includes('Chief Editor'))).toEqual([])
  })

  test('project links from "Find us:" and "Further information about X:" lists', () => {
    const widget = byId('project-widget')!
    expect(widget.website).toBe('https://widget.example.org')
    expect(widget.links).toEqual([
      expect.objectContaining({kind: 'code', label: 'Code', text: 'git.example.org/widget', url: 'https://git.example.org/widget'}),
      expect.objectContaining({kind: 'chat', label: 'Chat', text: '#widget on Example Chat'}),
      expect.objectContaining({kind: 'mailingList', url: 'mailto:widget@lists.example.org'}),
      expect.objectContaining({kind: 'website', label: 'Website'}),
      // 2020's list adds what 2021's lacks (de-duplicated by URL, newest first).
      expect.objectContaining({kind: 'chat', label: 'IRC', text: '#widget on Example Chat'}),
    ])
    const gadget = byId('project-gadget')!
    expect((gadget.links as Array<{kind: string}>).map((l) => l.kind)).toEqual(['reviews', 'website'])
    expect(widget.logo).toMatchObject({src: '/img/project-logos/widget.svg', alt: 'Widget Logo', _sanityAsset: expect.stringMatching(/^image@file:\/\/\/.*widget\.svg$/)})
  })

  test('a logo outside the project-logo folder stays a linked figure', () => {
    const events = byId('section-2021-events')!
    expect(events.body).toEqual([expect.objectContaining({_type: 'figure', src: '/img/events/summit.svg', href: 'https://summit.example.org'})])
    expect(warnings.some((w) => w.rule === 'missing-image' && w.message.includes('summit.svg') && w.line !== undefined)).toBe(true)
  })

  test('headings: links kept, repeated titles get -2, empty ones are titled by their opening words with a warning', () => {
    // h3 under the Gadget logo's section (itself under the h2 part): outline level 4, source depth 3.
    expect(byId('section-2021-gadget-1-0-released')).toMatchObject({title: 'Gadget 1.0 Released', link: 'https://gadget.example.org/1.0', level: 4, importInfo: expect.objectContaining({headingDepth: 3})})
    expect(byId('section-2021-the-summit-again-2')).toMatchObject({title: 'The Summit, Again'})
    expect(byId('section-2021-an-empty-heading-above')).toMatchObject({title: 'An empty heading above.', untitled: true})
    expect(warnings.find((w) => w.rule === 'empty-heading')).toMatchObject({file: `${FOLDER}/annual-report-2021.md`, line: expect.any(Number)})
  })

  test('front matter: fields mapped, unknown keys warned, a missing year inferred with a warning', () => {
    expect(byId('report-2021')).toMatchObject({
      title: 'Example Collective Yearbook',
      subtitle: 'The Example Collective',
      seo: {_type: 'seo', title: 'Example Yearbook 2021', url: 'https://example.org/yearbook/2021', twitterUsername: '@ExampleCo', image: {_type: 'imageWithAlt', src: '/img/cover.png'}},
    })
    expect(warnings.find((w) => w.rule === 'unknown-front-matter')).toMatchObject({line: 6, column: 1})
    expect(warnings.some((w) => w.message.includes('templateKey'))).toBe(false)
    expect(warnings.find((w) => w.rule === 'inferred-year')?.message).toContain('2020')
    expect(byId('report-2020')!.heroImage).toMatchObject({_type: 'figure', alt: 'Cover of the 2020 yearbook', title: 'The 2020 cover'})
  })

  test('all documents pass the schema', async () => {
    expect(await validateAll(documents)).toEqual([])
  })
})

describe('importMarkdown edge cases', () => {
  test('a standalone byline needs emphasis; a plain one mid-section stays text', () => {
    const {documents: docs} = importMarkdown(`${FRONT}## A\n\nText.\n\n<br />\n\nAda Lovelace, Analyst\n`, {file: 'x.md'})
    expect(ofType(docs as unknown as Doc[], 'author')).toEqual([])
  })

  test('two bylines under one heading: both authors, one line each', () => {
    const md = `${FRONT}## Joint Letter\n\n*Ada Lovelace, Analyst*\n\n*Grace Hopper, Rear Admiral, US Navy*\n\nBody.\n`
    const docs = importMarkdown(md, {file: 'x.md'}).documents as unknown as Doc[]
    const section = ofType(docs, 'section')[0]!
    expect(section.byline).toBeUndefined()
    expect(printedBylines(section, docs)).toEqual(['Ada Lovelace, Analyst', 'Grace Hopper, Rear Admiral, US Navy'])
    expect(ofType(docs, 'author').map((a) => a.name)).toEqual(['Ada Lovelace', 'Grace Hopper'])
  })

  test('ids are ASCII slugs; a link in a heading with other text keeps the whole title', () => {
    const docs = importMarkdown(`${FRONT}## Fidêncio's [Notes](https://example.org/n) Again\n`, {file: 'x.md'}).documents as unknown as Doc[]
    const section = ofType(docs, 'section')[0]!
    expect(section._id).toMatch(/^section-2030-fidencios-notes-again$/)
    expect(section).toMatchObject({title: "Fidêncio's Notes Again", link: 'https://example.org/n'})
  })
})
