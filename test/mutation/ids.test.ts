/**
 * Document ids and slugs (importer/documents/ids.ts), through its exported functions: each
 * expectation is worked out from the rules in the function's TSDoc, not taken from a run.
 * Written to kill the mutants `npm run mutation -- importer/documents/ids.ts` found alive.
 */
import {describe, expect, it} from 'vitest'
import {authorId, createNameMatcher, namesWholeWords, projectId, reportId, reportSlugOf, sectionId, slugField, SlugRegistry, toSlug} from '../../importer/documents/ids.ts'

describe('toSlug', () => {
  it.each([
    ['Fidêncio Silva', 'fidencio-silva'],
    ['Hello,   World!!', 'hello-world'],
    ['--Leading and trailing--', 'leading-and-trailing'],
    ['CamelCase Name', 'camelcase-name'],
    ['Straße & Co.', 'strasse-and-co'],
    ['2022 in review', '2022-in-review'],
  ])('%j → %j', (text, slug) => {
    expect(toSlug(text)).toBe(slug)
  })

  it('uses the fallback when nothing sluggable is left', () => {
    expect(toSlug('🎉 !!!')).toBe('untitled')
    expect(toSlug('', 'empty')).toBe('empty')
  })

  it('cuts at 96 characters and never ends on a dash', () => {
    expect(toSlug('a'.repeat(200))).toBe('a'.repeat(96))
    // "ab-" repeated: the 96th character is a dash, which is dropped.
    expect(toSlug('ab '.repeat(50))).toBe('ab-'.repeat(32).slice(0, -1))
  })
})

describe('ids', () => {
  it('names authors and projects by slug, one document per name across reports', () => {
    expect(authorId('Jane Q. Doe')).toBe('author-jane-q-doe')
    expect(authorId('!!!')).toBe('author-unknown')
    expect(projectId('StarlingX')).toBe('project-starlingx')
    expect(projectId('')).toBe('project-unknown')
    expect(sectionId('2022', 'intro')).toBe('section-2022-intro')
    expect(sectionId('annual-report', 'intro')).toBe('section-annual-report-intro')
    expect(reportId('annual-report')).toBe('report-annual-report')
    expect(slugField('intro')).toEqual({_type: 'slug', current: 'intro'})
  })
})

describe('SlugRegistry', () => {
  it('numbers repeated slugs from 2, per registry', () => {
    const registry = new SlugRegistry()
    expect(['overview', 'overview', 'overview', 'other'].map((slug) => registry.claim(slug))).toEqual(['overview', 'overview-2', 'overview-3', 'other'])
    expect(new SlugRegistry().claim('overview')).toBe('overview')
  })

  it('does not hand out a numbered slug someone claimed by name', () => {
    const registry = new SlugRegistry()
    expect([registry.claim('a-2'), registry.claim('a'), registry.claim('a')]).toEqual(['a-2', 'a', 'a-3'])
  })

  it('keeps numbered slugs within 96 characters, without a dash before the suffix doubling up', () => {
    const registry = new SlugRegistry()
    const long = 'x'.repeat(96)
    expect(registry.claim(long)).toBe(long)
    expect(registry.claim(long)).toBe(`${'x'.repeat(94)}-2`)
    const dashed = `${'y'.repeat(93)}-zz`
    registry.claim(dashed)
    // 94 characters of it end on the dash: dropped before "-2".
    expect(registry.claim(dashed)).toBe(`${'y'.repeat(93)}-2`)
    // Only dashes at the cut go; one inside stays.
    const inner = `ab-${'x'.repeat(93)}`
    registry.claim(inner)
    expect(registry.claim(inner)).toBe(`ab-${'x'.repeat(91)}-2`)
    // A run of dashes at the cut goes whole.
    const run = `${'z'.repeat(92)}---zz`
    registry.claim(run)
    expect(registry.claim(run)).toBe(`${'z'.repeat(92)}-2`)
  })
})

describe('namesWholeWords', () => {
  it.each([
    ['Sustain OpenStack Resurgence', 'OpenStack', true],
    ['OpenStackClient released', 'OpenStack', false],
    ['the openstack community', 'OpenStack', false],
    ['the OpenStack community', 'OpenStack', true],
    ['OpenStack2 is not it', 'OpenStack', false],
    ['see 2OpenStack', 'OpenStack', false],
    ['Open   Infra Summit', 'Open Infra', true],
    ['Open\nInfra', ' Open Infra ', true],
    ['C++ and friends', 'C++', true],
    ['Zuul.', 'Zuul', true],
    ['Kata-Containers', 'Kata', true],
    ['Cloud (a.b) c', '(a.b)', true],
    ['anything', '   ', false],
    ['a  -  b', '   ', false],
    ['', ' ', false],
    ['Open Infra Summit', 'Open   Infra', true],
    ['Édition française', 'édition', false],
    ['Édition française', 'Édition', true],
    ['Rééditions', 'éditions', false],
  ])('%j names %j: %s', (text, name, expected) => {
    expect(namesWholeWords(text, name)).toBe(expected)
  })

  it('gives the same answers when called again and past its cache size', () => {
    const names = Array.from({length: 1_500}, (_, index) => `Project ${index}`)
    for (const name of names) expect(namesWholeWords(`about ${name} here`, name)).toBe(true)
    for (const name of names.slice(0, 10)) expect(namesWholeWords(`about ${name}0 here`, name)).toBe(false)
    expect(namesWholeWords('about Project 7 here', 'Project 7')).toBe(true)
  })
})

describe('createNameMatcher', () => {
  const match = createNameMatcher([
    {id: 'open-infra', name: 'Open Infra'},
    {id: 'zuul', name: 'Zuul'},
    {id: 'kata', name: 'Kata Containers'},
    {id: 'open-dev', name: 'Open Dev'},
    {id: 'nothing', name: '!!!'},
  ])

  it('finds every name the text holds in whole words, in the order the names were given', () => {
    expect(match('Kata   Containers, Zuul and Open Dev at the Open Infra summit')).toEqual(['open-infra', 'zuul', 'kata', 'open-dev'])
  })

  it('takes case as written: a lower-case word is not the name', () => {
    expect(match('kata containers, zuul and the OPEN INFRA summit')).toEqual([])
  })

  it('finds nothing in words that only start like a name', () => {
    expect(match('OpenInfra Zuulish Katas')).toEqual([])
    expect(match('')).toEqual([])
  })

  it('names a name once however often it occurs', () => {
    expect(match('Zuul, Zuul, zuul')).toEqual(['zuul'])
  })

  it('tells two names with the same first word apart', () => {
    expect(match('Open Dev only')).toEqual(['open-dev'])
    expect(match('Open Infra only')).toEqual(['open-infra'])
  })
})

describe('reportSlugOf', () => {
  const facts = {slug: 'Front Matter Slug', title: 'The Title 2023', year: 2023, file: 'content/blog/2023-annual-report.md'}
  const ALL = ['frontMatter', 'fileName', 'title', 'year'] as const

  it('takes the first source of the profile\'s order that gives a slug', () => {
    expect(reportSlugOf(facts, ALL)).toBe('front-matter-slug')
    expect(reportSlugOf(facts, ['fileName', 'frontMatter'])).toBe('2023-annual-report')
    expect(reportSlugOf(facts, ['title', 'fileName'])).toBe('the-title-2023')
    expect(reportSlugOf(facts, ['year', 'title'])).toBe('2023')
  })

  it('skips a source that gives nothing sluggable, and falls back to the year', () => {
    expect(reportSlugOf({...facts, slug: undefined}, ALL)).toBe('2023-annual-report')
    expect(reportSlugOf({...facts, slug: '!!!'}, ['frontMatter', 'title'])).toBe('the-title-2023')
    expect(reportSlugOf({...facts, slug: '', title: '***'}, ['frontMatter', 'title'])).toBe('2023')
    expect(reportSlugOf(facts, [])).toBe('2023')
  })

  it('names a page bundle (index.md, _index.md, README.md) by its folder, and drops only the last extension', () => {
    const fromFile = (file: string) => reportSlugOf({...facts, file}, ['fileName'])
    expect(fromFile('content/blog/2022-year-in-review/index.md')).toBe('2022-year-in-review')
    expect(fromFile('content\\reports\\Annual 2021\\_INDEX.markdown')).toBe('annual-2021')
    expect(fromFile('sig-docs/README.md')).toBe('sig-docs')
    expect(fromFile('index.md')).toBe('index')
    expect(fromFile('reports/report.v2.md')).toBe('report-v2')
    expect(fromFile('reports/indexes.md')).toBe('indexes')
    expect(fromFile('no-extension')).toBe('no-extension')
  })
})
