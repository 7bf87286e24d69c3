/**
 * Raw HTML → real elements, parsing only what holds raw HTML. `hast-util-raw` replays a whole
 * tree through parse5 (every markdown paragraph, every word) when a section has a single `<br />`
 * in it. Here the top-level nodes that hold raw HTML are replayed on their own, in runs
 * ("segments": such nodes and the whitespace between them), and the markdown around them is
 * left as it is — when that gives the same tree:
 *
 * - every tag in a segment (raw or markdown-made) is an ordinary body element (`SAFE_TAGS`, or a
 *   custom element name), so no insertion mode but "in body" is ever entered;
 * - the raw HTML is only tags, closed comments and text (no doctype, CDATA, `<?`, stray `<`);
 * - the segment's tags nest properly, so parse5 ends it with nothing open: the next segment
 *   starts in the same state as the whole-tree replay would reach it.
 *
 * Otherwise the whole tree is replayed as before. A differential test compares both on
 * generated documents.
 */
import type {Root as HastRoot, RootContent} from 'hast'
import {raw} from 'hast-util-raw'
import {VFile} from 'vfile'

/** Body elements parse5 handles with no mode switch and no effect beyond their own scope. */
const SAFE_TAGS = new Set([
  'a', 'abbr', 'address', 'article', 'aside', 'audio', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'center', 'cite',
  'code', 'data', 'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'footer',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'i', 'img', 'input', 'ins', 'kbd', 'li', 'main', 'mark',
  'nav', 'ol', 'p', 'picture', 'q', 's', 'samp', 'section', 'small', 'source', 'span', 'strong', 'sub',
  'summary', 'sup', 'time', 'track', 'u', 'ul', 'var', 'video', 'wbr',
])

/** Elements without an end tag (parse5 pops them at once). */
const VOID_TAGS = new Set(['br', 'hr', 'img', 'input', 'source', 'track', 'wbr'])

const isSafeTag = (name: string): boolean => SAFE_TAGS.has(name) || /^[a-z][a-z0-9]*-[a-z0-9-]*$/.test(name)

/** One HTML token of a raw value: a start tag, an end tag, a closed comment, or text. */
const TOKEN = /<!--(?!-?>)[\s\S]*?-->|<(\/?)([A-Za-z][A-Za-z0-9-]*)(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>|[^<]+/y

/**
 * Plays one raw value's tags onto the open-element stack.
 * @returns false when the value holds something this module does not replay on its own
 */
function playRaw(value: string, open: string[]): boolean {
  TOKEN.lastIndex = 0
  while (TOKEN.lastIndex < value.length) {
    const match = TOKEN.exec(value)
    if (!match) return false
    const name = match[2]?.toLowerCase()
    if (name === undefined) {
      // `--!>` also ends a comment in HTML: a comment holding one is left to the whole replay.
      if (match[0].startsWith('<!--') && match[0].includes('--!>')) return false
      continue // text or comment
    }
    if (!isSafeTag(name)) return false
    if (match[1]) {
      if (open.pop() !== name) return false
    } else if (!VOID_TAGS.has(name)) {
      open.push(name) // `<div/>` too: it is a start tag in HTML
    }
  }
  return true
}

/** Walks a node in document order, checking and playing its tags. */
function play(node: RootContent, open: string[]): boolean {
  if (node.type === 'raw') return playRaw(node.value, open)
  if (node.type === 'doctype') return false
  if (node.type !== 'element') return true
  const name = node.tagName.toLowerCase()
  if (!isSafeTag(name)) return false
  if (VOID_TAGS.has(name)) return node.children.length === 0
  open.push(name)
  for (const child of node.children) if (!play(child, open)) return false
  return open.pop() === name
}

function holdsRaw(node: RootContent): boolean {
  if (node.type === 'raw') return true
  return 'children' in node && node.children.some(holdsRaw)
}

const isWhitespace = (node: RootContent): boolean => node.type === 'text' && /^[\t\n\f\r ]*$/.test(node.value)

/**
 * The tree with its raw HTML parsed, as `hast-util-raw` would parse it.
 * @param tree - mdast-util-to-hast output with `raw` nodes
 * @returns the same tree, raw nodes replaced by parsed nodes with positions
 */
export function parseRawHtml(tree: HastRoot): HastRoot {
  const segments = rawSegments(tree.children)
  if (!segments) return raw(tree, {file: new VFile()}) as HastRoot
  // Concatenated, not spread: a section may hold more top-level nodes than a call takes arguments.
  const parts: RootContent[][] = []
  let at = 0
  for (const [start, end] of segments) {
    parts.push(tree.children.slice(at, start))
    parts.push((raw({type: 'root', children: tree.children.slice(start, end)}, {file: new VFile()}) as HastRoot).children)
    at = end
  }
  parts.push(tree.children.slice(at))
  return {...tree, children: parts.flat()}
}

/**
 * @param nodes - a hast root's children
 * @returns the runs of top-level nodes to replay, as [start, end) index pairs, or `undefined`
 *   when the tree must be replayed whole
 */
export function rawSegments(nodes: readonly RootContent[]): Array<[number, number]> | undefined {
  const segments: Array<[number, number]> = []
  let index = 0
  while (index < nodes.length) {
    if (!holdsRaw(nodes[index]!)) {
      index++
      continue
    }
    // Top-level raw HTML starts with a tag, so it never merges with the whitespace before it.
    const start = index
    let end = index
    const open: string[] = []
    // A run (its first node holds raw HTML) goes on while raw HTML left an element open (markdown
    // inside a `<div>`), and over whitespace and more raw HTML.
    while (end < nodes.length && (open.length > 0 || isWhitespace(nodes[end]!) || holdsRaw(nodes[end]!))) {
      if (!play(nodes[end]!, open)) return undefined
      end++
    }
    // Still open at the end: the run is the rest of the tree, as in the whole replay.
    segments.push([start, end])
    index = end
  }
  return segments
}
