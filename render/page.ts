import type {TypedObject} from '@portabletext/types'
import type {BodyContext} from './components'
import {renderBlocks} from './components'
import {FootnoteNumbers} from './footnotes'
import {element, escapeHtml} from './html'
import {createImageResolver} from './images'
import {STYLESHEET} from './styles'
import type {PageSection, RenderOptions, RenderProject, ReportPage} from './types'
import {isExternal, safeHref} from './urls'

/**
 * Renders a report, as `reportPageQuery` returns it, to a complete standalone HTML document:
 * title, subtitle, hero figure, intro, then every section with its heading (level from
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
  const main = element('main', {}, renderBlocks(page.intro, {...context, headingLevel: 1}) + sections.map((section) => renderSection(section, context)).join('\n'))
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    element('title', {}, escapeHtml(title)),
    page.seo?.description ? element('meta', {name: 'description', content: page.seo.description}) : '',
    `<style>${STYLESHEET}</style>`,
  ].filter(Boolean)
  return `<!doctype html>\n<html lang="en">\n<head>\n${head.join('\n')}\n</head>\n<body>\n${header}\n${tableOfContents(sections)}\n${main}\n</body>\n</html>\n`
}

/**
 * @param level - `section.level` (1–6)
 * @returns the heading element's level: h2–h6 (the report title is the page's only h1)
 */
export function sectionHeadingLevel(level: number): number {
  return Math.min(6, Math.max(2, Math.trunc(level) || 2))
}

function renderSection(section: PageSection, context: BodyContext): string {
  const level = sectionHeadingLevel(section.level)
  const link = safeHref(section.link)
  const titleHtml = escapeHtml(section.title)
  const heading = section.untitled
    ? ''
    : element(`h${level}`, {}, link ? element('a', {href: link, rel: isExternal(link) ? 'noopener' : undefined}, titleHtml) : titleHtml)
  const bylineLines = section.byline?.split('\n').filter((line) => line.trim() !== '') ?? []
  // No override: print each author as `Name, Role, Organisation` (the content model's derived byline).
  const names = bylineLines.length > 0 ? bylineLines : (section.authors ?? []).map((author) => [author.name, author.role, author.organisation].filter(Boolean).join(', '))
  const byline = names.length > 0 ? element('p', {class: 'byline'}, names.map(escapeHtml).join('<br>')) : ''
  const body = renderBlocks(section.body, {...context, headingLevel: level})
  return element('section', {id: section.slug, class: `level-${level}`, 'aria-label': section.untitled ? section.title : undefined}, heading + byline + body)
}

function tableOfContents(sections: readonly PageSection[]): string {
  const items = sections
    .filter((section) => !section.untitled)
    .map((section) => {
      const level = sectionHeadingLevel(section.level)
      return element('li', {class: `level-${level}`}, element('a', {href: `#${section.slug}`}, escapeHtml(section.title)))
    })
  return items.length > 0 ? element('nav', {class: 'toc', 'aria-label': 'Contents'}, element('ol', {}, items.join(''))) : ''
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
