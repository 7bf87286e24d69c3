import type {TypedObject} from '@portabletext/types'
import type {BodyContext} from './components.ts'
import {renderBlocks} from './components.ts'
import {FootnoteNumbers} from './footnotes.ts'
import {element, escapeHtml} from './html.ts'
import {createImageResolver} from './images.ts'
import {STYLESHEET} from './styles.ts'
import type {PageSection, RenderOptions, RenderProject, ReportPage} from './types.ts'
import {isExternal, safeHref} from './urls.ts'
import {outlineDepths} from '../queries/outline.ts'

/**
 * Renders a report, as `reportPageQuery` returns it, to a complete standalone HTML document:
 * title, subtitle, hero figure, intro, the table of contents, then every section with its heading (level from
 * `section.level`, h2–h6 under the page's h1), byline and body. Nothing from the content is
 * emitted unescaped, and no URL with a scheme other than http(s)/mailto/tel passes.
 * @param page - the `reportPageQuery` result for one year
 * @param options - image URLs, project details for cards, internal-link targets
 * @returns the HTML document
 */
export function renderReportHtml(page: ReportPage, options: RenderOptions = {}): string {
  const sections = page.sections ?? []
  const context = pageContext(page, options)
  const title = page.seo?.title || page.title
  const hero = page.heroImage ? renderBlocks([{...page.heroImage, _key: 'hero'}], {...context, headingLevel: 1}) : ''
  const header = element(
    'header',
    {id: 'top'},
    element('h1', {}, escapeHtml(page.title)) + (page.subtitle ? element('p', {class: 'subtitle'}, escapeHtml(page.subtitle)) : '') + hero,
  )
  const levels = sectionHeadingLevels(sections)
  // The introduction opens the report; the contents follow it, then the sections.
  const intro = renderBlocks(page.intro, {...context, headingLevel: 1})
  const main = element('main', {}, `${intro}\n${tableOfContents(sections, levels)}\n${sections.map((section, index) => renderSection(section, levels[index]!, context)).join('\n')}`)
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    element('title', {}, escapeHtml(title)),
    page.seo?.description ? element('meta', {name: 'description', content: page.seo.description}) : '',
    `<style>${STYLESHEET}</style>`,
  ].filter(Boolean)
  return `<!doctype html>\n<html lang="en">\n<head>\n${head.join('\n')}\n</head>\n<body>\n${header}\n${main}\n</body>\n</html>\n`
}

/**
 * @param depth - a section's outline depth (1 = a report's first pieces)
 * @returns the heading element's level: h2–h6 (the report title is the page's only h1)
 */
export function sectionHeadingLevel(depth: number): number {
  return Math.min(6, Math.max(2, (Math.trunc(depth) || 1) + 1))
}

/**
 * The heading level of every section from the outline: depth 1 → h2, one deeper per depth.
 * Stored levels that are source heading depths (`####` pieces under a `##` part) are read as
 * the outline they make, so both give the same page.
 * @param sections - the page's sections in outline order
 * @returns h-levels (2–6), same order
 */
export function sectionHeadingLevels(sections: readonly Pick<PageSection, 'level'>[]): number[] {
  return outlineDepths(sections.map((section) => section.level)).map(sectionHeadingLevel)
}

function renderSection(section: PageSection, level: number, context: BodyContext): string {
  const link = safeHref(section.link)
  const titleHtml = escapeHtml(section.title)
  const heading = section.untitled
    ? ''
    : element(`h${level}`, {}, link ? element('a', {href: link, rel: isExternal(link) ? 'noopener' : undefined}, titleHtml) : titleHtml)
  const byline = bylines(section)
  const body = renderBlocks(section.body, {...context, headingLevel: level})
  return element('section', {id: section.slug, class: `level-${level}`, 'aria-label': section.untitled ? section.title : undefined}, heading + byline + body)
}

/**
 * The byline: the text as published when stored, else one line per author reference
 * (`Name, Role, Organisation`).
 */
function bylines(section: PageSection): string {
  const fromAuthors = (section.authors ?? []).map((author) => [author.name, author.role, author.organisation].filter(Boolean).join(', '))
  // The byline as published, when stored, is that year's wording (an author's role changes over the years).
  const published = section.byline?.split('\n').filter((line) => line.trim() !== '') ?? []
  const lines = published.length > 0 ? published : fromAuthors
  return lines.length > 0 ? element('p', {class: 'byline'}, lines.map(escapeHtml).join('<br>')) : ''
}

/** `_` never occurs in a slug, so this id cannot collide with a section's. */
const TOC_HEADING_ID = '_contents'

function tableOfContents(sections: readonly PageSection[], levels: readonly number[]): string {
  const items = sections.flatMap((section, index) => {
    if (section.untitled) return []
    const level = levels[index]!
    return [element('li', {class: `level-${level}`}, element('a', {href: `#${section.slug}`}, escapeHtml(section.title)))]
  })
  if (items.length === 0) return ''
  return element('nav', {class: 'toc', 'aria-labelledby': TOC_HEADING_ID}, element('h2', {id: TOC_HEADING_ID}, 'Contents') + element('ol', {}, items.join('')))
}

/** Image, project and link resolution shared by every part of one page. */
function pageContext(page: ReportPage, options: RenderOptions): BodyContext {
  const projects = new Map<string, RenderProject>()
  for (const section of page.sections ?? []) for (const project of section.projects ?? []) projects.set(project._id, project)
  // Given projects win: they may carry the logo the page query does not select.
  for (const project of options.projects ?? []) projects.set(project._id, {...projects.get(project._id), ...project})
  const anchors = new Map<string, string>([[page._id, '#top']])
  for (const section of page.sections ?? []) anchors.set(section._id, `#${section.slug}`)
  return {
    image: createImageResolver(options),
    project: (id) => projects.get(id),
    reference: (id) => anchors.get(id) ?? options.resolveReference?.(id),
    footnotes: new FootnoteNumbers(footnoteLabels([page.intro, ...(page.sections ?? []).map((section) => section.body)])),
    headingLevel: 1,
  }
}

/** Labels of every `footnoteReference` in the given content, in reading order. */
function footnoteLabels(content: unknown): string[] {
  const labels: string[] = []
  const stack: unknown[] = [content]
  while (stack.length > 0) {
    const current = stack.pop()
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push(current[i])
    } else if (current && typeof current === 'object') {
      const object = current as TypedObject & {label?: unknown}
      if (object._type === 'footnoteReference' && typeof object.label === 'string') labels.push(object.label)
      const values = Object.values(object)
      for (let i = values.length - 1; i >= 0; i--) stack.push(values[i])
    }
  }
  return labels
}
