import {attention} from 'micromark-core-commonmark'
import type {Construct, Event, Extension, Point, Resolver, Token, TokenizeContext} from 'micromark-util-types'
import {InlineLimitError, MAX_EMPHASIS_DEPTH} from './inline-limits.ts'

/**
 * Emphasis and strong emphasis (`*`, `_`) resolved in time linear in the number of delimiter runs.
 * micromark's own resolver walks back over every earlier event for each closing run and splices
 * each match into the middle of the event list, so a paragraph of `*a*a*a…` takes time quadratic
 * in its length (200 KB: minutes). This resolver pairs the runs with a stack of openers and
 * CommonMark's "openers bottom" bound, and builds the events in one pass, producing exactly the
 * events micromark's resolver produces (the tests compare both on generated input).
 *
 * The tokenizer is micromark's; only `resolveAll` differs. Installed as a micromark extension
 * that disables the core `attention` construct (see markdown.ts). Nesting costs time in
 * proportion to depth times length (each group re-resolves its content), so emphasis nested
 * deeper than {@link MAX_EMPHASIS_DEPTH} is refused with the line it starts on.
 */
export const linearAttention: Construct = {name: 'attentionLinear', tokenize: attention.tokenize, resolveAll: resolveAllAttentionLinear}

/**
 * In text, tried after the constructs other extensions put on `*` and `_` (GFM's email literal
 * may start with `_`), as the core construct it replaces is: an extension's own constructs go
 * before the ones already there unless marked `add: 'after'`.
 */
const linearAttentionInText: Construct = {...linearAttention, add: 'after'}

/** The micromark extension replacing core emphasis resolution by {@link linearAttention}. */
export const linearAttentionExtension: Extension = {
  disable: {null: ['attention']},
  text: {42: linearAttentionInText, 95: linearAttentionInText},
  insideSpan: {null: [linearAttention]},
}

interface Opener {
  token: Token
  marker: number
  /** Index of the opener's `exit` event in the output. */
  exit: number
}

/** A group already built, outermost at its place in the output: where it starts, how deep it nests. */
interface Built {
  at: number
  depth: number
}

/** The state of one resolution. */
interface Resolution {
  out: Event[]
  openers: Opener[]
  /**
   * Lowest opener index worth searching, per closer kind: every opener below it was rejected by
   * an earlier closer of the same kind, and rejection depends only on that kind.
   */
  bottoms: Map<string, number>
  built: Built[]
  context: TokenizeContext
}

/**
 * The resolver.
 *
 * @param events - the text's events, attention runs as `attentionSequence` tokens
 * @param context - the tokenizer context
 * @returns `events`, changed in place: emphasis and strong groups, unmatched runs turned into data
 */
export function resolveAllAttentionLinear(events: Event[], context: TokenizeContext): Event[] {
  const state: Resolution = {out: [], openers: [], bottoms: new Map(), built: [], context}
  const {out, openers} = state
  for (let index = 0; index < events.length; index++) {
    const event = events[index]!
    const token = event[1]
    if (event[0] !== 'enter' || token.type !== 'attentionSequence') {
      out.push(event)
      continue
    }
    // A sequence is a leaf: its exit follows.
    out.push(event, events[++index]!)
    const marker = context.sliceSerialize(token).charCodeAt(0)
    if (token._close) closeOpeners(state, token, marker)
    if (token._open && length(token) > 0 && out[out.length - 1]?.[1] === token) openers.push({token, marker, exit: out.length - 1})
  }
  // Runs left unmatched are plain text.
  for (const [, token] of out) if (token.type === 'attentionSequence') token.type = 'data'
  // In place, as micromark's resolvers work: callers may hold the array.
  events.length = out.length
  for (let index = 0; index < out.length; index++) events[index] = out[index]!
  return events
}

/** Match the closer at the end of the output with openers, as often as it has markers left. */
function closeOpeners(state: Resolution, closer: Token, marker: number): void {
  const {out, openers, bottoms, built, context} = state
  for (;;) {
    const closeLength = length(closer)
    const kind = `${marker}:${closer._open ? 1 : 0}:${closeLength % 3}`
    const bottom = bottoms.get(kind) ?? 0
    let found = -1
    for (let at = openers.length - 1; at >= bottom; at--) {
      const opener = openers[at]!
      if (opener.marker !== marker) continue
      const openLength = length(opener.token)
      // CommonMark's rule of three: a run that can both open and close matches only when the sum
      // of the lengths is not a multiple of three, unless both are.
      if ((opener.token._close || closer._open) && closeLength % 3 && !((openLength + closeLength) % 3)) continue
      found = at
      break
    }
    if (found < 0) {
      bottoms.set(kind, openers.length)
      return
    }
    const opener = openers[found]!
    const at = opener.exit - 1
    let depth = 1
    while (built.length > 0 && built[built.length - 1]!.at >= at) depth = Math.max(depth, built.pop()!.depth + 1)
    if (depth > MAX_EMPHASIS_DEPTH) {
      throw new InlineLimitError(
        'emphasis-depth',
        `emphasis nested more than ${MAX_EMPHASIS_DEPTH} deep (the parser's time grows with depth times length); remove or escape (\\*, \\_) the extra markers`,
        opener.token.start.line,
        opener.token.start.column,
      )
    }
    const tail = out.splice(at)
    const inner = tail.slice(2, -2)
    const nextEvents = group(opener.token, closer, inner, context)
    built.push({at: length(opener.token) > 0 ? at + 2 : at, depth})
    for (const event of nextEvents) out.push(event)
    // Openers inside the new group are gone; the matched one stays only while it has markers.
    const keep = length(opener.token) > 0 ? found + 1 : found
    openers.length = keep
    for (const [key, value] of bottoms) if (value > found) bottoms.set(key, found)
    if (length(closer) === 0) return
  }
}

/**
 * The events of one emphasis or strong group, exactly as micromark builds them: the opener's
 * and closer's remaining markers outside, the markers used as sequences, the content between
 * resolved as a span.
 */
function group(opener: Token, closer: Token, inner: Event[], context: TokenizeContext): Event[] {
  const use = length(opener) > 1 && length(closer) > 1 ? 2 : 1
  const strong = use > 1
  const start = {...opener.end}
  const end = {...closer.start}
  movePoint(start, -use)
  movePoint(end, use)
  const openingSequence: Token = {type: strong ? 'strongSequence' : 'emphasisSequence', start, end: {...opener.end}}
  const closingSequence: Token = {type: strong ? 'strongSequence' : 'emphasisSequence', start: {...closer.start}, end}
  const text: Token = {type: strong ? 'strongText' : 'emphasisText', start: {...opener.end}, end: {...closer.start}}
  const wrapper: Token = {type: strong ? 'strong' : 'emphasis', start: {...openingSequence.start}, end: {...closingSequence.end}}
  opener.end = {...openingSequence.start}
  closer.start = {...closingSequence.end}
  const events: Event[] = []
  if (length(opener) > 0) events.push(['enter', opener, context], ['exit', opener, context])
  events.push(['enter', wrapper, context], ['enter', openingSequence, context], ['exit', openingSequence, context], ['enter', text, context])
  // Runs inside that found no partner are text (micromark's span resolvers would make them so);
  // then the span resolvers run on the content, as micromark runs them.
  for (const [, token] of inner) if (token.type === 'attentionSequence') token.type = 'data'
  for (const event of resolveSpan(inner, context)) events.push(event)
  events.push(['exit', text, context], ['enter', closingSequence, context], ['exit', closingSequence, context], ['exit', wrapper, context])
  if (length(closer) > 0) events.push(['enter', closer, context], ['exit', closer, context])
  return events
}

/** micromark-util-resolve-all over the span constructs (each resolver once). */
function resolveSpan(events: Event[], context: TokenizeContext): Event[] {
  const called: Resolver[] = []
  let resolved = events
  for (const construct of context.parser.constructs.insideSpan.null ?? []) {
    const resolve = construct.resolveAll
    if (resolve && !called.includes(resolve)) {
      resolved = resolve(resolved, context)
      called.push(resolve)
    }
  }
  return resolved
}

function length(token: Token): number {
  return token.end.offset - token.start.offset
}

/** Move a point within its line (sequences never span lines). */
function movePoint(point: Point, offset: number): void {
  point.column += offset
  point.offset += offset
  point._bufferIndex += offset
}
