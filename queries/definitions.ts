import {defineQuery} from 'groq'
import {projectSummary, reportFields, reportPageFields, sectionFields, sectionListing} from './fragments.ts'

/**
 * The GROQ queries frontends use. `defineQuery` lets `npm run typegen` type each result and
 * `client.fetch(query)` by the query text. Queries read published documents when run through
 * the API with the `published` perspective (the query command's default).
 *
 * A report is identified by its slug; `year` is a field for ordering and filtering, and a year may
 * hold several reports (of several organisations or series). Each query that takes `$year` has a
 * `…BySlug` twin that takes the report's `$slug`; by year, the report with the first slug is chosen.
 */

/** Every report, newest first: for an index page. */
export const reportsQuery = defineQuery(`*[_type == "report"] | order(year desc) {
  _id, title, subtitle, year, "slug": slug.current, "sectionCount": count(sections)
}`)

/**
 * A report's outline, exactly as published: the flat section list in order with each
 * section's depth (`level`; nest it with `nestOutline`).
 */
export const reportOutlineQuery = defineQuery(`*[_type == "report" && year == $year] | order(slug.current asc)[0] {
  _id, title, year, "slug": slug.current,
  "outline": sections[]->{_id, title, level, untitled, "slug": slug.current}
}`)

/** {@link reportOutlineQuery} by the report's slug (`$slug`): one report of several of a year. */
export const reportOutlineBySlugQuery = defineQuery(`*[_type == "report" && slug.current == $slug][0] {
  _id, title, year, "slug": slug.current,
  "outline": sections[]->{_id, title, level, untitled, "slug": slug.current}
}`)

/**
 * A report by year with everything a page shows in one request: front matter, hero, intro and
 * the flat ordered outline of sections (with `level`), bodies expanded (project cards' projects,
 * internal links' targets, images' asset URL, dimensions and LQIP).
 */
export const reportQuery = defineQuery(`*[_type == "report" && year == $year] | order(slug.current asc)[0] {
  ${reportFields}
}`)

/** {@link reportQuery} by the report's slug (`$slug`): one report of several of a year. */
export const reportBySlugQuery = defineQuery(`*[_type == "report" && slug.current == $slug][0] {
  ${reportFields}
}`)

/** A whole report for the example renderer (bodies as stored; the renderer resolves the rest). */
export const reportPageQuery = defineQuery(`*[_type == "report" && year == $year] | order(slug.current asc)[0] {
  ${reportPageFields}
}`)

/** {@link reportPageQuery} by the report's slug (`$slug`). */
export const reportPageBySlugQuery = defineQuery(`*[_type == "report" && slug.current == $slug][0] {
  ${reportPageFields}
}`)

/** One section by its report's year and its slug (a deep link), expanded like `reportQuery`. */
export const sectionQuery = defineQuery(`*[_type == "section" && slug.current == $slug
  && _id in *[_type == "report" && year == $year].sections[]._ref] | order(_id asc)[0] {
  ${sectionFields},
  "report": *[_type == "report" && references(^._id)][0]{_id, title, year, "slug": slug.current}
}`)

/** One section by its report's slug (`$report`) and its own (`$slug`): a deep link when a year has several reports. */
export const sectionInReportQuery = defineQuery(`*[_type == "section" && slug.current == $slug
  && _id in *[_type == "report" && slug.current == $report].sections[]._ref][0] {
  ${sectionFields},
  "report": *[_type == "report" && references(^._id)][0]{_id, title, year, "slug": slug.current}
}`)

/** A project page: the project and every section about it across all reports, newest first. */
export const projectQuery = defineQuery(`*[_type == "project" && slug.current == $slug][0] {
  ${projectSummary}, description, links,
  "sections": *[_type == "section" && references(^._id)]{${sectionListing}} | order(year desc, title asc)
}`)

/** An author page: the person and every section they wrote across all reports, newest first. */
export const authorQuery = defineQuery(`*[_type == "author" && slug.current == $slug][0] {
  _id, name, "slug": slug.current, role, organisation,
  "sections": *[_type == "section" && references(^._id)]{${sectionListing}} | order(year desc, title asc)
}`)

/** Every author with the sections they wrote, for a contributors page. */
export const authorsQuery = defineQuery(`*[_type == "author"] | order(name asc) {
  _id, name, "slug": slug.current, role, organisation,
  "sections": *[_type == "section" && references(^._id)]{${sectionListing}} | order(year desc, title asc)
}`)

/**
 * Full-text search over section titles and bodies, best first (`score()`): a section about a
 * project of that name counts most, then a title match, then the body. At most 20 hits.
 */
export const searchQuery = defineQuery(`*[_type == "section" && (title match $q || pt::text(body) match $q || projects[]->name match $q)]
  | score(boost(projects[]->name match $q, 4), boost(title match $q, 3), pt::text(body) match $q)
  | order(_score desc, _id asc) [0...20] {
  ${sectionListing}, _score
}`)

/** What a static site builds: every report year, section (year + slug), project and author slug. */
export const pathsQuery = defineQuery(`{
  "reports": *[_type == "report" && defined(year)] | order(year desc).year,
  "reportSlugs": *[_type == "report" && defined(slug.current)] | order(year desc, slug.current asc).slug.current,
  "sections": *[_type == "report" && defined(year)] | order(year desc, slug.current asc) {year, "report": slug.current, "slugs": sections[]->slug.current},
  "projects": *[_type == "project" && defined(slug.current)] | order(slug.current asc).slug.current,
  "authors": *[_type == "author" && defined(slug.current)] | order(slug.current asc).slug.current
}`)

/**
 * What `npm run export` writes a report's markdown from: the stored bodies (not expanded), each
 * section's people, every project (for logo blocks), internal-link targets and asset URLs of
 * images that have no `src`.
 */
export const exportReportQuery = defineQuery(`*[_type == "report" && year == $year] | order(slug.current asc)[0] {
  _id, title, subtitle, year, "slug": slug.current, seo, heroImage, intro,
  "authors": authors[]->{name, role, organisation},
  "sections": sections[]->{
    _id, title, level, untitled, link, byline, body,
    "authors": authors[]->{_id, name, role, organisation}
  },
  "projects": *[_type == "project"]{_id, name, website, logo},
  "targets": *[_id in ^.intro[].markDefs[].reference._ref || _id in ^.sections[]->body[].markDefs[].reference._ref]{
    _id, _type, "slug": slug.current, year,
    "reportYear": *[_type == "report" && references(^._id)][0].year
  },
  "assets": *[_type == "sanity.imageAsset" && (
    _id in ^.intro[].asset._ref || _id == ^.heroImage.asset._ref || _id == ^.seo.image.asset._ref
    || _id in ^.sections[]->body[].asset._ref || _id in ^.sections[]->body[].children[].asset._ref
    || _id in *[_type == "project"].logo.asset._ref)]{_id, url}
}`)

/** The named queries, for the query command (name → query and the parameters it needs). */
export const namedQueries = {
  reports: reportsQuery,
  outline: reportOutlineQuery,
  outlineBySlug: reportOutlineBySlugQuery,
  report: reportQuery,
  reportBySlug: reportBySlugQuery,
  page: reportPageQuery,
  pageBySlug: reportPageBySlugQuery,
  section: sectionQuery,
  sectionInReport: sectionInReportQuery,
  project: projectQuery,
  author: authorQuery,
  authors: authorsQuery,
  search: searchQuery,
  paths: pathsQuery,
} as const

export type QueryName = keyof typeof namedQueries
