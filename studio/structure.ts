import {DocumentTextIcon} from '@sanity/icons/DocumentText'
import {DocumentsIcon} from '@sanity/icons/Documents'
import {ProjectsIcon} from '@sanity/icons/Projects'
import {UserIcon} from '@sanity/icons/User'
import type {ChildResolverOptions, StructureBuilder, StructureResolver} from 'sanity/structure'
import type {DocumentStore} from 'sanity'
import {reportOutlinePane} from './outlinePane'
import {sectionsByYearPane} from './sectionsPane'
import {NEXT_YEAR_TEMPLATE_ID} from './templates'

/**
 * A report opened from the Reports list: its live outline; but a report being created
 * ("+" on Reports, or the "Next year's report" template: the pane carries the template) opens
 * straight into its form.
 *
 * @param S - the structure builder
 * @param documentStore - the Studio's document store
 * @returns the child resolver of the Reports list
 */
function reportChild(S: StructureBuilder, documentStore: DocumentStore) {
  return (reportId: string, options: ChildResolverOptions) => {
    const template = options.params?.template
    if (template) return S.defaultDocument({schemaType: 'report', documentId: reportId}).initialValueTemplate(template)
    return reportOutlinePane(S, documentStore, reportId)
  }
}

/**
 * Desk structure: Reports (newest first) → a report's live outline; Sections grouped by report
 * year; Projects and Authors by name.
 *
 * @param S - the structure builder
 * @param context - the Studio context (its document store listens to the lake)
 * @returns the root list
 */
export const structure: StructureResolver = (S, context) => {
  const {documentStore} = context
  return S.list()
    .title('Content')
    .items([
      S.listItem()
        .id('reports')
        .title('Reports')
        .icon(DocumentsIcon)
        .schemaType('report')
        .child(
          S.documentTypeList('report')
            .title('Reports')
            .defaultOrdering([{field: 'year', direction: 'desc'}])
            .initialValueTemplates([S.initialValueTemplateItem('report'), S.initialValueTemplateItem(NEXT_YEAR_TEMPLATE_ID)])
            .child(reportChild(S, documentStore)),
        ),
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
