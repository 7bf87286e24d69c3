import type {ImageWithAlt} from '../schemas/sanity.types.ts'
import type {RenderOptions, RenderProject} from './types.ts'

/**
 * What a page needs beyond `reportPageQuery`: every project with its logo (for project cards)
 * and every report's sections (to resolve internal links across reports).
 */
export const siteDataQuery = `{
  "projects": *[_type == "project"]{_id, name, website, "slug": slug.current, logo},
  "reports": *[_type == "report"]{_id, year, "sections": sections[]->{_id, "slug": slug.current}}
}`

/** The result of {@link siteDataQuery}. */
export interface SiteData {
  projects: Array<{_id: string; name: string; website: string | null; slug: string | null; logo: ImageWithAlt | null}>
  reports: Array<{_id: string; year: number; sections: Array<{_id: string; slug: string | null}> | null}>
}

/**
 * Render options for one page of a site laid out as `<out>/<year>/index.html`: project cards
 * get logos, and internal links to other reports and their sections become relative URLs.
 * Links to projects go to the project's website; authors have no page, so links to them stay text.
 * @param data - the result of {@link siteDataQuery}
 * @returns `projects` and `resolveReference` for `renderReportHtml`
 */
export function siteRenderOptions(data: SiteData): Pick<RenderOptions, 'projects' | 'resolveReference'> {
  const targets = new Map<string, string>()
  for (const report of data.reports) {
    const page = `../${report.year}/index.html`
    targets.set(report._id, page)
    for (const section of report.sections ?? []) if (section.slug) targets.set(section._id, `${page}#${section.slug}`)
  }
  for (const project of data.projects) if (project.website) targets.set(project._id, project.website)
  const projects: RenderProject[] = data.projects
  return {projects, resolveReference: (id) => targets.get(id)}
}
