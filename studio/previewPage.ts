/**
 * Builds what the site renderer (render/page.ts) takes from the document being edited: the form's
 * current value (draft or published) plus the referenced authors, projects and sections.
 */
import type {PageSection, RenderProject, ReportPage} from '../render/types.ts'

/** A section document as the form holds it (only the fields the page shows). */
export interface SectionValue {
  _id: string
  title?: string
  level?: number
  untitled?: boolean
  link?: string
  byline?: string
  slug?: {current?: string}
  body?: unknown[]
  authors?: Array<{_ref?: string}>
  projects?: Array<{_ref?: string}>
}

/** A report document as the form holds it. */
export interface ReportValue {
  _id: string
  title?: string
  subtitle?: string
  year?: number
  slug?: {current?: string}
  seo?: ReportPage['seo']
  heroImage?: ReportPage['heroImage']
  intro?: ReportPage['intro']
  sections?: Array<{_ref?: string}>
}

/** An author as the preview query returns it. */
export interface PreviewAuthor {
  _id: string
  name: string
  role: string | null
  organisation: string | null
  slug: string
}

/** What the preview fetches for a section: its people and projects, and the report listing it. */
export const SECTION_PREVIEW_QUERY = `{
  "authors": *[_id in $authors]{_id, name, role, organisation, "slug": slug.current},
  "projects": *[_id in $projects]{_id, name, website, "slug": slug.current, logo},
  "report": *[_type == "report" && $id in sections[]._ref][0]{_id, title, year}
}`

/** What the preview fetches for a report: its sections (drafts and published) with their people and projects. */
export const REPORT_PREVIEW_QUERY = `*[_type == "section" && (_id in $ids || _id in $drafts)]{
  _id, title, level, untitled, link, byline, "slug": slug.current, body,
  "authors": authors[]->{_id, name, role, organisation, "slug": slug.current},
  "projects": projects[]->{_id, name, website, "slug": slug.current, logo}
}`

const refs = (list: Array<{_ref?: string}> | undefined): string[] =>
  (list ?? []).map((item) => item._ref).filter((ref): ref is string => typeof ref === 'string')

/**
 * @param value - the section as edited
 * @returns the ids the section preview query needs (`$id`, `$authors`, `$projects`)
 */
export function sectionPreviewParams(value: SectionValue): {id: string; authors: string[]; projects: string[]} {
  return {id: value._id.replace(/^drafts\./, ''), authors: refs(value.authors), projects: refs(value.projects)}
}

/**
 * @param value - the report as edited
 * @returns the ids the report preview query needs (published ids and their drafts)
 */
export function reportPreviewParams(value: ReportValue): {ids: string[]; drafts: string[]} {
  const ids = refs(value.sections)
  return {ids, drafts: ids.map((id) => `drafts.${id}`)}
}

/**
 * One section, as the site would show it, inside its report's page frame.
 *
 * @param value - the section as edited
 * @param fetched - the section preview query's result
 * @returns the page to render and the projects for cards (with logos)
 */
export function sectionPage(
  value: SectionValue,
  fetched: {authors?: PreviewAuthor[]; projects?: RenderProject[]; report?: {_id: string; title?: string; year?: number} | null},
): {page: ReportPage; projects: RenderProject[]} {
  const byId = <T extends {_id: string}>(items: T[] | undefined, ids: string[]): T[] =>
    ids.map((id) => items?.find((item) => item._id === id)).filter((item): item is T => Boolean(item))
  const params = sectionPreviewParams(value)
  const projects = byId(fetched.projects, params.projects)
  const section = toPageSection(value, byId(fetched.authors, params.authors), projects)
  const report = fetched.report
  return {
    page: {
      _id: report?._id ?? 'preview',
      title: report?.title ?? 'Preview',
      subtitle: null,
      year: report?.year ?? 0,
      slug: '',
      seo: null,
      heroImage: null,
      intro: null,
      sections: [section],
    },
    projects,
  }
}

/**
 * A whole report, as the site would show it: sections in the order the form has them, each the
 * draft when there is one.
 *
 * @param value - the report as edited
 * @param fetched - the report preview query's result
 * @returns the page to render and the projects for cards (with logos)
 */
export function reportPage(value: ReportValue, fetched: Array<PageSection & {projects: RenderProject[] | null}>): {page: ReportPage; projects: RenderProject[]} {
  const sections = refs(value.sections)
    .map((id) => fetched.find((section) => section._id === `drafts.${id}`) ?? fetched.find((section) => section._id === id))
    .filter((section): section is PageSection & {projects: RenderProject[] | null} => Boolean(section))
    .map((section) => ({...section, _id: section._id.replace(/^drafts\./, ''), slug: section.slug || section._id}))
  return {
    page: {
      _id: value._id.replace(/^drafts\./, ''),
      title: value.title ?? 'Untitled report',
      subtitle: value.subtitle ?? null,
      year: value.year ?? 0,
      slug: value.slug?.current ?? '',
      seo: value.seo ?? null,
      heroImage: value.heroImage ?? null,
      intro: value.intro ?? null,
      sections,
    },
    projects: sections.flatMap((section) => section.projects ?? []),
  }
}

function toPageSection(value: SectionValue, authors: PreviewAuthor[], projects: RenderProject[]): PageSection {
  return {
    _id: value._id.replace(/^drafts\./, ''),
    title: value.title ?? 'Untitled section',
    level: (value.level ?? 1) as PageSection['level'], // the renderer clamps whatever the form holds
    untitled: value.untitled ?? null,
    link: value.link ?? null,
    byline: value.byline ?? null,
    slug: value.slug?.current || 'section',
    body: (value.body ?? null) as PageSection['body'],
    authors,
    projects: projects.map((project) => ({_id: project._id, name: project.name, website: project.website ?? null, slug: project.slug ?? ''})),
  }
}
