import {describe, expect, test} from 'vitest'
import {block, doc, HASH, key, linkedBlock, ref, report} from './fixtures.ts'
import {errorsOf, validate} from '../helpers/schema-workspace.ts'

const author = doc('author', 'author-ada', {name: 'Ada', slug: {_type: 'slug', current: 'ada'}})
const project = doc('project', 'project-kata', {
  name: 'Kata',
  slug: {_type: 'slug', current: 'kata'},
  website: 'https://katacontainers.io',
  logo: {_type: 'imageWithAlt', alt: 'Kata Logo', src: '/img/kata.svg'},
  links: [{_type: 'projectLink', _key: key(), kind: 'chat', label: 'IRC', text: '#kata on OFTC'}],
})

/** A section using every body member type the content model allows. */
function fullSection(id = 'section-2022-intro', slug = 'intro') {
  const {block: linked} = linkedBlock('https://example.org')
  return doc('section', id, {
    title: 'Intro',
    slug: {_type: 'slug', current: slug},
    level: 2,
    link: '/about',
    byline: 'By Ada, Kata',
    authors: [ref(author._id)],
    projects: [ref(project._id)],
    body: [
      block([{text: 'Bold', marks: ['strong', 'sup']}, {_type: 'footnoteReference', label: '1'}]),
      linked,
      block([{_type: 'taskMarker', checked: true}, {text: ' done'}]),
      block([{_type: 'inlineImage', alt: 'badge', src: 'https://example.org/b.svg'}]),
      {_type: 'figure', _key: key(), alt: 'Chart', src: '/img/chart.png', href: '#top'},
      {
        _type: 'table',
        _key: key(),
        align: ['left', 'none'],
        rows: [
          {_type: 'tableRow', _key: key(), header: true, cells: [cell('A'), cell('B')]},
          {_type: 'tableRow', _key: key(), header: false, cells: [cell('1'), cell('2')]},
        ],
      },
      {_type: 'codeBlock', _key: key(), language: 'yaml', code: 'a: 1\n'},
      {_type: 'divider', _key: key(), style: '* * *'},
      {_type: 'footnote', _key: key(), label: '1', content: [block([{text: 'A note'}])]},
      {_type: 'projectCard', _key: key(), project: {_type: 'reference', _ref: project._id}},
    ],
    importInfo: {_type: 'importInfo', source: 'content/report.md', contentHash: HASH},
  })
}

function cell(text: string) {
  return {_type: 'tableCell', _key: key(), content: [block([{text}])]}
}

describe('documents against the schema’s rules (validateDocument)', () => {
  test('a complete, valid section has no error markers', async () => {
    const section = fullSection()
    const markers = await validate(section, [author, project, report(2022, {sections: [ref(section._id)]})])
    expect(errorsOf(markers)).toEqual([])
  })

  test('a link annotation with javascript: fails at that annotation’s href', async () => {
    const {block: linked, markKey} = linkedBlock('javascript:alert(1)')
    const section = doc('section', 'section-2022-x', {
      title: 'X',
      slug: {_type: 'slug', current: 'x'},
      level: 1,
      body: [linked],
    })
    const errors = errorsOf(await validate(section))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({
      code: 'string.url.scheme-not-allowed',
      path: ['body', {_key: linked._key}, 'markDefs', {_key: markKey}, 'href'],
    })
  })

  test.each([
    'https://example.org/a?b#c',
    'http://example.org',
    'mailto:someone@example.org',
    'tel:+15551234567',
    '/about',
    '#top',
    './sibling',
    '../parent',
    'openstack.org/users',
  ])('the link policy accepts %s', async (href) => {
    const {block: linked} = linkedBlock(href)
    const section = doc('section', 's', {title: 'S', slug: {_type: 'slug', current: 's'}, level: 1, body: [linked]})
    expect(errorsOf(await validate(section))).toEqual([])
  })

  test.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://example.org/x',
  ])('the link policy rejects %j in every url-ish field', async (href) => {
    const section = doc('section', 's', {
      title: 'S',
      slug: {_type: 'slug', current: 's'},
      level: 1,
      link: href,
      body: [linkedBlock(href).block, {_type: 'figure', _key: key(), src: '/img/a.png', alt: 'A', href}],
    })
    const proj = doc('project', 'p', {
      name: 'P',
      slug: {_type: 'slug', current: 'p'},
      links: [{_type: 'projectLink', _key: key(), label: 'Code', url: href}],
    })
    const failed = [...errorsOf(await validate(section)), ...errorsOf(await validate(proj))]
    const fields = failed.map((marker) => marker.path.filter((segment) => typeof segment === 'string').join('.'))
    expect(fields.sort()).toEqual(['body.href', 'body.markDefs.href', 'link', 'links.url'])
  })

  test('a report without a year fails as required at ["year"]', async () => {
    const {year: _omitted, ...withoutYear} = report(2022)
    const errors = errorsOf(await validate({...withoutYear, _id: 'report-x'}))
    expect(errors.map((marker) => [marker.code, marker.path])).toContainEqual(['value.required', ['year']])
    // Sanity's number rules also report on a missing value; nothing outside `year` may fail.
    expect(errors.every((marker) => marker.path[0] === 'year')).toBe(true)
  })

  test('year must be an integer in 1900–2999', async () => {
    for (const year of [2022.5, 1899, 3000]) {
      const errors = errorsOf(await validate(report(2022, {year})))
      expect(errors.length, String(year)).toBeGreaterThan(0)
      expect(errors.every((marker) => marker.path[0] === 'year')).toBe(true)
    }
  })

  test('two reports with the same year: a warning on the second (several reports of a year may coexist), no error', async () => {
    const first = report(2022)
    // A distinct slug, so only the year rule can speak.
    const second = report(2022, {_id: 'report-2022-copy', slug: {_type: 'slug', current: '2022-copy'}})
    expect(await validate(first)).toEqual([])
    const markers = await validate(second, [first])
    expect(markers.map((marker) => [marker.level, marker.code, marker.path])).toEqual([['warning', 'custom.report-year-not-unique', ['year']]])
  })

  test('a draft does not collide with its own published report', async () => {
    const published = report(2023)
    const draft = {...report(2023), _id: 'drafts.report-2023'}
    expect(errorsOf(await validate(draft, [published]))).toEqual([])
  })

  test('section slugs are unique within a report, not across reports', async () => {
    const a = fullSection('section-2022-intro', 'intro')
    const b = fullSection('section-2022-intro-2', 'intro')
    const other = fullSection('section-2023-intro', 'intro')
    const dataset = [
      author,
      project,
      a,
      other,
      report(2022, {sections: [ref(a._id), ref(b._id)]}),
      report(2023, {sections: [ref(other._id)]}),
    ]
    expect(errorsOf(await validate(a, dataset.filter((d) => d !== a).concat(b)))).toMatchObject([
      {path: ['slug']},
    ])
    expect(errorsOf(await validate(other, dataset.filter((d) => d !== other)))).toEqual([])
  })

  test('an image needs an asset or a src', async () => {
    const section = doc('section', 's', {
      title: 'S',
      slug: {_type: 'slug', current: 's'},
      level: 1,
      body: [{_type: 'figure', _key: 'f1', alt: 'nothing to show'}],
    })
    const errors = errorsOf(await validate(section))
    expect(errors).toMatchObject([{code: 'custom.image-source-missing', path: ['body', {_key: 'f1'}]}])
  })

  test('a span mark that is neither a decorator nor a markDef of its block is an error', async () => {
    const dangling = block([{text: 'spilled', marks: ['0123456789ab']}])
    const section = doc('section', 's', {title: 'S', slug: {_type: 'slug', current: 's'}, level: 1, body: [dangling]})
    const errors = errorsOf(await validate(section))
    expect(errors).toMatchObject([
      {code: 'custom.dangling-mark', path: ['body', {_key: dangling._key}, 'children', {_key: dangling.children[0]?._key}, 'marks']},
    ])
  })

  test('section level is an integer heading depth 1–6', async () => {
    for (const level of [0, 7, 2.5]) {
      const section = doc('section', 's', {title: 'S', slug: {_type: 'slug', current: 's'}, level})
      expect(errorsOf(await validate(section)).map((m) => m.path), String(level)).toContainEqual(['level'])
    }
  })
})
