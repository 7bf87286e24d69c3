/** Next year's report as data: ids and slugs from the chosen year, the outline as empty sections, nothing written. */
import {describe, expect, test} from 'vitest'
import {byYearDesc, isReportYear, nextReportSlug, nextYearPlan, plannedIds, sourceReports} from '../../studio/nextYear.ts'

const source = {
  _id: 'report-2022',
  title: '2022 Annual Report',
  year: 2022,
  slug: '2022',
  sections: [
    {title: 'Intro', slug: 'intro', level: 1},
    {title: 'Details', slug: 'details', level: 2},
    null,
    {title: 'Intro again', slug: 'intro', level: 1},
    {title: 'No slug', slug: null, level: 1},
  ],
}

describe('the plan for a chosen year', () => {
  test('report and sections as drafts with ids and slugs of the chosen year, references pending until publish', () => {
    const plan = nextYearPlan(source, 2025)
    expect(plan.reportId).toBe('report-2025')
    expect(plan.report).toMatchObject({_id: 'drafts.report-2025', _type: 'report', title: '2025 Annual Report', year: 2025, slug: {_type: 'slug', current: '2025'}})
    expect(plan.sections).toEqual([
      {_id: 'drafts.section-2025-intro', _type: 'section', title: 'Intro', slug: {_type: 'slug', current: 'intro'}, level: 1},
      {_id: 'drafts.section-2025-details', _type: 'section', title: 'Details', slug: {_type: 'slug', current: 'details'}, level: 2},
    ])
    expect(plan.report.sections.map((ref) => [ref._ref, ref._weak, ref._strengthenOnPublish.type])).toEqual([
      ['section-2025-intro', true, 'section'],
      ['section-2025-details', true, 'section'],
    ])
    expect(new Set(plan.report.sections.map((ref) => ref._key)).size).toBe(2)
    expect(plannedIds(plan).sort()).toEqual(
      ['report-2025', 'section-2025-intro', 'section-2025-details'].flatMap((id) => [id, `drafts.${id}`]).sort(),
    )
  })

  test('the report slug: the source year replaced where the slug has it, else the year appended', () => {
    expect(nextReportSlug({_id: 'report-openinfra-2022', slug: 'openinfra-2022', year: 2022}, 2024)).toBe('openinfra-2024')
    expect(nextReportSlug({_id: 'report-impact', slug: 'impact', year: 2022}, 2023)).toBe('impact-2023')
    expect(nextReportSlug({_id: 'report-impact', slug: null, year: null}, 2023)).toBe('impact-2023')
    expect(nextYearPlan({_id: 'report-impact', title: 'Impact', slug: 'impact', year: 2022}, 2023)).toMatchObject({
      reportId: 'report-impact-2023',
      report: {title: 'Impact 2023'},
    })
  })

  test('years outside the schema’s range or not whole are refused', () => {
    expect([1899, 1900, 2999, 3000, 2023.5, Number.NaN].map(isReportYear)).toEqual([false, true, true, false, false, false])
  })
})

describe('the reports offered as a source', () => {
  test('a draft stands for its published report; newest first, reports without a year last', () => {
    const reports = sourceReports([
      {_id: 'report-2021', title: 'Old', year: 2021},
      {_id: 'report-x', title: 'No year', year: null},
      {_id: 'report-2022', title: '2022 published', year: 2022},
      {_id: 'drafts.report-2022', title: '2022 draft', year: 2022},
      {_id: 'drafts.report-2030', title: 'Only a draft', year: 2030},
    ])
    expect(reports.map((report) => [report._id, report.title])).toEqual([
      ['report-2030', 'Only a draft'],
      ['report-2022', '2022 draft'],
      ['report-2021', 'Old'],
      ['report-x', 'No year'],
    ])
    expect([{year: null, title: 'a'}, {year: 2022, title: 'b'}].sort(byYearDesc)[0]?.title).toBe('b')
  })
})
