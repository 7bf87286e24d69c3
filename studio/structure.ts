import {DocumentTextIcon} from '@sanity/icons/DocumentText'
import {DocumentsIcon} from '@sanity/icons/Documents'
import {ProjectsIcon} from '@sanity/icons/Projects'
import {UserIcon} from '@sanity/icons/User'
import type {SanityClient} from 'sanity'
import type {StructureBuilder, StructureResolver} from 'sanity/structure'
import {SCHEMA_API_VERSION} from '../schemas'
import {outlineEntries} from './outline'
import type {OutlineSection} from './outline'

/**
 * A report's sections in array order. The draft wins over the published report so a
 * reordering shows before it is published.
 */
const REPORT_OUTLINE_QUERY = `*[_type == "report" && _id in [$id, "drafts." + $id]]
  | order(_id asc)[0]{title, "sections": sections[]->{_id, title, level}}`

interface ReportOutline {
  title?: string | null
  sections?: Array<OutlineSection | null> | null
}

/**
 * The pane opened from a report: the report itself, then its sections in outline order,
 * indented by heading level.
 *
 * @param S - the structure builder
 * @param client - a client for the Studio's dataset
 * @param reportId - the (published) id of the report
 * @returns the report's outline list
 */
async function reportOutlinePane(S: StructureBuilder, client: SanityClient, reportId: string) {
  const outline = await client.fetch<ReportOutline | null>(REPORT_OUTLINE_QUERY, {id: reportId})
  const sections = outlineEntries(outline?.sections ?? [])
  return S.list()
    .id(`outline-${reportId}`)
    .title(outline?.title ?? 'Report')
    .items([
      S.listItem()
        .id(reportId)
        .title('Report details')
        .icon(DocumentsIcon)
        .schemaType('report')
        .child(S.document().schemaType('report').documentId(reportId)),
      S.divider(),
      ...sections.map((section) =>
        S.listItem()
          .id(section.id)
          .title(section.title)
          .icon(DocumentTextIcon)
          .schemaType('section')
          .child(S.document().schemaType('section').documentId(section.id)),
      ),
    ])
}

/**
 * Desk structure: Reports (newest first) → a report's outline; Projects; Authors.
 *
 * @param S - the structure builder
 * @param context - the Studio context, for a client
 * @returns the root list
 */
export const structure: StructureResolver = (S, context) => {
  const client = context.getClient({apiVersion: SCHEMA_API_VERSION})
  return S.list()
    .title('Content')
    .items([
      S.listItem()
        .id('reports')
        .title('Reports')
        .icon(DocumentsIcon)
        .child(
          S.documentTypeList('report')
            .title('Reports')
            .defaultOrdering([{field: 'year', direction: 'desc'}])
            .child((reportId) => reportOutlinePane(S, client, reportId)),
        ),
      S.documentTypeListItem('project').title('Projects').icon(ProjectsIcon),
      S.documentTypeListItem('author').title('Authors').icon(UserIcon),
    ])
}
