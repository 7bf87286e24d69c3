/** The lake's mendoza patches replay exactly with the mendoza library the Studio uses. */
import fc from 'fast-check'
import {applyPatch} from 'mendoza'
import {expect, it} from 'vitest'
import {mendozaPatch} from '../../lake/mendoza.ts'

const documents = fc.dictionary(fc.string({maxLength: 6}), fc.jsonValue({maxDepth: 3}), {maxKeys: 8})

it('turns any document into any other (apply) and back (revert)', () => {
  fc.assert(
    fc.property(documents, documents, (before, after) => {
      // JSON round trip: the wire format (e.g. -0 becomes 0).
      const a = JSON.parse(JSON.stringify(before)) as Record<string, unknown>
      const b = JSON.parse(JSON.stringify(after)) as Record<string, unknown>
      expect(applyPatch(a, JSON.parse(JSON.stringify(mendozaPatch(a, b))))).toEqual(b)
      expect(applyPatch(b, JSON.parse(JSON.stringify(mendozaPatch(b, a))))).toEqual(a)
    }),
    {numRuns: 300},
  )
})

it('creates and deletes with whole values, and touches only changed fields', () => {
  expect(mendozaPatch(null, {_id: 'a'})).toEqual([0, {_id: 'a'}])
  expect(mendozaPatch({_id: 'a'}, null)).toEqual([0, null])
  expect(mendozaPatch({_id: 'a', title: 'x', gone: 1}, {_id: 'a', title: 'y'})).toEqual([17, 'y', 'title', 19, 1])
})
