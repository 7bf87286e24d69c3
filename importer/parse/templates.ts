/**
 * Template syntax of static site generators left in the markdown as sites publish it: Hugo
 * shortcodes (`{{< figure … >}}`, `{{% … %}}`), Liquid/Nunjucks tags and expressions
 * (`{% … %}`, `{{ … }}`). The generator replaced them when it built the page; the importer has
 * no generator, so each one is either converted where its meaning is clear or kept as written and
 * warned about with its place — never left silently:
 * - `{{ '/path' | url }}` (Eleventy; `relative_url` in Jekyll) becomes `/path`, with a warning;
 * - a paragraph that is only a Hugo `figure` shortcode becomes a figure (src, alt, title, link, caption),
 *   also when its `>}}` stands alone on the last line (shortcode-closers.ts);
 * - everything else stays visible as text and is reported.
 * Code (fenced, indented, inline) is content, not template: it is left alone.
 */
import type {Html, Nodes, Paragraph, Root} from 'mdast'
import {toHtml} from 'hast-util-to-html'
import {toHast} from 'mdast-util-to-hast'
import type {Diagnostics} from '../diagnostics.ts'
import {escapeAttribute, parseAttributes} from './shortcode-attributes.ts'
import {joinShortcodeClosers} from './shortcode-closers.ts'
import {pointAt} from './position.ts'

/** `{{ '/about/' | url }}`: a site path through the generator's URL filter. */
const URL_FILTER = /^\{\{-?\s*(['"])([^'"\s]*)\1\s*\|\s*(?:url|relative_url)\s*-?\}\}$/
/** A paragraph that is only a Hugo `figure` shortcode. */
const FIGURE = /^\{\{[<%]\s*figure\s([^]*)[>%]\}\}$/
/** Longest template construct read (Hugo shortcodes may span a few lines). */
const MAX_CONSTRUCT = 2000
/** Template warnings per file; the rest are counted in one more. */
const MAX_WARNINGS = 100

type Parse = (source: string) => Root

/**
 * Resolves URL filters (parsing the file again when it changed), converts figure shortcodes and
 * warns about every other template construct.
 * @param source - the markdown as read
 * @param parse - the markdown parser
 * @param diagnostics - where warnings go
 * @returns the source the tree was parsed from, and the tree
 */
export function applyTemplates(source: string, parse: Parse, diagnostics: Diagnostics): {source: string; root: Root} {
  let root = parse(source)
  // Most reports have no template syntax: one search, nothing else.
  if (!source.includes('{{') && !source.includes('{%')) return {source, root}
  const resolved = resolveUrlFilters(source, codeRanges(root), diagnostics)
  if (resolved !== source) {
    source = resolved
    root = parse(source)
  }
  joinShortcodeClosers(root, source)
  const converted = convertFigures(root, source, parse, diagnostics)
  const constructs = templateConstructs(source, [...codeRanges(root), ...converted].sort((a, b) => a[0] - b[0]))
  for (const {start, text} of constructs.slice(0, MAX_WARNINGS)) {
    const shown = (text.length > 80 ? `${text.slice(0, 77)}…` : text).replace(/\s+/g, ' ')
    diagnostics.warn('template-syntax', `template syntax ${shown} kept as written: the site generator replaced it when it built the page, the importer cannot`, pointAt(source, start))
  }
  if (constructs.length > MAX_WARNINGS) {
    diagnostics.warn('template-syntax', `${constructs.length - MAX_WARNINGS} more template constructs kept as written`, pointAt(source, constructs[MAX_WARNINGS]!.start))
  }
  return {source, root}
}

/** A template construct in the source: where it starts and its text. */
interface Construct {
  start: number
  text: string
}

/**
 * Every `{{ … }}`, `{{< … >}}`, `{{% … %}}`, `{% … %}` outside code, in order. Each opener ends at
 * the first closer after it (within {@link MAX_CONSTRUCT} characters); closers are found once, so
 * the scan is linear however many braces a file holds.
 */
function templateConstructs(source: string, code: ReadonlyArray<[number, number]>): Construct[] {
  const braceClosers = offsets(source, /\}\}/g)
  const percentClosers = offsets(source, /%\}/g)
  const found: Construct[] = []
  let after = 0
  for (const opener of source.matchAll(/\{[{%]/g)) {
    const start = opener.index
    if (start < after || insideAny(start, code)) continue
    const closers = opener[0] === '{%' ? percentClosers : braceClosers
    const close = closers[firstAtLeast(closers, start + 2)]
    if (close === undefined || close + 2 - start > MAX_CONSTRUCT) continue
    found.push({start, text: source.slice(start, close + 2)})
    after = close + 2
  }
  return found
}

function offsets(source: string, pattern: RegExp): number[] {
  return [...source.matchAll(pattern)].map((match) => match.index)
}

/** Index of the first value ≥ `at` in a sorted list (the list's length when none). */
function firstAtLeast(sorted: readonly number[], at: number): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if (sorted[mid]! < at) low = mid + 1
    else high = mid
  }
  return low
}

function resolveUrlFilters(source: string, code: ReadonlyArray<[number, number]>, diagnostics: Diagnostics): string {
  let out = ''
  let last = 0
  for (const {start, text} of templateConstructs(source, code)) {
    const filter = URL_FILTER.exec(text)
    if (!filter) continue
    const path = filter[2]!
    diagnostics.warn('template-url', `${text} resolved to "${path}" (the site generator's URL filter; a site served under a sub-path would add it)`, pointAt(source, start))
    out += source.slice(last, start) + path
    last = start + text.length
  }
  return last === 0 ? source : out + source.slice(last)
}

/**
 * Paragraphs that are only `{{< figure … >}}` become the `<figure>` Hugo renders.
 * @returns the [start, end) offsets of the converted shortcodes
 */
function convertFigures(root: Root, source: string, parse: Parse, diagnostics: Diagnostics): Array<[number, number]> {
  const converted: Array<[number, number]> = []
  const stack: Nodes[] = [root]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (!('children' in node)) continue
    node.children.forEach((child, index) => {
      if (child.type !== 'paragraph') {
        stack.push(child)
        return
      }
      const html = figureHtml(child, source, parse, diagnostics)
      if (!html) return
      ;(node.children as unknown[])[index] = html
      converted.push([child.position!.start.offset!, child.position!.end.offset!])
    })
  }
  return converted
}

function figureHtml(paragraph: Paragraph, source: string, parse: Parse, diagnostics: Diagnostics): Html | undefined {
  const start = paragraph.position?.start.offset
  const end = paragraph.position?.end.offset
  if (start === undefined || end === undefined) return undefined
  const text = source.slice(start, end).trim()
  if (!text.startsWith('{{') || text.length > MAX_CONSTRUCT) return undefined
  const match = FIGURE.exec(text)
  if (!match) return undefined
  const attributes = parseAttributes(match[1]!)
  const src = attributes.get('src')
  if (!src) return undefined
  const image = `<img src="${escapeAttribute(src)}" alt="${escapeAttribute(attributes.get('alt') ?? '')}"${attributes.has('title') ? ` title="${escapeAttribute(attributes.get('title')!)}"` : ''}>`
  const link = attributes.get('link')
  const linked = link ? `<a href="${escapeAttribute(link)}">${image}</a>` : image
  const caption = [attributes.get('caption'), attribution(attributes)].filter(Boolean).map((text) => inlineHtml(text!, parse)).join(' ')
  diagnostics.note('shortcode-figure', 'Hugo figure shortcode converted to a figure', paragraph)
  return {type: 'html', value: `<figure>${linked}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`, position: paragraph.position}
}

/** Hugo's `attr` (with `attrlink`): the image's credit, shown after the caption. */
function attribution(attributes: Map<string, string>): string | undefined {
  const attr = attributes.get('attr')
  if (!attr) return undefined
  const link = attributes.get('attrlink')
  return link ? `[${attr}](${link})` : attr
}

/** A caption's markdown (Hugo renders it) as inline HTML. */
function inlineHtml(markdown: string, parse: Parse): string {
  const paragraph = parse(markdown).children[0]
  if (!paragraph || paragraph.type !== 'paragraph') return escapeAttribute(markdown)
  return toHtml(toHast(paragraph, {allowDangerousHtml: true}), {allowDangerousHtml: true}).replace(/^<p>|<\/p>$/g, '')
}

/** [start, end) offsets of code: fenced and indented blocks, inline code, front matter. */
function codeRanges(root: Root): Array<[number, number]> {
  const ranges: Array<[number, number]> = []
  const stack: Nodes[] = [root]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'yaml' || node.type === 'toml') {
      const start = node.position?.start.offset
      const end = node.position?.end.offset
      if (start !== undefined && end !== undefined) ranges.push([start, end])
      continue
    }
    if ('children' in node) for (const child of node.children) stack.push(child)
  }
  return ranges.sort((a, b) => a[0] - b[0])
}

/** Whether an offset falls in one of the sorted, non-overlapping ranges. */
function insideAny(offset: number, ranges: ReadonlyArray<[number, number]>): boolean {
  let low = 0
  let high = ranges.length - 1
  while (low <= high) {
    const mid = (low + high) >>> 1
    const [start, end] = ranges[mid]!
    if (offset < start) high = mid - 1
    else if (offset >= end) low = mid + 1
    else return true
  }
  return false
}
