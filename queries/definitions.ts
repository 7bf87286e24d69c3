import {defineQuery} from 'groq'

/**
 * The GROQ queries frontends use. `defineQuery` lets `npm run typegen` type each result and
 * `client.fetch(query)` by the query text.
 */

/** Every report, newest first: for an index page. */
export const reportsQuery = defineQuery(`*[_type == "report"] | order(year desc) {
  _id, title, subtitle, year, "slug": slug.current
}`)

/**
 * A report's outline, exactly as published: the flat section list in order with each
 * section's heading level (nesting is rebuilt from `level`).
 */
export const reportOutlineQuery = defineQuery(`*[_type == "report" && year == $year][0] {
  _id, title, year,
  "outline": sections[]->{_id, title, level, untitled, "slug": slug.current}
}`)

/** A whole report for rendering: front matter, intro and every section with its people and projects. */
export const reportPageQuery = defineQuery(`*[_type == "report" && year == $year][0] {
  _id, title, subtitle, year, "slug": slug.current, seo, heroImage, intro,
  "sections": sections[]->{
    _id, title, level, untitled, link, byline, "slug": slug.current, body,
    "authors": authors[]->{_id, name, role, organisation},
    "projects": projects[]->{_id, name, website, "slug": slug.current}
  }
}`)

/** One project with its links and the sections (across all reports) that cover it. */
export const projectQuery = defineQuery(`*[_type == "project" && slug.current == $slug][0] {
  _id, name, website, description, logo, links,
  "sections": *[_type == "section" && references(^._id)]{
    _id, title, "report": *[_type == "report" && references(^._id)][0]{year, title}
  }
}`)

/** Every author with the sections they wrote, for a contributors page. */
export const authorsQuery = defineQuery(`*[_type == "author"] | order(name asc) {
  _id, name, role, organisation,
  "sections": *[_type == "section" && references(^._id)]{_id, title}
}`)

/** The named queries, for the query command. */
export const namedQueries = {
  reports: reportsQuery,
  outline: reportOutlineQuery,
  report: reportPageQuery,
  project: projectQuery,
  authors: authorsQuery,
} as const

export type QueryName = keyof typeof namedQueries
