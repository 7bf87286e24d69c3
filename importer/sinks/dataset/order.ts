/**
 * The order documents are written in: every document after the documents it strongly
 * references (the Content Lake refuses a transaction that leaves a strong reference to a
 * missing document), so packing in this order never sends a reference before its target.
 * Documents that reference each other in a cycle stay adjacent, so they share a transaction
 * unless the cycle alone is larger than a request.
 */

/**
 * Ids a value strongly references, at any depth (`_ref` without `_weak: true`, same dataset).
 * @param value - a document or part of one
 * @returns the referenced ids, each once
 */
export function strongReferences(value: unknown): Set<string> {
  const found = new Set<string>()
  const walk = (current: unknown): void => {
    if (Array.isArray(current)) {
      for (const item of current) walk(item)
      return
    }
    if (current === null || typeof current !== 'object') return
    const record = current as Record<string, unknown>
    if (typeof record._ref === 'string' && record._weak !== true && record._dataset === undefined && record._projectId === undefined) {
      found.add(record._ref)
    }
    for (const child of Object.values(record)) walk(child)
  }
  walk(value)
  return found
}

/**
 * Sorts items so that each comes after the items it references (a depth-first post-order:
 * stable for documents without references among them; cycles keep their members adjacent).
 * @param items - anything with an id
 * @param referencesOf - the ids an item strongly references
 * @returns the items, referenced ones first
 */
export function dependencyOrder<T>(items: T[], idOf: (item: T) => string, referencesOf: (item: T) => Iterable<string>): T[] {
  const byId = new Map(items.map((item) => [idOf(item), item]))
  const state = new Map<string, 'visiting' | 'done'>()
  const ordered: T[] = []
  // Iterative DFS: a long reference chain must not overflow the stack.
  for (const root of items) {
    const rootId = idOf(root)
    if (state.has(rootId)) continue
    const stack: {id: string; next: Iterator<string>}[] = [{id: rootId, next: referencesOf(root)[Symbol.iterator]()}]
    state.set(rootId, 'visiting')
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as {id: string; next: Iterator<string>}
      const step = top.next.next()
      if (step.done) {
        stack.pop()
        state.set(top.id, 'done')
        ordered.push(byId.get(top.id) as T)
        continue
      }
      const child = byId.get(step.value)
      if (!child || state.has(step.value)) continue
      state.set(step.value, 'visiting')
      stack.push({id: step.value, next: referencesOf(child)[Symbol.iterator]()})
    }
  }
  return ordered
}
