/**
 * remark-gfm, the same syntax for less time. Measured on the sample report (bench), GFM more
 * than doubles the CommonMark parse, and almost all of it is two constructs that are tried far
 * more often than they can match:
 *
 * - email autolink literals (`team@example.org`) are attempted at the start of every word and
 *   give up only at its end; the www (`www.`) and protocol (`http:`) literals at every word
 *   starting with `w` / `h`;
 * - tables are attempted at the start of every block and scan its whole first line.
 *
 * Both keep micromark's own tokenizers and results; they are only skipped where they cannot
 * match. A literal is skipped when the rest of the current text chunk shows its necessary
 * prefix is absent (`<atext>@`, `www.`, `http(s):`): a chunk is a run of one line between
 * tabs, so a construct that would reach past it is always attempted. Tables are left out for a
 * document without any `|`, `:-` or `-:`: a delimiter row needs one of them. After the parse,
 * the literal autolinks' transform (regular expressions over every text node of the tree) runs
 * only on the top-level blocks with a text holding `@`, `http://`, `https://` or `www.`, which
 * every one of its expressions needs. A differential test compares this parser's mdast
 * (positions included) with remark-gfm's.
 */
import type {Construct, Extension, Previous, TokenizeContext, Tokenizer} from 'micromark-util-types'
import type {Root, RootContent} from 'mdast'
import type {Extension as FromMarkdownExtension, Transform} from 'mdast-util-from-markdown'
import type {Processor} from 'unified'

/** Whether a literal could start at `index` of `chunk`; `true` when the chunk ends too soon to tell. */
type MayStart = (chunk: string, index: number) => boolean

const AT = 64
const isAtext = (code: number): boolean =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 43 || code === 45 || code === 46 || code === 95

/** `<atext>+@`: micromark's email literal consumes atext then needs `@`. */
const mayStartEmail: MayStart = (chunk, index) => {
  let at = index
  while (at < chunk.length && isAtext(chunk.charCodeAt(at))) at++
  return at === chunk.length || chunk.charCodeAt(at) === AT
}

const WWW = /www\./iy
const PROTOCOL = /https?:/iy

function sticky(pattern: RegExp, shortest: number): MayStart {
  return (chunk, index) => {
    if (chunk.length - index < shortest) return true
    pattern.lastIndex = index
    return pattern.test(chunk)
  }
}

/** A literal: what must be somewhere in a chunk for it to start there, and whether it may start at an index. */
interface Literal {
  needs: RegExp
  mayStart: MayStart
}

/** By construct name (micromark-extension-gfm-autolink-literal). */
const LITERALS: Record<string, Literal> = {
  emailAutolink: {needs: /@/, mayStart: mayStartEmail},
  wwwAutolink: {needs: /www\./i, mayStart: sticky(WWW, 4)},
  protocolAutolink: {needs: /https?:/i, mayStart: sticky(PROTOCOL, 6)},
}

/** The chunk a tokenizer was last asked about, and per literal whether the chunk lacks what it needs. */
interface ChunkCache {
  index: number
  chunk: string
  lacks: Map<Literal, boolean>
}

const chunkCaches = new WeakMap<TokenizeContext, ChunkCache>()

/**
 * The string chunk the tokenizer is in and the index of the current character in it, or
 * `undefined` when that is not knowable (then the construct is attempted as usual). Asked at
 * every word start, so the chunk is remembered per tokenizer.
 */
function currentChunk(context: TokenizeContext): [ChunkCache, number] | undefined {
  const point = context.now()
  if (point._bufferIndex < 0) return undefined
  const cached = chunkCaches.get(context)
  if (cached && cached.index === point._index) return [cached, point._bufferIndex]
  try {
    // One chunk (same `_index`), from its start to its end: the chunk string itself.
    const [chunk] = context.sliceStream({start: {...point, _bufferIndex: 0}, end: {...point, _bufferIndex: Number.POSITIVE_INFINITY}})
    if (typeof chunk !== 'string') return undefined
    const fresh: ChunkCache = {index: point._index, chunk, lacks: new Map()}
    chunkCaches.set(context, fresh)
    return [fresh, point._bufferIndex]
  } catch {
    return undefined
  }
}

function gated(construct: Construct, literal: Literal): Construct {
  const may = (context: TokenizeContext): boolean => {
    const found = currentChunk(context)
    if (found === undefined) return true
    const [cache, index] = found
    let lacks = cache.lacks.get(literal)
    if (lacks === undefined) cache.lacks.set(literal, (lacks = !literal.needs.test(cache.chunk)))
    return !lacks && literal.mayStart(cache.chunk, index)
  }
  const previous = construct.previous
  const tokenize: Tokenizer = function (this: TokenizeContext, effects, ok, nok) {
    const start = construct.tokenize.call(this, effects, ok, nok)
    return (code) => (may(this) ? start(code) : nok(code))
  }
  const gatedPrevious: Previous | undefined = previous
    ? function (this: TokenizeContext, code) {
        return previous.call(this, code) && may(this)
      }
    : undefined
  return {...construct, tokenize, ...(gatedPrevious ? {previous: gatedPrevious} : {})}
}

type ConstructRecord = Record<string, Construct | Construct[] | undefined>

/** The same record with the literal constructs gated and, optionally, some constructs left out. */
function tuneRecord(record: ConstructRecord | undefined, drop: ReadonlySet<string>, cache: Map<Construct, Construct>): ConstructRecord | undefined {
  if (!record) return record
  const tuned: ConstructRecord = {}
  for (const [code, value] of Object.entries(record)) {
    if (value === undefined) continue
    const list = (Array.isArray(value) ? value : [value])
      .filter((construct) => !(construct.name && drop.has(construct.name)))
      .map((construct) => {
        const literal = construct.name ? LITERALS[construct.name] : undefined
        if (!literal) return construct
        let replacement = cache.get(construct)
        if (!replacement) cache.set(construct, (replacement = gated(construct, literal)))
        return replacement
      })
    if (list.length > 0) tuned[code] = Array.isArray(value) ? list : list[0]
  }
  return tuned
}

/** What every expression of mdast-util-gfm-autolink-literal's transform needs in a text. */
const LITERAL_PREFIX = /@|https?:\/\/|www\./i

function mayHoldLiteral(node: RootContent): boolean {
  const stack: RootContent[] = [node]
  while (stack.length > 0) {
    const current = stack.pop()!
    if (current.type === 'text' && LITERAL_PREFIX.test(current.value)) return true
    // One at a time: a paragraph may hold hundreds of thousands of nodes (too many arguments).
    if ('children' in current) for (const child of current.children) stack.push(child)
  }
  return false
}

/** The literal autolinks' transform, run on the top-level blocks where it can find something. */
function gateTransform(transform: Transform): Transform {
  return (tree) => {
    for (const block of (tree as Root).children) if (mayHoldLiteral(block)) transform(block as unknown as Root)
  }
}

function tuneTransforms(extension: FromMarkdownExtension): FromMarkdownExtension {
  if (!extension.transforms) return extension
  const transforms = extension.transforms.map((transform) => (transform.name === 'transformGfmAutolinkLiterals' ? gateTransform(transform) : transform))
  return {...extension, transforms}
}

/**
 * A unified plugin, used after remark-gfm: rewrites the processor's micromark extensions and the
 * literal autolinks' transform.
 * @param options - `table: false` leaves table syntax out (only for text that cannot hold one)
 */
export function tuneGfm(this: Processor, options: {table: boolean}): void {
  const data = this.data()
  const drop = new Set(options.table ? [] : ['table'])
  const cache = new Map<Construct, Construct>()
  data.micromarkExtensions = (data.micromarkExtensions ?? []).map((extension: Extension): Extension => {
    const tuned: Extension = {...extension}
    for (const field of ['text', 'flow'] as const) {
      const record = tuneRecord(extension[field] as ConstructRecord | undefined, drop, cache)
      if (record) (tuned as Record<string, unknown>)[field] = record
    }
    return tuned
  })
  data.fromMarkdownExtensions = (data.fromMarkdownExtensions ?? []).map((extension) =>
    Array.isArray(extension) ? extension.map(tuneTransforms) : tuneTransforms(extension))
}

/**
 * @param source - markdown
 * @returns whether it may hold a GFM table: every delimiter row has a `|`, or a `:` next to a `-`
 */
export function mayHoldTable(source: string): boolean {
  return source.includes('|') || source.includes(':-') || source.includes('-:')
}
