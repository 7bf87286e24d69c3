import {AddIcon} from '@sanity/icons/Add'
import {DocumentsIcon} from '@sanity/icons/Documents'
import {map, type Observable} from 'rxjs'
import type {DocumentStore, SanityClient} from 'sanity'
import type {ListBuilder, StructureBuilder} from 'sanity/structure'
import {liveQuery} from './liveQuery.ts'
import {byYearDesc} from './nextYear.ts'
import {NextYearPane} from './NextYearPane.tsx'
import {reportOutlinePane} from './outlinePane.ts'

/** The list item (and URL segment) of the "Next year's report" pane. */
export const NEXT_YEAR_ITEM_ID = 'next-year'

/** What the Reports list needs of each report: one cheap query, no per-item previews. */
const REPORTS_QUERY = `*[_type == "report"]{_id, title, year}`

/** A report as the Reports list shows it. */
export interface ReportsListEntry {
  /** The published id (what the Studio opens). */
  id: string
  title: string
  year: number | null
  /** Only a draft exists. */
  draft: boolean
}

/**
 * The Reports list's entries: a draft replaces its published version, newest year first,
 * reports without a year last.
 *
 * @param reports - every report document, drafts included
 * @returns one entry per report
 */
export function reportsListEntries(reports: ReadonlyArray<{_id: string; title?: string | null; year?: number | null}>): ReportsListEntry[] {
  const byId = new Map<string, ReportsListEntry & {hasPublished: boolean}>()
  for (const report of reports) {
    const isDraft = report._id.startsWith('drafts.')
    const id = report._id.replace(/^drafts\./, '')
    const known = byId.get(id)
    const hasPublished = Boolean(known?.hasPublished) || !isDraft
    if (known && !isDraft) {
      known.hasPublished = true
      known.draft = false
      continue
    }
    byId.set(id, {
      id,
      title: report.title?.trim() || 'Untitled report',
      year: typeof report.year === 'number' ? report.year : null,
      draft: !hasPublished,
      hasPublished,
    })
  }
  return [...byId.values()].sort(byYearDesc).map(({hasPublished: _h, ...entry}) => entry)
}

/**
 * Reports: "Next year's report…" first, then every report (newest first) opening its live outline.
 * A live list from one query (no per-item preview subscriptions): it shows as soon as that query
 * answers, and being a list (not a document list) lets the Studio resolve edit intents for a
 * report or one of its sections to the form beside the report's outline.
 *
 * @param S - the structure builder
 * @param client - a workspace client (the list's first fetch)
 * @param documentStore - the Studio's document store
 * @returns the Reports list, re-emitted when a report changes
 */
export function reportsPane(S: StructureBuilder, client: SanityClient, documentStore: DocumentStore): Observable<ListBuilder> {
  const child = (id: string) =>
    id === NEXT_YEAR_ITEM_ID ? S.component(NextYearPane).id('next-year-form').title('Next year’s report') : reportOutlinePane(S, client, documentStore, id)
  const reports$ = liveQuery<Array<{_id: string; title?: string | null; year?: number | null}>>(client, documentStore, {
    fetch: REPORTS_QUERY,
    listen: `*[_type == "report"]`,
    tag: 'reports-list',
  })
  return reports$.pipe(
    map((reports) =>
      S.list()
        .id('reports-list')
        .title('Reports')
        .menuItems([S.menuItem().title('Report').icon(AddIcon).intent({type: 'create', params: {type: 'report'}})])
        // Any id opens that report's outline, also one the list has not caught up with yet (a
        // report just created opens before the listener brings it here).
        .child(child)
        .items([
          S.listItem().id(NEXT_YEAR_ITEM_ID).title('Next year’s report…').icon(AddIcon).child(child),
          S.divider(),
          ...reportsListEntries(reports).map((report) =>
            S.listItem()
              .id(report.id)
              .title(`${report.title}${report.draft ? ' (draft)' : ''}`)
              .icon(DocumentsIcon)
              .schemaType('report')
              .child(child),
          ),
        ]),
    ),
  )
}
