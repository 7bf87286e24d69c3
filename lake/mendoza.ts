/**
 * Mendoza patches (the effect format the Studio's history and listeners read) between two
 * versions of a document: top-level fields only, which is all the Studio's diff needs to
 * attribute a change to the transaction that made it.
 */

/** A mendoza patch: opcodes and operands, as `mendoza.applyPatch` reads them. */
export type MendozaPatch = unknown[]

// Opcodes from the mendoza format (mendoza/src/internal-patcher.ts).
const VALUE = 0
const OBJECT_SET_FIELD_VALUE = 17
const OBJECT_DELETE_FIELD = 19

/**
 * The patch that turns `before` into `after`: `[0, after]` when either side is missing (a
 * creation or, with `after` null, a deletion), else one set per changed field and one delete per
 * removed field. Operand order as mendoza's patcher reads it: a set is `17, value, key` (the value
 * first); a delete is `19, index` (the field's index among `before`'s sorted keys).
 *
 * @param before - the earlier document, or null
 * @param after - the later document, or null
 * @returns the patch
 */
export function mendozaPatch(before: Record<string, unknown> | null, after: Record<string, unknown> | null): MendozaPatch {
  if (before === null || after === null) return [VALUE, after]
  const patch: MendozaPatch = []
  for (const [key, value] of Object.entries(after)) {
    if (!(key in before) || JSON.stringify(before[key]) !== JSON.stringify(value)) patch.push(OBJECT_SET_FIELD_VALUE, value, key)
  }
  const keys = Object.keys(before).sort()
  keys.forEach((key, index) => {
    if (!(key in after)) patch.push(OBJECT_DELETE_FIELD, index)
  })
  return patch
}
