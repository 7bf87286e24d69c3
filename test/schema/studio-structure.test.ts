/** The Studio's pure pieces: live outline data, Sections groups, the preview page, the quiet index page (the next-year plan: test/studio/next-year-plan.test.ts). */
import {describe, expect, test} from 'vitest'
import {renderReportHtml} from '../../render/page.ts'
import {offlineContentSecurityPolicy, quietIndexHtml, isLoopbackHost} from '../../studio/offlineVite.ts'
import {outlineEntries, outlineSections, outlineTitle} from '../../studio/outline.ts'
import {reportPage, sectionPage} from '../../studio/previewPage.ts'
import {sectionGroups} from '../../studio/sectionsPane.ts'

describe('outline pane data', () => {
  test('a section’s draft wins over its published version; dangling references are skipped', () => {
    const sections = outlineSections({
      title: 'R',
      sections: [
        {published: {_id: 'a', title: 'A', level: 1}, draft: {_id: 'drafts.a', title: 'A (edited)', level: 2}},
        {published: {_id: 'b', title: 'B', level: 1}, draft: null},
        {published: null, draft: null},
      ],
    })
    expect(outlineEntries(sections).map((entry) => [entry.id, entry.title.trim(), entry.level])).toEqual([
      ['a', 'A (edited)', 2],
      ['b', 'B', 1],
    ])
  })

  test('the pane title follows the report: its title, else its year, else "New report"', () => {
    expect(outlineTitle({title: ' 2031 Report '})).toBe('2031 Report')
    expect(outlineTitle({title: '', year: 2031})).toBe('Report 2031')
    expect(outlineTitle(null)).toBe('New report')
  })
})

describe('Sections list groups', () => {
  test('by report year, newest first, a draft report replacing its published one', () => {
    const groups = sectionGroups([
      {_id: 'report-2021', year: 2021, ids: ['s1', 's2']},
      {_id: 'report-2022', year: 2022, ids: ['s3']},
      {_id: 'drafts.report-2022', year: 2022, ids: ['s4', 's3']},
      {_id: 'report-x', year: null, ids: []},
    ])
    expect(groups.map((group) => [group.title, group.ids])).toEqual([
      ['2022', ['s4', 's3']],
      ['2021', ['s1', 's2']],
    ])
  })
})

describe('the page preview', () => {
  test('a section renders with its people and projects in the site’s page frame', () => {
    const {page} = sectionPage(
      {
        _id: 'drafts.section-2022-a',
        title: 'A <b>',
        level: 2,
        slug: {current: 'a'},
        body: [{_type: 'block', _key: 'k', style: 'normal', markDefs: [], children: [{_type: 'span', _key: 's', text: 'Hello', marks: []}]}],
        authors: [{_ref: 'author-ada'}],
      },
      {authors: [{_id: 'author-ada', name: 'Ada', role: null, organisation: null, slug: 'ada'}], projects: [], report: {_id: 'report-2022', title: '2022 Report', year: 2022}},
    )
    const html = renderReportHtml(page)
    expect(html).toContain('<h1>2022 Report</h1>')
    expect(html).toContain('A &lt;b&gt;')
    expect(html).toContain('Hello')
    expect(html).toContain('Ada')
  })

  test('a report renders its sections in the form’s order, drafts first', () => {
    const section = (id: string, title: string) => ({_id: id, title, level: 1 as const, untitled: null, link: null, byline: null, slug: id, body: null, authors: null, projects: null})
    const {page} = reportPage(
      {_id: 'report-2022', title: 'R', sections: [{_ref: 'b'}, {_ref: 'a'}, {_ref: 'missing'}]},
      [section('a', 'A'), section('b', 'B'), section('drafts.b', 'B (draft)')],
    )
    expect(page.sections?.map((s) => [s._id, s.title])).toEqual([
      ['b', 'B (draft)'],
      ['a', 'A'],
    ])
  })
})

describe('the quiet offline index page', () => {
  const built = '<html><head><meta charset="utf-8"><style>@font-face{font-family:Inter;src:url("https://studio-static.sanity.io/Inter-Regular.woff2") format("woff2")}body{margin:0}</style><script src="https://core.sanity-cdn.com/bridge.js" async type="module" data-sanity-core></script>\n</head><body></body></html>'

  test('drops the bridge script and remote fonts, and limits every request to the Studio and the lake', () => {
    const html = quietIndexHtml(built, 'https://127.0.0.1:3333')
    expect(html).not.toMatch(/sanity-cdn|studio-static|bridge/)
    expect(html).toContain('body{margin:0}')
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'))
    expect(quietIndexHtml(html, 'https://127.0.0.1:3333')).toBe(html)
  })

  test('the policy names only self and the lake (https and wss) for connections', () => {
    const policy = offlineContentSecurityPolicy('https://127.0.0.1:3333')
    expect(policy).toContain("connect-src 'self' https://127.0.0.1:3333 wss://127.0.0.1:3333")
    expect(policy).not.toMatch(/sanity\.io|\*/)
  })

  test('only loopback API hosts count as offline', () => {
    expect(isLoopbackHost('https://127.0.0.1:3333')).toBe(true)
    expect(isLoopbackHost('http://localhost:4000')).toBe(true)
    expect(isLoopbackHost('https://api.sanity.io')).toBe(false)
    expect(isLoopbackHost(undefined)).toBe(false)
  })
})
