/**
 * Bounds the nesting of lists and blockquotes before anything recursive
 * (mdast-util-to-hast, unist-util-visit) sees the tree: containers deeper
 * than {@link MAX_NESTING} are replaced by their leaf blocks, in order, with
 * one warning per flattened container. Iterative; the input is not mutated.
 */
import type {ListItem, Nodes, RootContent} from 'mdast'
import type {Diagnostics} from '../diagnostics.ts'

/** Lists and blockquotes nested deeper than this are flattened to this level. */
export const MAX_NESTING = 100

const isContainer = (node: Nodes) => node.type === 'list' || node.type === 'blockquote'

/** Whether any list/blockquote sits deeper than the limit. */
function exceeds(nodes: readonly RootContent[]): boolean {
  const stack: Array<{node: Nodes; depth: number}> = nodes.map((node) => ({node, depth: 0}))
  while (stack.length > 0) {
    const {node, depth} = stack.pop() as {node: Nodes; depth: number}
    const inner = isContainer(node) ? depth + 1 : depth
    if (inner > MAX_NESTING) return true
    if ('children' in node) for (const child of node.children) stack.push({node: child, depth: inner})
  }
  return false
}

interface Job {
  node: Nodes
  into: Nodes[]
  owner: Nodes | undefined
  depth: number
}

/**
 * @param nodes - mdast block nodes
 * @param diagnostics - receives a `nesting-flattened` warning per flattened container
 * @returns the same array when nothing is too deep, else a copy with deep containers flattened
 */
export function limitNesting(nodes: readonly RootContent[], diagnostics: Diagnostics): RootContent[] {
  if (!exceeds(nodes)) return [...nodes]
  const out: Nodes[] = []
  const stack: Job[] = []
  for (let index = nodes.length - 1; index >= 0; index--) {
    stack.push({node: nodes[index] as Nodes, into: out, owner: undefined, depth: 0})
  }
  while (stack.length > 0) {
    const {node, into, owner, depth} = stack.pop() as Job
    if (isContainer(node) && depth >= MAX_NESTING) {
      diagnostics.warn(
        'nesting-flattened',
        `lists/blockquotes nested deeper than ${MAX_NESTING} levels are flattened to that level`,
        node,
      )
      // Loose, so its paragraphs stay separate blocks instead of one tight item's text.
      if (owner?.type === 'listItem') (owner as ListItem).spread = true
      const leaves: Nodes[] = [node]
      while (leaves.length > 0) {
        const leaf = leaves.pop() as Nodes
        if (leaf.type === 'list' || leaf.type === 'listItem' || leaf.type === 'blockquote') {
          for (let index = leaf.children.length - 1; index >= 0; index--) leaves.push(leaf.children[index] as Nodes)
        } else into.push(leaf)
      }
      continue
    }
    if (!('children' in node)) {
      into.push(node)
      continue
    }
    const copy = {...node, children: [] as Nodes[]} as Nodes & {children: Nodes[]}
    into.push(copy)
    const inner = isContainer(node) ? depth + 1 : depth
    for (let index = node.children.length - 1; index >= 0; index--) {
      stack.push({node: node.children[index] as Nodes, into: copy.children, owner: copy, depth: inner})
    }
  }
  return out as RootContent[]
}
