import {DocumentTextIcon} from '@sanity/icons/DocumentText'
import {DocumentsIcon} from '@sanity/icons/Documents'
import {map, type Observable} from 'rxjs'
import type {DocumentStore, SanityClient} from 'sanity'
import type {ListBuilder, StructureBuilder} from 'sanity/structure'
import {liveQuery} from './liveQuery.ts'
import {OUTLINE_LISTEN_QUERY, REPORT_OUTLINE_QUERY, outlineEntries, outlineSections, outlineTitle} from './outline.ts'
import type {ReportOutline} from './outline.ts'

/**
 * The pane opened from a report, live: the report itself, then its sections in outline order,
 * indented by level. It follows the lake's listener, so a reordering, a section's new title or
 * level, or the report's first title shows as it happens, without navigating away.
 *
 * @param S - the structure builder
 * @param client - a workspace client (the outline's first fetch)
 * @param documentStore - the Studio's document store (its `listenQuery` refetches on changes)
 * @param reportId - the (published) id of the report
 * @returns the report's outline list, re-emitted on every relevant change
 */
export function reportOutlinePane(S: StructureBuilder, client: SanityClient, documentStore: DocumentStore, reportId: string): Observable<ListBuilder> {
  // Raw perspective: drafts are documents too, so the outline shows unpublished edits.
  const outline$ = liveQuery<ReportOutline | null>(client, documentStore, {
    fetch: REPORT_OUTLINE_QUERY,
    listen: OUTLINE_LISTEN_QUERY,
    params: {id: reportId},
    tag: 'report-outline',
  })
  return outline$.pipe(map((outline) => outlineList(S, reportId, outline)))
}

function outlineList(S: StructureBuilder, reportId: string, outline: ReportOutline | null): ListBuilder {
  return S.list()
    .id(`outline-${reportId}`)
    .title(outlineTitle(outline))
    .items([
      S.listItem()
        .id(reportId)
        .title('Report details')
        .icon(DocumentsIcon)
        .schemaType('report')
        .child(editor(S, 'report', reportId)),
      S.divider(),
      ...outlineEntries(outlineSections(outline)).map((section) =>
        S.listItem()
          .id(section.id)
          .title(section.title)
          .icon(DocumentTextIcon)
          .schemaType('section')
          .child(editor(S, 'section', section.id)),
      ),
    ])
}

/**
 * A document's form pane, named by the document's id: an edit intent for the document finds it
 * here (the Studio matches a document pane by its id; the default one is "documentEditor").
 */
function editor(S: StructureBuilder, schemaType: string, documentId: string) {
  return S.defaultDocument({schemaType, documentId}).id(documentId)
}
