import {toHTML} from '@portabletext/to-html'
import type {PortableTextBlockComponent, PortableTextComponents, PortableTextListComponent, PortableTextMarkComponent, PortableTextTypeComponent} from '@portabletext/to-html'
import type {TypedObject} from '@portabletext/types'
import type {CodeBlock, Figure, Footnote, FootnoteReference, InlineImage, InternalLink, Link, ProjectCard, Table, TaskMarker} from '../schemas/sanity.types.ts'
import type {FootnoteNumbers} from './footnotes.ts'
import {footnoteId, referenceId} from './footnotes.ts'
import {element, escapeHtml} from './html.ts'
import type {RenderImage, RenderProject} from './types.ts'
import {isExternal, safeHref} from './urls.ts'

/** What rendering a Portable Text array needs from the page around it. */
export interface BodyContext {
  /** Image value → safe URL (or `undefined`: the image is shown as its alt text). */
  image: (image: RenderImage) => string | undefined
  /** Project id → project, for project cards. */
  project: (id: string) => RenderProject | undefined
  /** Document id → URL, for internal links. */
  reference: (id: string) => string | undefined
  footnotes: FootnoteNumbers
  /** Level of the heading the content sits under: its own headings are shown at least one below. */
  headingLevel: number
}

/**
 * Renders Portable Text (`blockContent`, a footnote's or a table cell's blocks) to HTML with
 * @portabletext/to-html and a component for every custom type of the content model. Text is
 * escaped by to-html; every attribute built here is escaped and every URL checked.
 * @param blocks - the Portable Text array (null/undefined renders nothing)
 * @param context - image, project and link resolution, footnote numbering, heading level
 * @returns HTML
 */
export function renderBlocks(blocks: readonly TypedObject[] | null | undefined, context: BodyContext): string {
  if (!blocks || blocks.length === 0) return ''
  // Unknown types render nothing (no warning markup, no console noise): nothing unreviewed reaches the page.
  return toHTML([...blocks], {components: createComponents(context), onMissingComponent: false})
}

/**
 * @param context - see {@link BodyContext}
 * @returns the to-html components for this content model
 */
export function createComponents(context: BodyContext): PortableTextComponents {
  return {
    block: {
      normal: ({children}) => `<p>${children ?? ''}</p>`,
      blockquote: ({children}) => `<blockquote><p>${children ?? ''}</p></blockquote>`,
      h1: heading(1, context),
      h2: heading(2, context),
      h3: heading(3, context),
      h4: heading(4, context),
      h5: heading(5, context),
      h6: heading(6, context),
    },
    list: {number: numberedList},
    marks: {
      underline: ({children}) => `<u>${children}</u>`,
      sup: ({children}) => `<sup>${children}</sup>`,
      sub: ({children}) => `<sub>${children}</sub>`,
      link: linkMark,
      internalLink: internalLinkMark(context),
    },
    types: {
      figure: figure(context),
      inlineImage: inlineImage(context),
      table: table(context),
      codeBlock,
      divider: () => '<hr>',
      footnote: footnote(context),
      footnoteReference: footnoteReference(context),
      taskMarker,
      projectCard: projectCard(context),
    },
    unknownType: () => '',
    unknownMark: ({children}) => children,
    unknownBlockStyle: ({children}) => `<p>${children ?? ''}</p>`,
  }
}

/** Headings inside content nest under the section heading they belong to (h2–h6, never a second h1). */
function heading(level: number, context: BodyContext): PortableTextBlockComponent {
  const shown = Math.min(6, Math.max(level, context.headingLevel + 1, 2))
  return ({children}) => `<h${shown}>${children ?? ''}</h${shown}>`
}

const linkMark: PortableTextMarkComponent<Link> = ({children, value}) => {
  const href = safeHref(value?.href)
  if (!href) return children
  return element('a', {href, title: value?.title, rel: isExternal(href) ? 'noopener' : undefined}, children)
}

function internalLinkMark(context: BodyContext): PortableTextMarkComponent<InternalLink> {
  return ({children, value}) => {
    const id = value?.reference?._ref
    const href = id ? safeHref(context.reference(id)) : undefined
    return href ? element('a', {href, class: 'internal'}, children) : children
  }
}

/** An `<img>`, or the alt text when no safe URL exists (the reader still gets the words). */
function image(image: RenderImage, context: BodyContext, className?: string): string {
  const src = context.image(image)
  if (!src) return image.alt ? element('span', {class: 'missing-image'}, escapeHtml(image.alt)) : ''
  return element('img', {src, alt: image.decorative ? '' : image.alt ?? '', title: image.title || undefined, class: className})
}

function figure(context: BodyContext): PortableTextTypeComponent<Figure> {
  return ({value}) => {
    const picture = image(value, context)
    const href = safeHref(value.href)
    const linked = href && picture ? element('a', {href, rel: isExternal(href) ? 'noopener' : undefined}, picture) : picture
    return element('figure', {}, linked + figureCaption(value.caption as unknown, context))
  }
}

/** A caption as stored: blocks (links and emphasis rendered, one line each), or the plain text of older documents. */
function figureCaption(caption: unknown, context: BodyContext): string {
  if (typeof caption === 'string') return caption.trim() ? element('figcaption', {}, escapeHtml(caption)) : ''
  if (!Array.isArray(caption) || caption.length === 0) return ''
  const lines = caption.map((block: TypedObject) => renderBlocks([block], context).replace(/^<p>([\s\S]*)<\/p>$/, '$1'))
  return element('figcaption', {}, lines.join('<br>'))
}

/**
 * A numbered list, starting where its first item says (`start`: numbering continued across
 * paragraphs); to-html's default for everything else.
 */
const numberedList: PortableTextListComponent = ({children, value}) => {
  const first = value.children[0] as {start?: unknown} | undefined
  const start = typeof first?.start === 'number' && Number.isInteger(first.start) && first.start >= 0 && first.start !== 1 ? first.start : undefined
  return element('ol', {start: start === undefined ? undefined : String(start)}, children ?? '')
}

function inlineImage(context: BodyContext): PortableTextTypeComponent<InlineImage> {
  return ({value}) => image(value, context, 'inline')
}

const ALIGNMENTS = new Set(['left', 'center', 'right'])

function table(context: BodyContext): PortableTextTypeComponent<Table> {
  return ({value}) => {
    const rows = value.rows ?? []
    const row = (cells: Table['rows'][number]['cells'], header: boolean): string =>
      element(
        'tr',
        {},
        cells
          .map((cell, column) => {
            const align = value.align?.[column]
            const className = align && ALIGNMENTS.has(align) ? `align-${align}` : undefined
            return element(header ? 'th' : 'td', {scope: header ? 'col' : undefined, class: className}, renderBlocks(cell.content, context))
          })
          .join(''),
      )
    const head = rows.filter((r) => r.header).map((r) => row(r.cells ?? [], true))
    const body = rows.filter((r) => !r.header).map((r) => row(r.cells ?? [], false))
    return element('table', {}, (head.length ? element('thead', {}, head.join('')) : '') + element('tbody', {}, body.join('')))
  }
}

const codeBlock: PortableTextTypeComponent<CodeBlock> = ({value}) => {
  // The class is only a hint for highlighters: keep it to characters a language name uses.
  const language = value.language?.replace(/[^A-Za-z0-9_+#.-]/g, '')
  return element('pre', {}, element('code', {class: language ? `language-${language}` : undefined}, escapeHtml(value.code ?? '')))
}

function footnote(context: BodyContext): PortableTextTypeComponent<Footnote> {
  return ({value}) => {
    const number = context.footnotes.number(value.label)
    const back = context.footnotes.isReferenced(value.label)
      ? ` ${element('a', {href: `#${referenceId(number)}`, class: 'footnote-back', 'aria-label': `Back to reference ${number}`}, '↩')}`
      : ''
    const marker = element('span', {class: 'footnote-number'}, `${number}.`)
    return element('aside', {id: footnoteId(number), class: 'footnote', role: 'note'}, `${marker} ${renderBlocks(value.content, context)}${back}`)
  }
}

function footnoteReference(context: BodyContext): PortableTextTypeComponent<FootnoteReference> {
  return ({value}) => {
    const {number, id} = context.footnotes.reference(value.label)
    return element('sup', {class: 'footnote-ref'}, element('a', {href: `#${footnoteId(number)}`, id}, String(number)))
  }
}

const taskMarker: PortableTextTypeComponent<TaskMarker> = ({value}) =>
  `${element('input', {type: 'checkbox', disabled: true, checked: value.checked === true})} `

function projectCard(context: BodyContext): PortableTextTypeComponent<ProjectCard> {
  return ({value}) => {
    const project = value.project?._ref ? context.project(value.project._ref) : undefined
    if (!project) return ''
    const website = safeHref(project.website)
    const link = (inner: string): string => (website ? element('a', {href: website, rel: isExternal(website) ? 'noopener' : undefined}, inner) : inner)
    const logo = project.logo ? image({...project.logo, alt: project.logo.alt || project.name}, context, 'project-logo') : ''
    const name = element('p', {class: 'project-name'}, link(escapeHtml(project.name)))
    return element('aside', {class: 'project-card'}, (logo ? link(logo) : '') + name)
  }
}
