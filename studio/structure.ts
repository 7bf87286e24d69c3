import {DocumentTextIcon} from '@sanity/icons/DocumentText'
import {DocumentsIcon} from '@sanity/icons/Documents'
import {ProjectsIcon} from '@sanity/icons/Projects'
import {UserIcon} from '@sanity/icons/User'
import type {StructureResolver} from 'sanity/structure'
import {SCHEMA_API_VERSION} from '../schemas/index.ts'
import {reportsPane} from './reportsPane.ts'
import {sectionsByYearPane} from './sectionsPane.ts'

/**
 * Desk structure: Reports ("Next year's report…", then each report, newest first → its live
 * outline → the report's or a section's form); Sections grouped by report year; Projects and
 * Authors by name. An edit intent (a link from a website, the Presentation tool) opens a report
 * or section beside its report's outline, a project or author beside its list.
 *
 * @param S - the structure builder
 * @param context - the Studio context (its document store listens to the lake)
 * @returns the root list
 */
export const structure: StructureResolver = (S, context) => {
  const {documentStore} = context
  const client = context.getClient({apiVersion: SCHEMA_API_VERSION})
  return S.list()
    .title('Content')
    .items([
      S.listItem()
        .id('reports')
        .title('Reports')
        .icon(DocumentsIcon)
        .schemaType('report')
        .child(() => reportsPane(S, client, documentStore)),
      S.listItem()
        .id('sections')
        .title('Sections')
        .icon(DocumentTextIcon)
        .child(() => sectionsByYearPane(S, documentStore)),
      S.listItem()
        .id('projects')
        .title('Projects')
        .icon(ProjectsIcon)
        .schemaType('project')
        .child(S.documentTypeList('project').title('Projects').defaultOrdering([{field: 'name', direction: 'asc'}])),
      S.listItem()
        .id('authors')
        .title('Authors')
        .icon(UserIcon)
        .schemaType('author')
        .child(S.documentTypeList('author').title('Authors').defaultOrdering([{field: 'name', direction: 'asc'}])),
    ])
}
