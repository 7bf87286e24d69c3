/**
 * Front matter as sites write it (issue 20, item 2): YAML, TOML, Ziggy or none; the year from the
 * front matter, else the title, else the date; authors from `author`, `authors` and
 * `[taxonomies] author` as author documents the report references.
 */
import {describe, expect, test} from 'vitest'
import {ImportError, importMarkdown} from '../../importer/index.ts'
import {defaultProfile} from '../../importer/profile/default.ts'
import {openInfraProfile} from '../../importer/profile/openinfra.ts'
import {ofType, type Doc} from './structure.ts'

const run = (markdown: string, file = 'report.md') => {
  const {documents, diagnostics} = importMarkdown(markdown, {file, profile: defaultProfile})
  return {documents: documents as unknown as Doc[], diagnostics}
}
const report = (markdown: string, file?: string) => ofType(run(markdown, file).documents, 'report')[0]!
const names = (markdown: string) => {
  const {documents} = run(markdown)
  const authors = new Map(ofType(documents, 'author').map((author) => [author._id, author]))
  return ((ofType(documents, 'report')[0]!.authors ?? []) as Array<{_ref: string}>).map((ref) => {
    const author = authors.get(ref._ref)!
    return [author.name, author.role, author.organisation].filter(Boolean).join(' / ')
  })
}
const errorOf = (markdown: string): string => {
  try {
    run(markdown)
  } catch (error) {
    if (error instanceof ImportError) return error.message
    throw error
  }
  return 'no error'
}

describe('where the fields come from', () => {
  test('TOML front matter (+++), with [taxonomies] authors', () => {
    const markdown = '+++\ntitle = "Lumen in 2024"\ndate = 2025-01-20\n[taxonomies]\nauthor = ["Ana Lima", "Bruno Costa"]\n+++\n\nText.\n'
    expect(report(markdown)).toMatchObject({title: 'Lumen in 2024', year: 2024})
    expect(names(markdown)).toEqual(['Ana Lima', 'Bruno Costa'])
  })

  test('Ziggy front matter (Zine): fields, a nested mapping, a tagged date', () => {
    const markdown = '---\n.title = "Financial Report",\n.date = @date("2024-01-16T00:00:00"),\n.author = "Andrew Kelley",\n.custom = {\n  "menu": "x",\n},\n---\n\nText.\n'
    expect(report(markdown)).toMatchObject({title: 'Financial Report', year: 2024})
    expect(names(markdown)).toEqual(['Andrew Kelley'])
  })

  test('no front matter: the leading # heading is the title and not a section; the year from it', () => {
    const {documents} = run('# 2025 Annual Report: SIG Widgets\n\n## Highlights\n\nText.\n')
    expect(ofType(documents, 'report')[0]).toMatchObject({title: '2025 Annual Report: SIG Widgets', year: 2025})
    expect(ofType(documents, 'section').map((section) => [section.title, section.level])).toEqual([['Highlights', 1]])
  })

  test('a leading # heading equal to the front matter title is the title, not an empty level-1 section', () => {
    const {documents} = run('---\ntitle: Annual Report 2023\n---\n\n# Annual Report 2023\n\n## Part\n\nText.\n\n### Sub\n\nMore.\n')
    expect(ofType(documents, 'section').map((section) => [section.title, section.level])).toEqual([['Part', 1], ['Sub', 2]])
  })

  test('the year: front matter year, else the title, else the date (each inference warned, located)', () => {
    expect(report('---\ntitle: Review 2019\nyear: 2020\ndate: 2021-01-01\n---\nx\n').year).toBe(2020)
    expect(report('---\ntitle: Review 2019\ndate: 2021-01-01\n---\nx\n').year).toBe(2019)
    const dated = run('---\ntitle: A Year-End Letter\ndate: 2023-12-28T00:00:00Z\n---\nx\n')
    expect(ofType(dated.documents, 'report')[0]!.year).toBe(2023)
    expect(dated.diagnostics).toContainEqual(expect.objectContaining({rule: 'inferred-year', line: 3, column: 7}))
    expect(errorOf('---\ntitle: A Letter\ndate: soon\n---\nx\n')).toMatch(/front matter has no "year" and none can be inferred/)
  })

  test('front matter slug, description and plumbing keys: read or ignored, unknown keys warned', () => {
    const {documents, diagnostics} = run('---\ntitle: T 2022\nslug: My-Report\ndescription: What we did\nlayout: post\ntags: [a]\nmood: happy\n---\nx\n')
    expect(ofType(documents, 'report')[0]).toMatchObject({_id: 'report-my-report', slug: {current: 'my-report'}, seo: {description: 'What we did'}})
    expect(diagnostics.filter((d) => d.rule === 'unknown-front-matter').map((d) => d.message)).toEqual([expect.stringContaining('"mood"')])
  })
})

describe('authors named by the front matter', () => {
  test.each([
    ['author: Sarah Gran', ['Sarah Gran']],
    ['author: Josh Aas, ISRG Executive Director', ['Josh Aas / ISRG Executive Director']],
    ['author: "Lai Yi Ohlsen, Georgia Bullen"', ['Lai Yi Ohlsen', 'Georgia Bullen']],
    ['author: >-\n  [Ann Lee](https://example.org/ann) (Acme), [Bo\n  Chen](https://example.org/bo) (Beta Labs)', ['Ann Lee / Acme', 'Bo Chen / Beta Labs']],
    ['authors:\n  - di\n  - Jane Roe, Editor, Example Org', ['di', 'Jane Roe / Editor / Example Org']],
    ['authors: ["The Rust Survey Team"]', ['The Rust Survey Team']],
    ['authors:\n  - name: Kim Park\n    role: Treasurer', ['Kim Park / Treasurer']],
    ['author: ""', []],
  ])('%s', (line, expected) => {
    expect(names(`---\ntitle: Report 2023\n${line}\n---\nText.\n`)).toEqual(expected)
  })

  test('one person named in the front matter and in a byline is one author document', () => {
    const {documents} = run('---\ntitle: Letter 2022\nauthor: Jane Roe\n---\n\n## From the Director\n\n*Jane Roe, Executive Director*\n\nWe grew.\n')
    expect(ofType(documents, 'author')).toEqual([expect.objectContaining({_id: 'author-jane-roe', name: 'Jane Roe', role: 'Executive Director'})])
    expect(ofType(documents, 'report')[0]!.authors).toEqual([expect.objectContaining({_ref: 'author-jane-roe'})])
    expect(ofType(documents, 'section')[0]!.authors).toEqual([expect.objectContaining({_ref: 'author-jane-roe'})])
  })

  test('a value that is not a name list is warned about, located, and imports no author', () => {
    const {documents, diagnostics} = run('---\ntitle: Report 2023\nauthor: {nick: x}\n---\nx\n')
    expect(ofType(documents, 'author')).toEqual([])
    expect(diagnostics).toContainEqual(expect.objectContaining({rule: 'invalid-author', line: 3}))
  })

  test('the OpenInfra profile reads no author keys (its reports have none): a warning, as before', () => {
    const {documents, diagnostics} = importMarkdown('---\ntitle: T\nyear: 2022\nauthor: Someone Else\n---\nx\n', {file: 'r.md', profile: openInfraProfile})
    expect(documents.filter((document) => document._type === 'author')).toEqual([])
    expect(diagnostics).toContainEqual(expect.objectContaining({rule: 'unknown-front-matter', line: 4}))
  })
})

describe('site front matter a profile names', () => {
  test('OpenInfra’s templateKey: silent when it is the profile’s, a located warning when it differs', () => {
    const diagnostics = (value: string) => importMarkdown(`---\ntitle: T\nyear: 2022\ntemplateKey: ${value}\n---\nx\n`, {file: 'r.md', profile: openInfraProfile}).diagnostics
    expect(diagnostics('generic-page')).toEqual([])
    expect(diagnostics('blog-post')).toEqual([expect.objectContaining({rule: 'site-front-matter', line: 4, message: expect.stringContaining('"blog-post", not the profile\'s "generic-page"')})])
  })
})

describe('front matter that cannot be read: one located error', () => {
  test.each([
    ['invalid TOML', '+++\ntitle = "T\nyear = 2020\n+++\nx\n', /report\.md:2:\d+: error: invalid TOML front matter/],
    ['invalid Ziggy', '---\n.title = "T",\n.year = ,\n---\nx\n', /report\.md:3:9: error: invalid Ziggy front matter: expected a value/],
    ['no title anywhere', 'Just text, no heading.\n', /report\.md:1:1: error: no title/],
    ['a year that is no year', '---\ntitle: T\nyear: soon\n---\nx\n', /report\.md:3:7: error: "year" must be a 4-digit year/],
  ])('%s', (_name, markdown, message) => {
    expect(errorOf(markdown)).toMatch(message)
  })
})
