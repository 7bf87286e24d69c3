import type {Heading, Paragraph, PhrasingContent, Root, RootContent} from 'mdast'
import {stringify} from 'yaml'
import {openInfraProfile} from '../importer/profile/openinfra.ts'
import type {ReportProfile} from '../importer/profile/types.ts'
import {toFlow, projectLogoHtml, type StoredMember} from './blocks.ts'
import type {ExportContext, ExportReport, ExportSection, ExportWarning} from './context.ts'
import {imageUrl} from './context.ts'

/** How an export names what the documents only reference. */
export interface ExportOptions {
  /**
   * An image asset's URL by asset id, for images stored without `src`; default the URL stored
   * with the asset. The CLI builds it from the id and the target (`npm run export`), so it does
   * not depend on where a lake once ran.
   */
  assetUrl?: (id: string) => string | undefined
  /** The report family's conventions: the site front matter written back (default: OpenInfra's). */
  profile?: Pick<ReportProfile, 'siteFrontMatter'>
}

/**
 * A report's documents → one mdast tree in the conventions the importer reads: YAML front matter,
 * the hero image, the intro, then each section — its heading at its outline depth (`level` 1 →
 * `#`; a heading that was a link stays one), its bylines as one emphasised `Name, Role,
 * Organisation` line each, its body. Pieces without a title get no heading: a project's section
 * opens with its logo block, an untitled piece with its byline (after a `<br />` spacer).
 * @param report - the `exportReportQuery` result
 * @param options - asset URLs and the profile's site front matter
 * @returns the tree and what could not be carried exactly
 */
export function reportToMdast(report: ExportReport, options: ExportOptions = {}): {root: Root; warnings: ExportWarning[]} {
  const warnings: ExportWarning[] = []
  const projects = new Map(report.projects.map((project) => [project._id, project]))
  const stored = new Map(report.assets.map((asset) => [asset._id, asset.url ?? undefined]))
  const assetUrl = options.assetUrl ?? ((id: string) => stored.get(id))
  const targets = new Map(report.targets.map((target) => [target._id, target]))
  const context = (documentId: string): ExportContext => ({
    documentId,
    project: (id) => projects.get(id),
    assetUrl,
    targetUrl: (id) => {
      const target = targets.get(id)
      if (!target) return undefined
      if (target._type === 'report') return `../${target.year}/`
      if (target._type === 'section') return `../${target.reportYear}/#${target.slug}`
      return target.slug ? `/${target._type}s/${target.slug}` : undefined
    },
    warn: (at, message) => warnings.push({at, message}),
  })

  const reportContext = context(report._id)
  const site = (options.profile ?? openInfraProfile).siteFrontMatter ?? {}
  const children: RootContent[] = [{type: 'yaml', value: frontMatter(report, reportContext, site).trimEnd()}]
  if (report.heroImage) children.push(...toFlow([{...report.heroImage, _key: 'heroImage', _type: 'figure'} as StoredMember], reportContext))
  children.push(...toFlow(report.intro as StoredMember[] | null, reportContext))
  for (const section of report.sections ?? []) children.push(...sectionNodes(section, context(section._id)))
  return {root: {type: 'root', children}, warnings}
}

/** The seo fields the front matter carries as text (the image is a URL). */
const SEO_TEXT = new Set(['title', 'description', 'url', 'twitterUsername'])

/** The front matter the importer reads: the site's own keys first (as the family's files have them), then the report's fields. */
function frontMatter(report: ExportReport, reportContext: ExportContext, site: Readonly<Record<string, string>>): string {
  const fields: Record<string, unknown> = {...site, title: report.title}
  if (report.subtitle) fields.subTitle = report.subtitle
  fields.year = report.year
  // A report named otherwise than by its year keeps its identity; its authors come back as author documents.
  if (report.slug && report.slug !== String(report.year)) fields.slug = report.slug
  const authors = (report.authors ?? []).flatMap((author) => (author?.name ? [[author.name, author.role, author.organisation].filter(Boolean).join(', ')] : []))
  if (authors.length > 0) fields.authors = authors
  const seo = report.seo
  if (seo) {
    const out: Record<string, string> = {}
    // In the stored order, which is the order the front matter had.
    for (const key of Object.keys(seo)) {
      if (key === 'image') {
        const image = seo.image ? imageUrl(seo.image, reportContext, `${report._id} seo.image`) : undefined
        if (image) out.image = image
      } else if (SEO_TEXT.has(key) && typeof seo[key as keyof typeof seo] === 'string') {
        out[key] = seo[key as keyof typeof seo] as string
      }
    }
    if (Object.keys(out).length > 0) fields.seo = out
  }
  return stringify(fields, {lineWidth: 0})
}

/**
 * The heading depth of outline depth 1 (a report's first pieces). `#`: then a heading's depth is
 * its outline depth, which the importer reads back to the same level whether it stores heading
 * depths or outline depths.
 */
export const FIRST_HEADING_DEPTH = 1

function sectionNodes(section: ExportSection, context: ExportContext): RootContent[] {
  const depth = Math.min(6, Math.max(1, (Math.trunc(section.level) || 1) - 1 + FIRST_HEADING_DEPTH)) as Heading['depth']
  const body = (section.body ?? []) as StoredMember[]
  const bylines = bylineLines(section).map(bylineParagraph)
  const first = body[0]
  const firstProject = first?._type === 'projectCard' && first.project?._ref ? context.project(first.project._ref) : undefined
  // A project's own section: its logo block opens it and gives it its title.
  if (firstProject && firstProject.name === section.title && !section.link) {
    return [{type: 'html', value: projectLogoHtml(firstProject, context, `${section._id} ${first?._key ?? ''}`)}, ...bylines, ...toFlow(body.slice(1), context)]
  }
  if (section.untitled && bylines.length > 0) {
    // An untitled piece is opened by its byline standing alone between spacers.
    return [{type: 'html', value: '<br />'}, ...bylines, ...toFlow(body, context)]
  }
  const title: PhrasingContent[] = section.untitled ? [] : [{type: 'text', value: section.title}]
  const heading: Heading = {type: 'heading', depth, children: section.link && title.length > 0 ? [{type: 'link', url: section.link, title: null, children: title as never}] : title}
  return [heading, ...bylines, ...toFlow(body, context)]
}

/** The bylines as published (`byline`, one per line), else composed from the author references. */
function bylineLines(section: ExportSection): string[] {
  const stored = section.byline?.split('\n').map((line) => line.trim()).filter(Boolean) ?? []
  if (stored.length > 0) return stored
  return (section.authors ?? []).map((author) => [author.name, author.role, author.organisation].filter(Boolean).join(', '))
}

function bylineParagraph(line: string): Paragraph {
  return {type: 'paragraph', children: [{type: 'emphasis', children: [{type: 'strong', children: [{type: 'text', value: line}]}]}]}
}
