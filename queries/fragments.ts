/**
 * GROQ projections the frontend queries share. Plain string constants so TypeGen can inline them
 * into each `defineQuery` template (it resolves constants, not function calls).
 */

/** An image value with its uploaded asset expanded: URL, dimensions and LQIP (null when only `src` exists). */
export const imageFields = `..., "asset": asset->{_id, url, "dimensions": metadata.dimensions{width, height, aspectRatio}, "lqip": metadata.lqip}`

/** Where an internal link points: the target's type, slug, and for a section its report's year. */
export const internalTarget = `"target": reference->{
  _type, _id, "slug": slug.current,
  "year": select(_type == "report" => year, _type == "section" => *[_type == "report" && references(^._id)][0].year)
}`

/** A text block with internal links and inline images expanded. */
export const blockFields = `...,
  markDefs[]{..., _type == "internalLink" => {${internalTarget}}},
  children[]{..., _type == "inlineImage" => {${imageFields}}}`

/** A project as a card shows it: name, slug, website and logo URL. */
export const projectSummary = `_id, name, "slug": slug.current, website, "logo": logo{alt, src, "url": asset->url}`

/**
 * Every member of a `blockContent` array with what a page needs resolved in the same request:
 * project cards' projects, internal links' targets, images' assets, and the same inside tables
 * and footnotes.
 */
export const bodyFields = `...,
  _type == "block" => {${blockFields}},
  _type == "figure" => {${imageFields}},
  _type == "projectCard" => {"project": project->{${projectSummary}}},
  _type == "footnote" => {content[]{${blockFields}}},
  _type == "table" => {rows[]{..., cells[]{..., content[]{${blockFields}}}}}`

/** A section with its people, projects and expanded body. */
export const sectionFields = `_id, title, "slug": slug.current, level, untitled, link, byline,
  "authors": authors[]->{_id, name, "slug": slug.current, role, organisation},
  "projects": projects[]->{${projectSummary}},
  body[]{${bodyFields}}`

/** A section as a listing shows it, with its report's year (for pages across reports). */
export const sectionListing = `_id, title, "slug": slug.current, untitled,
  "year": *[_type == "report" && references(^._id)][0].year,
  "report": *[_type == "report" && references(^._id)][0]{_id, title, year, "slug": slug.current}`

/** Everything a page shows of a report in one request (see `reportQuery`). */
export const reportFields = `_id, title, subtitle, year, "slug": slug.current,
  "authors": authors[]->{_id, name, "slug": slug.current, role, organisation},
  seo{..., image{${imageFields}}},
  heroImage{${imageFields}},
  intro[]{${bodyFields}},
  "sections": sections[]->{${sectionFields}}`

/** A whole report for the example renderer (bodies as stored; see `reportPageQuery`). */
export const reportPageFields = `_id, title, subtitle, year, "slug": slug.current, seo, heroImage, intro,
  "sections": sections[]->{
    _id, title, level, untitled, link, byline, "slug": slug.current, body,
    "authors": authors[]->{_id, name, role, organisation, "slug": slug.current},
    "projects": projects[]->{_id, name, website, "slug": slug.current}
  }`
