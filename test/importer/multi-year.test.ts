import path from 'node:path'
import {beforeAll, describe, expect, test} from 'vitest'
import {importFiles, toNdjson} from '../../importer/index.ts'
import {findObjects} from '../helpers/json.ts'
import {validateAll} from '../helpers/validate.ts'
import {blocksOf, blockText, norm, ofType, printedBylines} from './structure.ts'
import type {Doc} from './structure.ts'

const repoRoot = path.resolve(import.meta.dirname, '../..')
const DIR = 'test/fixtures/multi-year'
const FILES = ['pebble-2019.md', 'pebble-2020.md', 'pebble-2021.md'].map((name) => `${DIR}/${name}`)

let documents: Doc[]
let warnings: Awaited<ReturnType<typeof importFiles>>['diagnostics']
const byId = (id: string) => documents.find((d) => d._id === id)!
const refs = (doc: Doc, field: string) => ((doc[field] ?? []) as Array<{_ref: string}>).map((ref) => ref._ref)

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]]
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]))
}

beforeAll(async () => {
  const result = await importFiles(FILES, {cwd: repoRoot})
  documents = result.documents as unknown as Doc[]
  warnings = result.diagnostics
})

describe('a multi-year family of reports imported together', () => {
  test('the files in every order give byte-identical NDJSON', async () => {
    const outputs = new Set<string>()
    for (const order of permutations(FILES)) outputs.add(toNdjson((await importFiles(order, {cwd: repoRoot})).documents))
    expect(outputs.size).toBe(1)
    expect([...outputs][0]).toBe(toNdjson(documents))
  })

  test('every project logo opens its own section, its card first, under parts of different heading depths', () => {
    const opened = ofType(documents, 'section').filter((s) => ((s.body ?? []) as Doc[])[0]?._type === 'projectCard')
    expect(opened.map((s) => s._id)).toEqual(['section-2019-widget', 'section-2019-gadget', 'section-2020-widget', 'section-2020-gadget', 'section-2021-sprocket', 'section-2021-widget'])
    for (const section of opened) {
      expect(findObjects([section], (o) => o._type === 'projectCard')).toHaveLength(1)
      expect(refs(section, 'projects')).toEqual([`project-${String(section.title).toLowerCase()}`])
      expect(section.level).toBe(2)
    }
    // A logo outside the project-logo folder stays a linked figure in its section.
    expect((byId('section-2021-events').body as Doc[])[0]).toMatchObject({_type: 'figure', href: 'https://summit.pebble.example'})
  })

  test("a project's deeper sub-heading nests under it; a heading at the part's child rank closes it", () => {
    expect(byId('section-2019-gadget-highlights')).toMatchObject({level: 3, importInfo: expect.objectContaining({headingDepth: 3})})
    expect(byId('section-2020-gadget-roadmap')).toMatchObject({level: 3, importInfo: expect.objectContaining({headingDepth: 5})})
    // h4 at the rank of "Overview": Widget's section ends, the survey is its sibling and names Widget in its title.
    expect(byId('section-2020-widget-adoption-survey')).toMatchObject({level: 2})
    expect(refs(byId('section-2020-widget-adoption-survey'), 'projects')).toEqual(['project-widget'])
    expect(refs(byId('section-2020-overview'), 'projects')).toEqual([])
    expect(findObjects([byId('section-2020-widget-adoption-survey')], (o) => o._type === 'projectCard')).toEqual([])
  })

  test('levels are outline depth whatever heading depth the author used: first 1, never skipping', () => {
    for (const report of ofType(documents, 'report')) {
      const levels = refs(report, 'sections').map((id) => byId(id).level as number)
      expect(levels[0]).toBe(1)
      levels.forEach((level, i) => expect(level).toBeLessThanOrEqual(i === 0 ? 1 : levels[i - 1]! + 1))
    }
    // h1, h2 and h3 report openers are all level 1; h2 → h4 is 1 → 2.
    expect(['section-2019-letter-from-the-board', 'section-2020-welcome', 'section-2021-note-from-the-chair'].map((id) => byId(id).level)).toEqual([1, 1, 1])
    expect(byId('section-2020-overview')).toMatchObject({level: 2, importInfo: expect.objectContaining({headingDepth: 4})})
  })

  test('bylines: under a heading, standalone after a paragraph or a spacer, two-line signatures; sentences are not bylines', () => {
    // Signature closing a letter (twice, two years).
    expect(refs(byId('section-2019-letter-from-the-board'), 'authors')).toEqual(['author-rosa-diaz'])
    expect(refs(byId('section-2021-note-from-the-chair'), 'authors')).toEqual(['author-rosa-diaz'])
    // Plain and emphasised bylines right under a heading.
    expect(refs(byId('section-2020-welcome'), 'authors')).toEqual(['author-rosa-diaz'])
    expect(refs(byId('section-2019-community'), 'authors')).toEqual(['author-omar-haddad'])
    // A standalone byline right after a paragraph opens an untitled piece titled by its opening words.
    const lena = ofType(documents, 'section').find((s) => refs(s, 'authors').includes('author-lena-park'))!
    expect(lena).toMatchObject({untitled: true, title: 'Three meetups took place, the largest in Nairobi with ninety people.', level: 1})
    const omar2021 = ofType(documents, 'section').find((s) => s._id.startsWith('section-2021') && refs(s, 'authors').includes('author-omar-haddad'))!
    expect(omar2021).toMatchObject({untitled: true, title: 'The community team grew to five people across three time zones.'})
    // A fully emphasised sentence is text of the piece it stands in.
    expect(blocksOf([lena]).map((b) => norm(blockText(b)))).toContain('This, however, was only the beginning.')
    // Signatures and bylines are not repeated in the body.
    expect(blocksOf(documents).map((b) => norm(blockText(b))).filter((t) => /Board Chair|Community Manager|Events Lead/.test(t))).toEqual([])
  })

  test("an author's role changes between years: the newest report wins; older sections keep what they printed", () => {
    expect(byId('author-omar-haddad')).toMatchObject({role: 'Director of Community', organisation: 'Pebble Foundation'})
    expect(byId('section-2019-community').byline).toBe('Omar Haddad, Community Manager, Pebble Foundation')
    expect(byId('section-2020-people').byline).toBe('Omar Haddad, Senior Community Manager, Pebble Foundation')
    expect(omitUndefined(byId('section-2021-note-from-the-chair').byline)).toBeUndefined()
    expect(printedBylines(byId('section-2021-note-from-the-chair'), documents)).toEqual(['Rosa Díaz, Board Chair, Pebble Foundation'])
    expect(byId('author-omar-haddad').importInfo).toMatchObject({source: FILES[2], sources: FILES})
  })

  test("a project's links are merged from every year, one per URL, newest first", () => {
    const widget = byId('project-widget')
    expect((widget.links as Array<{url?: string}>).map((l) => l.url)).toEqual([
      'https://code.pebble.example/widget',
      'mailto:widget@lists.pebble.example',
      'https://chat.pebble.example/widget',
      'https://widget.pebble.example',
      'https://git.pebble.example/widget',
    ])
    expect(widget.importInfo).toMatchObject({sources: FILES})
    expect(byId('project-gadget').importInfo).toMatchObject({source: FILES[1], sources: FILES.slice(0, 2)})
  })

  test('a relative link that looks like a domain or an e-mail address is a located warning', () => {
    const lint = warnings.filter((w) => w.rule === 'link-looks-absolute')
    expect(lint.map((w) => [w.file, w.line, w.message.match(/would have been "([^"]+)"/)?.[1]])).toEqual([
      [FILES[2], 20, 'https://sprocket.pebble.example/about'],
      [FILES[2], 24, 'mailto:sprocket-discuss@lists.pebble.example'],
    ])
    // Without --fix-links nothing is changed.
    expect((byId('project-sprocket').links as Array<{url?: string}>)[0]!.url).toBe('sprocket-discuss@lists.pebble.example')
  })

  test('--fix-links rewrites them, in bodies and project link lists, each a located note', async () => {
    const fixed = await importFiles(FILES, {cwd: repoRoot, fixLinks: true})
    const docs = fixed.documents as unknown as Doc[]
    const sprocket = docs.find((d) => d._id === 'project-sprocket')!
    expect((sprocket.links as Array<{url?: string}>)[0]!.url).toBe('mailto:sprocket-discuss@lists.pebble.example')
    expect(findObjects(docs, (o) => o._type === 'link' && o.href === 'https://sprocket.pebble.example/about')).toHaveLength(1)
    expect(fixed.diagnostics.filter((d) => d.rule === 'link-fixed').map((d) => [d.severity, d.line])).toEqual([
      ['note', 20],
      ['note', 24],
    ])
    expect(fixed.diagnostics.some((d) => d.rule === 'link-looks-absolute')).toBe(false)
  })

  test('all documents pass the schema', async () => {
    expect(await validateAll(documents)).toEqual([])
  })
})

function omitUndefined<T>(value: T | undefined): T | undefined {
  return value ?? undefined
}
