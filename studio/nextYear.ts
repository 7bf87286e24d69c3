/**
 * Next year's report, as pure data: from a source report and a chosen year, the report draft and
 * its outline as empty section drafts, with ids and slugs as the importer names them (report
 * `report-<reportSlug>`, section `section-<reportSlug>-<sectionSlug>`). Nothing here writes: the
 * Studio's "Next year's report" pane shows the plan and commits it only when the editor confirms.
 */

/** A section of the source report's outline. */
export interface SourceSection {
  title?: string | null
  slug?: string | null
  level?: number | null
}

/** A report an editor can start from, as {@link SOURCE_REPORTS_QUERY} returns it. */
export interface SourceReport {
  /** The report's id (published id, or `drafts.` for one never published). */
  _id: string
  title?: string | null
  year?: number | null
  slug?: string | null
  sections?: Array<SourceSection | null> | null
}

/** A document the plan creates (as a draft). */
export interface PlannedDocument {
  _id: string
  _type: string
  [field: string]: unknown
}

/** A reference to a section that exists only as a draft: Sanity strengthens it on publish. */
export interface PendingSectionReference {
  _type: 'reference'
  _key: string
  _ref: string
  _weak: true
  _strengthenOnPublish: {type: 'section'}
}

/** What confirming creates, all as drafts in one transaction. */
export interface NextYearPlan {
  /** The new report's published id. */
  reportId: string
  report: PlannedDocument & {title: string; year: number; slug: {_type: 'slug'; current: string}; sections: PendingSectionReference[]}
  sections: Array<PlannedDocument & {title: string; slug: {_type: 'slug'; current: string}; level: number}>
}

/**
 * Every report with its outline (raw perspective: a draft counts instead of its published
 * version, and a section's draft instead of the section). Asked only when the pane opens.
 */
export const SOURCE_REPORTS_QUERY = `*[_type == "report"]{
  _id, title, year, "slug": slug.current,
  "sections": sections[]{"section": coalesce(*[_id == "drafts." + ^._ref][0], @->){title, "slug": slug.current, level}}.section
}`

/** The years a report may have (the report schema's rule). */
export const YEAR_RANGE = {min: 1900, max: 2999} as const

/**
 * The reports an editor can start from: a draft replaces its published version; newest year
 * first, reports without a year last.
 *
 * @param reports - the query's result
 * @returns one entry per report, ids without `drafts.`
 */
export function sourceReports(reports: readonly SourceReport[]): SourceReport[] {
  const byId = new Map<string, SourceReport>()
  for (const report of reports) {
    const id = report._id.replace(/^drafts\./, '')
    if (report._id.startsWith('drafts.') || !byId.has(id)) byId.set(id, {...report, _id: id})
  }
  return [...byId.values()].sort(byYearDesc)
}

/**
 * Newest first, reports without a year last, then by title.
 *
 * @param a - a report
 * @param b - another
 * @returns a sort order
 */
export function byYearDesc(a: {year?: number | null; title?: string | null}, b: {year?: number | null; title?: string | null}): number {
  const ya = typeof a.year === 'number' ? a.year : -Infinity
  const yb = typeof b.year === 'number' ? b.year : -Infinity
  return yb - ya || String(a.title ?? '').localeCompare(String(b.title ?? ''))
}

/**
 * The report slug a source's slug becomes: its year replaced by the chosen year when it contains
 * that year, else `<slug>-<year>`; the year alone when the source has no slug.
 *
 * @param source - the source report (slug, year, id)
 * @param year - the chosen year
 * @returns the new report's slug
 */
export function nextReportSlug(source: Pick<SourceReport, '_id' | 'slug' | 'year'>, year: number): string {
  const slug = source.slug?.trim() || source._id.replace(/^(drafts\.)?report-/, '')
  if (!slug) return String(year)
  const old = typeof source.year === 'number' ? String(source.year) : undefined
  return old && slug.includes(old) ? slug.split(old).join(String(year)) : `${slug}-${year}`
}

/**
 * The new report's title: the source's with its year replaced, else the source's title and the
 * year, else "<year> Annual Report".
 *
 * @param source - the source report
 * @param year - the chosen year
 * @returns the title
 */
export function nextReportTitle(source: Pick<SourceReport, 'title' | 'year'>, year: number): string {
  const title = source.title?.trim()
  if (!title) return `${year} Annual Report`
  const old = typeof source.year === 'number' ? String(source.year) : undefined
  return old && title.includes(old) ? title.split(old).join(String(year)) : `${title} ${year}`
}

/**
 * Is this a year a report may have?
 *
 * @param year - the editor's input
 * @returns true for an integer in {@link YEAR_RANGE}
 */
export function isReportYear(year: number): boolean {
  return Number.isInteger(year) && year >= YEAR_RANGE.min && year <= YEAR_RANGE.max
}

/**
 * The report and section drafts next year's report starts as: the source's outline (same titles,
 * slugs and levels, each slug once) as empty sections, referenced weakly until published.
 *
 * @param source - the report to start from
 * @param year - the chosen year
 * @returns the plan; nothing is written
 */
export function nextYearPlan(source: SourceReport, year: number): NextYearPlan {
  const reportSlug = nextReportSlug(source, year)
  const reportId = `report-${reportSlug}`
  const seen = new Set<string>()
  const sections: NextYearPlan['sections'] = []
  for (const section of source.sections ?? []) {
    const slug = section?.slug?.trim()
    if (!section || !slug || seen.has(slug)) continue
    seen.add(slug)
    sections.push({
      _id: `drafts.section-${reportSlug}-${slug}`,
      _type: 'section',
      title: section.title?.trim() || slug,
      slug: {_type: 'slug', current: slug},
      level: typeof section.level === 'number' ? section.level : 1,
    })
  }
  return {
    reportId,
    report: {
      _id: `drafts.${reportId}`,
      _type: 'report',
      title: nextReportTitle(source, year),
      year,
      slug: {_type: 'slug', current: reportSlug},
      sections: sections.map((section, index) => ({
        _type: 'reference',
        _key: `s${index.toString(16).padStart(11, '0')}`,
        _ref: section._id.replace(/^drafts\./, ''),
        _weak: true,
        _strengthenOnPublish: {type: 'section'},
      })),
    },
    sections,
  }
}

/**
 * Every id (published and draft) the plan would create, for the check that none exists yet.
 *
 * @param plan - the plan
 * @returns published and draft ids of the report and its sections
 */
export function plannedIds(plan: NextYearPlan): string[] {
  return [plan.report, ...plan.sections].flatMap((doc) => [doc._id, doc._id.replace(/^drafts\./, '')])
}
