/**
 * Listener queries as Sanity reads them: only the top-level filter counts (projections, ordering
 * and slicing are ignored), and it is evaluated against one document at a time, so joins (`->`),
 * subqueries (`*`) and parent scopes (`^`) are refused. A filter that passes is cheap per document:
 * no work over the dataset, only over the document it is given. Runs in the query worker.
 */
import {evaluate, type ExprNode} from 'groq-js'

/** A listener query the lake refuses (answered 400). */
export class ListenFilterError extends Error {}

const IGNORED = new Set(['Map', 'Projection', 'Slice'])

/**
 * The filter a listener query applies to each document.
 *
 * @param tree - the parsed listener query
 * @returns one filter expression (several `[…]` are joined with `&&`), or a `true` value for `*`
 * @throws ListenFilterError when the query is not `*[…]` or its filter looks beyond one document
 */
export function listenerFilter(tree: ExprNode): ExprNode {
  let node: ExprNode = tree
  // Projections, order(), slices: ignored, as Sanity does.
  while (IGNORED.has(node.type) || (node.type === 'PipeFuncCall' && node.name === 'order')) {
    node = (node as {base: ExprNode}).base
  }
  const filters: ExprNode[] = []
  while (node.type === 'Filter') {
    filters.unshift(node.expr)
    node = node.base
  }
  if (node.type !== 'Everything') throw new ListenFilterError('A listener query must be a filter over documents, such as *[_type == "post"]')
  for (const filter of filters) checkPerDocument(filter)
  if (filters.length === 0) return {type: 'Value', value: true}
  return filters.reduce((left, right) => ({type: 'And', left, right}))
}

/**
 * Does the filter select this document?
 *
 * @param filter - from {@link listenerFilter}
 * @param document - the document, or null when it does not exist
 * @param params - the listener's parameters
 * @returns true when it matches
 */
export async function matchesFilter(filter: ExprNode, document: unknown, params: Record<string, unknown>): Promise<boolean> {
  if (document === null || document === undefined) return false
  const tree: ExprNode = {type: 'Filter', base: {type: 'Everything'}, expr: filter}
  const value = await evaluate(tree, {dataset: [document], params})
  const result: unknown = await value.get()
  return Array.isArray(result) && result.length > 0
}

/** Refuse anything that reads beyond the document: `*`, `->`, `^`. Iterative: filters can be deep. */
function checkPerDocument(filter: ExprNode): void {
  const stack: unknown[] = [filter]
  while (stack.length > 0) {
    const node = stack.pop()
    if (typeof node !== 'object' || node === null) continue
    if (Array.isArray(node)) {
      stack.push(...node)
      continue
    }
    const type = (node as {type?: unknown}).type
    if (type === 'Everything') throw new ListenFilterError('Listener queries operate on one document at a time: subqueries (*[…]) are not supported')
    if (type === 'Deref') throw new ListenFilterError('Listener queries operate on one document at a time: joins (->) are not supported')
    if (type === 'Parent') throw new ListenFilterError('Listener queries operate on one document at a time: parent scopes (^) are not supported')
    // Literal values (e.g. a folded `$ids` array) hold no expressions.
    if (type === 'Value') continue
    for (const child of Object.values(node)) if (typeof child === 'object' && child !== null) stack.push(child)
  }
}
