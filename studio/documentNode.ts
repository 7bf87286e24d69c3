import {EyeOpenIcon} from '@sanity/icons/EyeOpen'
import {EditIcon} from '@sanity/icons/Edit'
import type {DefaultDocumentNodeResolver} from 'sanity/structure'
import {PagePreview} from './PagePreview.tsx'

/** Types whose documents get a rendered page preview next to the form. */
const PREVIEWED = new Set(['report', 'section'])

/**
 * Reports and sections open with two views: the form, and "Preview" (the page as the site
 * renders it; "Split pane right" shows it beside the form).
 *
 * @param S - the structure builder
 * @param context - which document type is opened
 * @returns the document node
 */
export const defaultDocumentNode: DefaultDocumentNodeResolver = (S, {schemaType}) =>
  PREVIEWED.has(schemaType)
    ? S.document().views([
        S.view.form().icon(EditIcon),
        S.view.component(PagePreview).id('preview').title('Preview').icon(EyeOpenIcon),
      ])
    : S.document()
