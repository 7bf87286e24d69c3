import {DocumentTextIcon} from '@sanity/icons/DocumentText'
import {FolderIcon} from '@sanity/icons/Folder'
import {map, type Observable} from 'rxjs'
import type {DocumentStore} from 'sanity'
import type {ListBuilder, StructureBuilder} from 'sanity/structure'
import {SCHEMA_API_VERSION} from '../schemas/index.ts'

/** Every report's year and section ids (drafts first, so an unpublished reordering counts). */
const REPORT_SECTIONS_QUERY = `*[_type == "report"]{_id, year, title, "ids": sections[]._ref}`

interface ReportSections {
  _id: string
  year?: number | null
  title?: string | null
  ids?: string[] | null
}

/** One group of the Sections list. */
export interface SectionGroup {
  id: string
  title: string
  /** Published ids of the group's sections. */
  ids: string[]
}

/**
 * Groups sections by the year of the report that lists them, newest first. A draft report
 * counts instead of its published version; a year with several reports (a conflict the year
 * rule reports) lists the union.
 *
 * @param reports - every report document, drafts included
 * @returns one group per year with at least one section
 */
export function sectionGroups(reports: readonly ReportSections[]): SectionGroup[] {
  const drafts = new Set(reports.filter((report) => report._id.startsWith('drafts.')).map((report) => report._id.slice(7)))
  const byYear = new Map<string, Set<string>>()
  for (const report of reports) {
    if (!report._id.startsWith('drafts.') && drafts.has(report._id)) continue
    const key = typeof report.year === 'number' ? String(report.year) : 'No year'
    const ids = byYear.get(key) ?? new Set<string>()
    for (const id of report.ids ?? []) ids.add(id)
    byYear.set(key, ids)
  }
  return [...byYear.entries()]
    .filter(([, ids]) => ids.size > 0)
    .sort(([a], [b]) => b.localeCompare(a))
    .map(([year, ids]) => ({id: `sections-${year.replace(/\W+/g, '-').toLowerCase()}`, title: year, ids: [...ids]}))
}

/**
 * The Sections list: one folder per report year (a live list: a new report or a moved section
 * regroups at once), then the sections no report lists.
 *
 * @param S - the structure builder
 * @param documentStore - the Studio's document store
 * @returns the list of groups, re-emitted when a report changes
 */
export function sectionsByYearPane(S: StructureBuilder, documentStore: DocumentStore): Observable<ListBuilder> {
  const reports$: Observable<ReportSections[]> = documentStore.listenQuery(
    {fetch: REPORT_SECTIONS_QUERY, listen: `*[_type == "report"]`},
    {},
    {tag: 'sections-by-year', perspective: 'raw', throttleTime: 250},
  )
  return reports$.pipe(
    map((reports) => {
      const groups = sectionGroups(reports)
      const listed = groups.flatMap((group) => group.ids)
      return S.list()
        .id('sections-by-year')
        .title('Sections')
        .items([
          ...groups.map((group) =>
            S.listItem()
              .id(group.id)
              .title(group.title)
              .icon(FolderIcon)
              .child(sectionList(S, group.title, group.ids, '_id in $ids || _id in $drafts')),
          ),
          S.divider(),
          S.listItem()
            .id('sections-unlisted')
            .title('Not in any report')
            .icon(DocumentTextIcon)
            .child(
              sectionList(S, 'Not in any report', listed, '!(_id in $ids) && !(_id in $drafts)')
                // An edit intent for a section no report lists opens it here (a listed one opens beside its report's outline).
                .canHandleIntent((intent, params) => intent === 'edit' && params.type === 'section' && typeof params.id === 'string' && !listed.includes(params.id)),
            ),
        ])
    }),
  )
}

function sectionList(S: StructureBuilder, title: string, ids: string[], match: string) {
  return S.documentList()
    .title(title)
    .schemaType('section')
    .filter(`_type == "section" && (${match})`)
    .apiVersion(SCHEMA_API_VERSION)
    .params({ids, drafts: ids.map((id) => `drafts.${id}`)})
    .defaultOrdering([{field: 'title', direction: 'asc'}])
    .initialValueTemplates([S.initialValueTemplateItem('section')])
}
