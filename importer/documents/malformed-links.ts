/**
 * Link syntax written wrongly, as sites publish it: `([https://example.org/)` (a stray bracket),
 * `[words] (https://…)` (a space), `[words](https://…` (no closing parenthesis). None of them is the
 * link the author meant: the text shows brackets, and where GFM autolinked the bare URL the link
 * has the URL as its words. Each is a located warning with the fix; `--fix-links` repairs it.
 */
import type {Nodes, PhrasingContent, Text} from 'mdast'
import type {Diagnostics, SourcePoint} from '../diagnostics.ts'
import {pointAt} from '../parse/position.ts'

/** One malformed link in a run of inline content. */
interface Malformed {
  start: number
  end: number
  url: string
  /** The link's words (the URL itself after a stray bracket). */
  label: string
  /** Kept as text after the repaired link (a stray bracket's `)`). */
  after: string
  fixed: string
}

/** Stands for an inline node that is neither text nor a bare-URL link (never part of a URL or words). */
const OBJECT = '\uFFFC'
/** `[https://…)` or `[https://…`: a bracket before a URL that never became `[words](url)`. */
const STRAY_BRACKET = /\[(https?:\/\/[^\s[\]()<>\uFFFC]+)(\)?)(?!\])/g
/** `[words] (url)`: a space between the brackets and the parenthesis. */
const SPACED = /\[([^[\]\n\uFFFC]{1,200})\][ \t]+\(((?:https?:\/\/|\/)[^\s()<>\uFFFC]*)\)/g
/** `[words](https://…` with no closing parenthesis. */
const UNCLOSED = /\[([^[\]\n\uFFFC]{1,200})\]\((https?:\/\/[^\s()<>\uFFFC]+)(?![^\s\uFFFC]*\))/g

/**
 * Malformed links in a string, in order, not overlapping.
 * @param text - inline content as text (other inline nodes as U+FFFC)
 * @returns what was found
 */
export function findMalformed(text: string): Malformed[] {
  if (!text.includes('[')) return []
  const found: Malformed[] = []
  for (const match of text.matchAll(STRAY_BRACKET)) {
    const url = match[1]!
    const fixed = match[2] === ')' && text[match.index - 1] === '(' ? `(${url})` : url
    found.push({start: match.index, end: match.index + match[0].length, url, label: url, after: match[2]!, fixed})
  }
  for (const pattern of [SPACED, UNCLOSED]) {
    for (const match of text.matchAll(pattern)) {
      found.push({start: match.index, end: match.index + match[0].length, url: match[2]!, label: match[1]!, after: '', fixed: `[${match[1]}](${match[2]})`})
    }
  }
  found.sort((a, b) => a.start - b.start)
  return found.filter((item, index) => index === 0 || item.start >= found[index - 1]!.end)
}

/** A child's part of the joined text. */
interface Segment {
  node: PhrasingContent
  start: number
  text: string
}

/**
 * Reports (or, with `fix`, repairs) malformed links among a node's inline children.
 * @param parent - a paragraph, heading, cell, emphasis… (not a link)
 * @param diagnostics - the file's messages
 * @param fix - repair into links (`--fix-links`), each a located note
 * @param source - the file's text: places each finding exactly (else by the nodes' positions)
 */
export function lintMalformedLinks(parent: Nodes & {children: Nodes[]}, diagnostics: Diagnostics, fix: boolean, source?: string): void {
  if (!parent.children.some((child) => child.type === 'text' && child.value.includes('['))) return
  const segments: Segment[] = []
  let joined = ''
  for (const child of parent.children as PhrasingContent[]) {
    const text = child.type === 'text' ? child.value : isBareUrl(child) ? child.url : OBJECT
    segments.push({node: child, start: joined.length, text})
    joined += text
  }
  const found = findMalformed(joined)
  if (found.length === 0) return
  for (const item of found) {
    const written = joined.slice(item.start, item.end)
    const at = inSource(parent, written, source) ?? pointOf(segments, item.start) ?? parent.position?.start
    if (fix) diagnostics.note('link-fixed', `malformed link "${written}" repaired: a link to "${item.url}"`, at)
    else diagnostics.warn('malformed-link', `malformed link "${written}": the page shows it as written; did you mean "${item.fixed}"? (--fix-links repairs it)`, at)
  }
  if (fix) parent.children = rebuilt(segments, joined, found) as typeof parent.children
}

/** A link GFM made from a bare URL: its words are its URL. */
function isBareUrl(node: PhrasingContent): node is PhrasingContent & {type: 'link'; url: string} {
  if (node.type !== 'link' || node.children.length !== 1) return false
  const only = node.children[0]!
  return only.type === 'text' && (only.value === node.url || `http://${only.value}` === node.url)
}

/** The children again, each malformed link replaced by a link; untouched nodes kept as they were. */
function rebuilt(segments: readonly Segment[], joined: string, found: readonly Malformed[]): PhrasingContent[] {
  const out: PhrasingContent[] = []
  const pushText = (value: string, position: PhrasingContent['position']) => {
    if (value === '') return
    const last = out[out.length - 1]
    if (last?.type === 'text') last.value += value
    else out.push({type: 'text', value, ...(position ? {position} : {})})
  }
  // Original content of [from, to): whole nodes where they are whole, their text otherwise.
  const emit = (from: number, to: number) => {
    for (const segment of segments) {
      const start = Math.max(from, segment.start)
      const end = Math.min(to, segment.start + segment.text.length)
      if (start >= end) continue
      if (segment.node.type !== 'text' && end - start === segment.text.length) out.push(segment.node)
      else pushText(joined.slice(start, end), segment.node.position)
    }
  }
  let cursor = 0
  for (const item of found) {
    emit(cursor, item.start)
    const position = segments.find((segment) => segment.start + segment.text.length > item.start)?.node.position
    out.push({type: 'link', url: item.url, title: null, children: [{type: 'text', value: item.label}], ...(position ? {position} : {})})
    pushText(item.after, position)
    cursor = item.end
  }
  emit(cursor, joined.length)
  return out
}

/** Where the written text is within its parent's stretch of the file. */
function inSource(parent: Nodes, written: string, source: string | undefined): SourcePoint | undefined {
  const start = parent.position?.start.offset
  const end = parent.position?.end.offset
  if (source === undefined || start === undefined || end === undefined) return undefined
  const found = source.indexOf(written, start)
  return found !== -1 && found + written.length <= end ? pointAt(source, found) : undefined
}

/**
 * Where a character of the joined text is in the file (exact within one-line text); text split by
 * GFM's autolinking has no position (the caller falls back to its parent's).
 */
function pointOf(segments: readonly Segment[], offset: number): SourcePoint | undefined {
  const segment = segments.findLast((candidate) => candidate.start <= offset)
  const start = segment?.node.position?.start
  if (!segment || !start) return undefined
  const inside = segment.node.type === 'text' ? offset - segment.start : 0
  const lines = (segment.node as Text).value?.slice(0, inside).split('\n') ?? ['']
  return lines.length === 1 ? {line: start.line, column: start.column + inside} : {line: start.line + lines.length - 1, column: lines[lines.length - 1]!.length + 1}
}
