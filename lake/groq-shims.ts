/**
 * GROQ the Content Lake understands but groq-js 2 does not evaluate, rewritten into plain GROQ
 * that groq-js does: today `<text> match text::query(<search>)`, which the Studio's document
 * lists and search send. The rewrite works on the parsed tree (parameters are already folded
 * into values there), so query strings are never edited.
 *
 * It is a stand-in, not Sanity's search: terms are matched with groq-js's `match` (word and
 * `prefix*` matching, case-insensitive, no stemming). groq-js gathers no text from an object, so
 * a text side naming the document itself (`@`, as in the Studio's `[@, _id] match …`) is answered
 * from the documents the query runs over: every string in a document (keys starting with `_`
 * skipped, except `_id`) is searched, and the match becomes `_id in [matching ids]`.
 */
import {evaluateSync, type ExprNode} from 'groq-js'

/** A `text::query` search string split into what must and must not match. */
export interface TextQuery {
  /** Terms (or quoted phrases) that must all match. */
  include: string[]
  /** Terms (or quoted phrases) written with a leading `-`: none may match. */
  exclude: string[]
}

// A quoted phrase (maybe negated, maybe unterminated) or a run of non-space characters.
const TOKEN = /-?"[^"]*"?|\S+/g

/**
 * Split a search string the way `text::query` reads it: whitespace-separated terms, `"quoted
 * phrases"`, `-term` to exclude, `term*` for a prefix. A lone `*` (the Studio's empty search)
 * and empty phrases constrain nothing.
 *
 * @param search - the search string
 * @returns the terms to include and exclude
 */
export function parseTextQuery(search: string): TextQuery {
  const query: TextQuery = {include: [], exclude: []}
  for (const token of search.match(TOKEN) ?? []) {
    const negated = token.startsWith('-') && token.length > 1
    const term = (negated ? token.slice(1) : token).replace(/^"|"$/g, '').trim()
    if (term === '' || /^\*+$/.test(term)) continue
    ;(negated ? query.exclude : query.include).push(term)
  }
  return query
}

/**
 * Rewrite every `X match text::query("…")` in a parsed query into groq-js-evaluable GROQ:
 * `X match [included terms] && !(X match "excluded term") && …`, or `true` when the search
 * constrains nothing (so an empty Studio search lists every document). When the text side names
 * the document (`@`), the match becomes `_id in [ids of matching documents]`. A `text::query`
 * whose argument is not a constant string is left alone (groq-js then reports it as not
 * implemented).
 *
 * @param tree - the tree from groq-js `parse` (not modified)
 * @param documents - the documents the query runs over (for whole-document search)
 * @returns a tree without constant `text::query` calls under `match`
 */
export function shimTextSearch(tree: ExprNode, documents: ReadonlyArray<{_id: string}> = []): ExprNode {
  return mapNodes(tree, (node) => {
    if (node.type !== 'OpCall' || node.op !== 'match') return node
    const search = constantTextQuery(node.right)
    if (search === undefined) return node
    const query = parseTextQuery(search)
    if (query.include.length === 0 && query.exclude.length === 0) return {type: 'Value', value: true}
    if (!namesDocument(node.left)) return matchTextQuery(node.left, query)
    const ids = documents.filter((doc) => textMatches(searchableText(doc), query)).map((doc) => doc._id)
    return {type: 'OpCall', op: 'in', left: {type: 'AccessAttribute', name: '_id'}, right: {type: 'Value', value: ids}}
  })
}

/** `@` itself or an array literal with `@` among its elements. */
function namesDocument(node: ExprNode): boolean {
  if (node.type === 'This') return true
  return node.type === 'Array' && node.elements.some((element) => element.value.type === 'This')
}

/**
 * Every string in a value, for whole-document search: keys starting with `_` (`_type`, `_key`,
 * `_ref`, …) are skipped except `_id`.
 *
 * @param value - a document or any part of one
 * @returns the strings, depth first
 */
export function searchableText(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap((item) => searchableText(item))
  if (typeof value !== 'object' || value === null) return []
  return Object.entries(value).flatMap(([name, item]) => (name.startsWith('_') && name !== '_id' ? [] : searchableText(item)))
}

function textMatches(texts: string[], query: TextQuery): boolean {
  const value = evaluateSync(matchTextQuery({type: 'Value', value: texts}, query))
  return value.type === 'boolean' && value.data
}

/** The constant search string of a `text::query("…")` call, else undefined. */
function constantTextQuery(node: ExprNode): string | undefined {
  if (node.type !== 'FuncCall' || node.namespace !== 'text' || node.name !== 'query') return undefined
  const [arg] = node.args
  return node.args.length === 1 && arg?.type === 'Value' && typeof arg.value === 'string' ? arg.value : undefined
}

/** `text match [included]` and `!(text match excluded)` for each exclusion. */
function matchTextQuery(text: ExprNode, query: TextQuery): ExprNode {
  const matches = (pattern: string | string[]): ExprNode => ({
    type: 'OpCall',
    op: 'match',
    left: text,
    right: {type: 'Value', value: pattern},
  })
  const conditions: ExprNode[] = [
    ...(query.include.length > 0 ? [matches(query.include)] : []),
    ...query.exclude.map((term): ExprNode => ({type: 'Not', base: matches(term)})),
  ]
  const [first, ...rest] = conditions
  if (!first) return {type: 'Value', value: true}
  return rest.reduce((left, right): ExprNode => ({type: 'And', left, right}), first)
}

function isNode(value: unknown): value is ExprNode {
  return typeof value === 'object' && value !== null && typeof (value as {type?: unknown}).type === 'string'
}

/** Copy a tree bottom-up, letting `visit` replace each node (children are visited first). */
function mapNodes(node: ExprNode, visit: (node: ExprNode) => ExprNode): ExprNode {
  // A value's payload is data (e.g. a folded parameter object), never more tree.
  if (node.type === 'Value') return visit(node)
  const mapValue = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(mapValue)
    return isNode(value) ? mapNodes(value, visit) : value
  }
  const copy = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, mapValue(value)]))
  return visit(copy as unknown as ExprNode)
}
