import path from 'node:path'
import type {Definition, Heading, Link, LinkReference, RootContent} from 'mdast'
import {createImageResolver} from '../assets/resolve-image.ts'
import {Diagnostics} from '../diagnostics.ts'
import type {Positioned} from '../diagnostics.ts'
import {readFrontMatter} from '../parse/front-matter.ts'
import type {FrontMatter} from '../parse/front-matter.ts'
import {limitIndentation} from '../parse/limit-indentation.ts'
import {parseMarkdown} from '../parse/markdown.ts'
import {rawHtmlFences} from '../parse/raw-html-fences.ts'
import {applyTemplates} from '../parse/templates.ts'
import type {ReportProfile} from '../profile/types.ts'
import {checkUrl, createProvisionalKeys, stableKeys, toPortableText} from './converter.ts'
import {references} from './dataset.ts'
import type {ConvertContext, PortableTextMember} from './converter.ts'
import {namesWholeWords, reportId, reportSlugOf, sectionId, SlugRegistry, slugField, toSlug} from './ids.ts'
import {absoluteLinks, lintLinks} from './link-lint.ts'
import {buildOutline} from './outline.ts'
import {headingLinks, titleOf} from './titles.ts'
import type {Piece} from './outline.ts'
import {findProjects} from './projects.ts'
import type {FoundProject} from './projects.ts'
import type {SharedRegistry} from './registry.ts'
import type {Figure, ImageWithAlt, ProjectLink, ReportDocument, ResolvedImage, SectionDocument, Seo} from './types.ts'

/** What converting one report needs. */
export interface ReportContext {
  /** The file as given (relative): names it in messages and in `importInfo.source`. */
  file: string
  profile: ReportProfile
  /** Site root for image files; without it images keep their URLs only. */
  assetsDir?: string | undefined
  /** Authors and projects shared with the other reports of this import. */
  registry: SharedRegistry
  /** Rewrite relative links that look like domains or e-mail addresses (`--fix-links`). */
  fixLinks?: boolean | undefined
}

/** One report's own documents (shared ones are in the registry). */
export interface ConvertedReport {
  report: ReportDocument
  sections: SectionDocument[]
  diagnostics: Diagnostics
}

type ResolveImage = (src: string, at: Positioned | undefined) => ResolvedImage

/**
 * Converts one report's markdown into its report and section documents, registering its
 * authors and projects in the shared registry.
 * @param original - the decoded markdown (indentation is capped before parsing)
 * @param context - file name, profile, assets folder and registry
 * @returns the documents (without `importInfo`) and the file's warnings
 * @throws ImportError for front matter that cannot make a report
 */
export function convertReport(original: string, context: ReportContext): ConvertedReport {
  const diagnostics = new Diagnostics(context.file)
  // Template syntax: `{{ '/path' | url }}` resolved (and the file parsed again), shortcodes converted or warned.
  const {source, root} = applyTemplates(limitIndentation(original, diagnostics), (text) => parseMarkdown(text, context.file), diagnostics)
  rawHtmlFences(root)
  lintLinks(root, diagnostics, context.fixLinks ?? false, source)
  if (context.profile.baseUrl) absoluteLinks(root, context.profile.baseUrl, diagnostics)
  const fields = readFrontMatter(root, diagnostics, context.profile)
  const reportSlug = reportSlugOf({slug: fields.slug, title: fields.title, year: fields.year, file: context.file}, context.profile.reportSlug)
  const resolveImage: ResolveImage = createImageResolver({
    assetsDir: context.assetsDir,
    baseDir: path.dirname(path.resolve(context.file)),
    diagnostics,
  })
  // The leading `# Title` is the report's title, not a section.
  const body = root.children.filter((node) => node.type !== 'yaml' && node.type !== 'toml' && node !== fields.titleHeading)
  const outline = buildOutline(body, context.profile)
  const shared = {
    definitions: root.children.filter((node): node is Definition => node.type === 'definition'),
    source,
  }
  const builder = new ReportBuilder({year: fields.year, slug: reportSlug}, context, diagnostics, resolveImage, shared)

  const sections = outline.pieces.map((piece) => builder.section(piece))
  const frontMatter = root.children.find((node) => node.type === 'yaml' || node.type === 'toml')
  const report = builder.report(fields, outline.intro, sections, frontMatter)
  return {report, sections, diagnostics}
}

/** Builds the documents of one report; holds what its sections share. */
class ReportBuilder {
  private readonly slugs = new SlugRegistry()
  /** Logo HTML node → project id, for the converter's hook. */
  private readonly projectCards = new Map<RootContent, string>()

  private readonly year: number
  private readonly reportSlug: string

  private readonly context: ReportContext
  private readonly diagnostics: Diagnostics
  private readonly resolveImage: ResolveImage
  private readonly shared: Pick<ConvertContext, 'definitions' | 'source'>

  constructor(
    identity: {year: number; slug: string},
    context: ReportContext,
    diagnostics: Diagnostics,
    resolveImage: ResolveImage,
    /** Reference definitions of the whole file (a section may use one defined elsewhere) and the source text. */
    shared: Pick<ConvertContext, 'definitions' | 'source'>,
  ) {
    this.context = context
    this.diagnostics = diagnostics
    this.resolveImage = resolveImage
    this.shared = shared
    this.year = identity.year
    this.reportSlug = identity.slug
  }

  section(piece: Piece): SectionDocument {
    const {title, untitled} = titleOf(piece, this.shared.definitions ?? [], this.diagnostics)
    const slug = this.slugs.claim(toSlug(title))
    const id = sectionId(this.reportSlug, slug)
    const section: SectionDocument = {_id: id, _type: 'section', title, slug: slugField(slug), level: piece.level}
    if (untitled) section.untitled = true
    const link = piece.heading ? this.headingLink(piece.heading) : undefined
    if (link) section.link = link

    for (const byline of piece.bylines) {
      for (const empty of byline.emptyLinks) {
        this.diagnostics.warn('empty-link', `empty link to "${empty.url}" before the byline dropped`, empty)
      }
    }
    // The printed byline; the dataset keeps it only where the author documents cannot reproduce it.
    if (piece.bylines.length > 0) section.byline = piece.bylines.map((byline) => byline.text).join('\n')
    const authorIds = unique(piece.bylines.map((byline) => this.context.registry.author(byline.person, this.context.file, this.year)))
    const projectIds = unique([
      ...findProjects(piece.nodes, this.context.profile).map((found) => this.registerProject(found)),
      // Projects the profile names, where a heading's title names them (whole words, case as written).
      ...(piece.heading ? this.context.profile.projectNames.filter((name) => namesWholeWords(title, name)).map((name) => this.context.registry.project({name}, this.context.file, this.year)) : []),
    ])

    const body = this.convert(piece.nodes)
    if (body.length > 0) section.body = body
    if (authorIds.length > 0) section.authors = references(authorIds)
    if (projectIds.length > 0) section.projects = references(projectIds)
    if (piece.heading) section.importInfo = {_type: 'importInfo', source: this.context.file, headingDepth: piece.heading.depth, contentHash: ''}
    return section
  }

  report(fields: FrontMatter, intro: RootContent[], sections: SectionDocument[], frontMatter: RootContent | undefined): ReportDocument {
    const id = reportId(this.reportSlug)
    const report: ReportDocument = {_id: id, _type: 'report', title: fields.title, year: fields.year, slug: slugField(this.reportSlug), sections: []}
    if (fields.subtitle) report.subtitle = fields.subtitle
    const authorIds = unique(fields.authors.map((person) => this.context.registry.author(person, this.context.file, this.year)))
    if (authorIds.length > 0) report.authors = references(authorIds)
    const seo = this.seo(fields, frontMatter)
    if (seo) report.seo = seo
    const first = intro[0]
    const hero = first ? this.heroImage(first) : undefined
    if (hero) report.heroImage = hero
    for (const found of findProjects(intro, this.context.profile)) this.registerProject(found)
    const introBlocks = this.convert(hero ? intro.slice(1) : intro)
    if (introBlocks.length > 0) report.intro = introBlocks
    report.sections = references(sections.map((section) => section._id))
    return report
  }

  /** Converts a body; placeholder keys during conversion, then keys derived from content. */
  private convert(nodes: RootContent[]): PortableTextMember[] {
    if (nodes.length === 0) return []
    const keys = createProvisionalKeys()
    return stableKeys(toPortableText(nodes, {
      ...this.shared,
      diagnostics: this.diagnostics,
      keys,
      resolveImage: this.resolveImage,
      blockHook: (node) => {
        const project = this.projectCards.get(node)
        if (!project) return undefined
        return [{_type: 'projectCard', _key: keys(), project: {_type: 'reference', _ref: project}}]
      },
    }))
  }

  private headingLink(heading: Heading): string | undefined {
    const [first, ...others] = headingLinks(heading, this.shared.definitions ?? [], this.diagnostics)
    for (const other of others) {
      this.diagnostics.warn('heading-link', `heading has more than one link; only the first is kept as the section link, "${other.url}" is dropped`, other.node)
    }
    return first ? this.checkedUrl(first.url, 'link', first.node) : undefined
  }

  private registerProject(found: FoundProject): string {
    const {logo} = found
    const facts: Parameters<SharedRegistry['project']>[0] = {name: logo.name}
    if (logo.website && /^https?:/i.test(logo.website)) facts.website = this.checkedUrl(logo.website, 'link', logo.node)
    else if (logo.website) this.diagnostics.warn('invalid-url', `project website "${logo.website}" is not an http(s) URL; not imported`, logo.node)
    if (this.checkedUrl(logo.src, 'image', logo.node)) facts.logo = this.imageWithAlt(logo.src, logo.alt, logo.node)
    const links: Array<Omit<ProjectLink, '_key'>> = []
    for (const item of found.links ?? []) {
      const link: Omit<ProjectLink, '_key'> = {_type: 'projectLink', kind: item.kind, label: item.label}
      if (item.text) link.text = item.text
      const url = item.url === undefined ? undefined : this.checkedUrl(item.url, 'link', logo.node)
      if (url) link.url = url
      links.push(link)
    }
    if (links.length > 0) facts.links = links
    const id = this.context.registry.project(facts, this.context.file, this.year)
    this.projectCards.set(logo.node, id)
    return id
  }

  private seo(fields: FrontMatter, frontMatter: RootContent | undefined): Seo | undefined {
    if (!fields.seo) return undefined
    const {image, ...text} = fields.seo
    const seo: Seo = {_type: 'seo', ...text}
    if (image && this.checkedUrl(image, 'image', frontMatter)) seo.image = this.imageWithAlt(image, undefined, frontMatter)
    return seo
  }

  private heroImage(node: RootContent): Figure | undefined {
    if (node.type !== 'paragraph') return undefined
    const content = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''))
    const only = content.length === 1 ? content[0] : undefined
    const link = only?.type === 'link' && only.children.length === 1 ? only : undefined
    const image = link ? link.children[0] : only
    if (image?.type !== 'image' || image.url.trim() === '' || !checkUrl(image.url, 'image').ok) return undefined
    const figure: Figure = {_type: 'figure', ...this.resolveImage(image.url, image)}
    if (image.alt) figure.alt = image.alt
    else figure.decorative = true
    if (image.title) figure.title = image.title
    const href = link ? this.checkedUrl(link.url, 'link', link) : undefined
    if (href) figure.href = href
    return figure
  }

  private imageWithAlt(src: string, alt: string | undefined, at: RootContent | undefined): ImageWithAlt {
    const image: ImageWithAlt = {_type: 'imageWithAlt', ...this.resolveImage(src, at)}
    if (alt) image.alt = alt
    else image.decorative = true
    return image
  }

  private checkedUrl(url: string, kind: 'link' | 'image', at: RootContent | Link | LinkReference | undefined): string | undefined {
    const checked = checkUrl(url, kind)
    if (checked.ok) return checked.url
    this.diagnostics.warn('unsafe-url', `${kind} URL "${url}" dropped: ${checked.reason}`, at)
    return undefined
  }
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)]
}
