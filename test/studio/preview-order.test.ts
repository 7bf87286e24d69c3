/** The report preview (the site's renderer) reads as a report: its introduction, then the contents, then the sections. */
import {expect, test} from 'vitest'
import {renderReportHtml} from '../../render/page.ts'
import {reportPage} from '../../studio/previewPage.ts'

const block = (key: string, text: string) => ({_type: 'block', _key: key, style: 'normal', markDefs: [], children: [{_type: 'span', _key: `${key}s`, text, marks: []}]})
const section = (id: string, title: string) => ({_id: id, title, level: 1 as const, untitled: null, link: null, byline: null, slug: id, body: [block(`b${id}`, `Body of ${title}`)] as never, authors: null, projects: null})

test('the introduction comes before the table of contents, which comes before the first section', () => {
  const {page} = reportPage(
    {_id: 'report-2031', title: '2031 Report', intro: [block('i', 'Welcome to the year in review')] as never, sections: [{_ref: 'a'}, {_ref: 'b'}]},
    [section('a', 'First piece'), section('b', 'Second piece')],
  )
  const html = renderReportHtml(page)
  const intro = html.indexOf('Welcome to the year in review')
  const contents = html.search(/<nav[^>]*class="toc"/)
  const first = html.indexOf('Body of First piece')
  expect([intro, contents, first].every((at) => at > 0)).toBe(true)
  expect(intro).toBeLessThan(contents)
  expect(contents).toBeLessThan(first)
})
