import fc from 'fast-check'
import {describe, expect, test} from 'vitest'
import {nestOutline, outlineDepths, type OutlineNode} from '../../queries/outline.ts'

type Entry = {id: number; level: number}

function flatten<T extends {level: number}>(nodes: Array<OutlineNode<T>>, depth = 1, out: Array<{node: OutlineNode<T>; depth: number}> = []) {
  for (const node of nodes) {
    out.push({node, depth})
    flatten(node.children, depth + 1, out)
  }
  return out
}

describe('nestOutline', () => {
  test('outline depths nest one deeper per level; heading depths become outline depths', () => {
    const tree = nestOutline([{id: 1, level: 1}, {id: 2, level: 2}, {id: 3, level: 2}, {id: 4, level: 1}])
    expect(tree.map((node) => node.id)).toEqual([1, 4])
    expect(tree[0]!.children.map((node) => node.id)).toEqual([2, 3])
    // The sample's source heading depths: #### pieces, then a ## part with #### pieces under it.
    expect(outlineDepths([4, 4, 2, 4, 4, 2])).toEqual([1, 1, 1, 2, 2, 1])
    expect(outlineDepths([1, 2, 3, 2, 1])).toEqual([1, 2, 3, 2, 1])
  })

  test('any levels: preorder is the input order, depths are the outline depths, children are one deeper', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({min: 1, max: 6}), {maxLength: 40}), (levels) => {
        const entries: Entry[] = levels.map((level, id) => ({id, level}))
        const flat = flatten(nestOutline(entries))
        expect(flat.map(({node}) => node.id)).toEqual(entries.map((entry) => entry.id))
        expect(flat.map(({depth}) => depth)).toEqual(outlineDepths(levels))
        // Outline depths are a fixed point: nesting by them gives the same depths again.
        expect(outlineDepths(outlineDepths(levels))).toEqual(outlineDepths(levels))
      }),
    )
  })
})
