/**
 * The plan behind the "Next year's report" template, as pure data: from the newest report, the
 * next year's report (year, slug, title) and its outline as empty sections to fill.
 */

/** A section of the previous report, as the template's query returns it. */
export interface PreviousSection {
  title?: string | null
  slug?: string | null
  level?: number | null
}

/** The newest report, as the template's query returns it (null when there is none yet). */
export interface PreviousReport {
  title?: string | null
  year?: number | null
  sections?: Array<PreviousSection | null> | null
}

/** An empty section the template creates as a draft (the editor fills it). */
export interface EmptySection {
  _id: string
  _type: 'section'
  title: string
  slug: {_type: 'slug'; current: string}
  level: number
}

/** A reference to a section that exists only as a draft: Sanity strengthens it on publish. */
export interface PendingSectionReference {
  _type: 'reference'
  _key: string
  _ref: string
  _weak: true
  _strengthenOnPublish: {type: 'section'}
}

/** What the template produces. */
export interface NextYearPlan {
  report: {
    title: string
    year: number
    slug: {_type: 'slug'; current: string}
    sections: PendingSectionReference[]
  }
  sections: EmptySection[]
}

/** The newest report and its outline (the template's only read). */
export const PREVIOUS_REPORT_QUERY = `*[_type == "report" && !(_id in path("drafts.**"))]
  | order(year desc)[0]{title, year, "sections": sections[]->{title, "slug": slug.current, level}}`

/**
 * Next year's report from the newest one: year + 1 (this year when there is none), slug = the
 * year, the title with the old year replaced (else "<year> Annual Report"), and one empty
 * section per section of the previous outline, same title, slug and level, ids
 * `section-<year>-<slug>` as the importer names them.
 *
 * @param previous - the newest report, or null
 * @param thisYear - the year to start from when there is no report yet
 * @returns the report's initial value and the sections to create
 */
export function nextYearPlan(previous: PreviousReport | null, thisYear: number): NextYearPlan {
  const previousYear = typeof previous?.year === 'number' ? previous.year : undefined
  const year = previousYear === undefined ? thisYear : previousYear + 1
  const oldTitle = previous?.title?.trim()
  const title =
    oldTitle && previousYear !== undefined && oldTitle.includes(String(previousYear))
      ? oldTitle.split(String(previousYear)).join(String(year))
      : `${year} Annual Report`
  const seen = new Set<string>()
  const sections: EmptySection[] = []
  for (const section of previous?.sections ?? []) {
    const slug = section?.slug?.trim()
    if (!section || !slug || seen.has(slug)) continue
    seen.add(slug)
    sections.push({
      _id: `section-${year}-${slug}`,
      _type: 'section',
      title: section.title?.trim() || slug,
      slug: {_type: 'slug', current: slug},
      level: typeof section.level === 'number' ? section.level : 1,
    })
  }
  return {
    report: {
      title,
      year,
      slug: {_type: 'slug', current: String(year)},
      sections: sections.map((section, index) => ({
        _type: 'reference',
        _key: `s${index.toString(16).padStart(11, '0')}`,
        _ref: section._id,
        _weak: true,
        _strengthenOnPublish: {type: 'section'},
      })),
    },
    sections,
  }
}
