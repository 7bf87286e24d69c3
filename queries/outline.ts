/** A flat outline entry: anything with a depth (`level`, 1 = a report's first pieces). */
export interface OutlineEntry {
  level: number
}

/** An outline entry with the entries nested under it. */
export type OutlineNode<T extends OutlineEntry> = T & {children: Array<OutlineNode<T>>}

/**
 * Outline depths from stored levels: each entry sits under the nearest earlier entry with a
 * smaller level, so depths start at 1 and a child is exactly one deeper than its parent. Levels
 * that already are outline depths come back unchanged; heading depths (`####` then `##`) become
 * depths (1, then 1).
 * @param levels - `section.level` values in outline order
 * @returns the depth of each entry (same order)
 */
export function outlineDepths(levels: readonly number[]): number[] {
  const open: number[] = []
  return levels.map((raw) => {
    const level = Number.isFinite(raw) ? raw : 1
    while (open.length > 0 && open[open.length - 1]! >= level) open.pop()
    open.push(level)
    return open.length
  })
}

/**
 * Nests a report's flat outline (as `reportOutlineQuery` / `reportQuery` return it) into a tree.
 * @param entries - sections in outline order, each with `level`
 * @returns the top-level entries, each with its `children` (entries are copied, not mutated)
 */
export function nestOutline<T extends OutlineEntry>(entries: readonly T[]): Array<OutlineNode<T>> {
  const roots: Array<OutlineNode<T>> = []
  const stack: Array<OutlineNode<T>> = []
  const depths = outlineDepths(entries.map((entry) => entry.level))
  entries.forEach((entry, index) => {
    const node: OutlineNode<T> = {...entry, children: []}
    const depth = depths[index]!
    stack.length = depth - 1
    const parent = stack[depth - 2]
    if (parent) parent.children.push(node)
    else roots.push(node)
    stack.push(node)
  })
  return roots
}
