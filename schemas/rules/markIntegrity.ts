import type {CustomValidator, ValidationError} from 'sanity'

/** A Portable Text block as stored, loosely typed: this rule is what checks its shape. */
interface LooseBlock {
  _type?: string
  _key?: string
  markDefs?: Array<{_key?: string}>
  children?: Array<{_key?: string; marks?: string[]}>
}

/**
 * Builds a rule that checks every span mark in an array of blocks is either a known decorator
 * or the `_key` of a markDef in the same block. A dangling mark (a link key that spilled over
 * from another block) renders as nothing on the site, so it is an error, located at the span.
 *
 * @param decorators - the decorator values allowed in these blocks
 * @returns a custom validator for an array of Portable Text members
 */
export function marksResolve(decorators: readonly string[]): CustomValidator<unknown[] | undefined> {
  const known = new Set(decorators)
  return (value) => {
    if (!Array.isArray(value)) return true
    const errors: ValidationError[] = []
    for (const member of value as LooseBlock[]) {
      if (member?._type !== 'block' || !member._key) continue
      const defs = new Set((member.markDefs ?? []).map((def) => def._key))
      for (const child of member.children ?? []) {
        const dangling = (child.marks ?? []).filter((mark) => !known.has(mark) && !defs.has(mark))
        if (dangling.length === 0 || !child._key) continue
        errors.push({
          code: 'custom.dangling-mark',
          message: `Mark ${dangling.join(', ')} is neither a decorator nor a markDef of this block`,
          path: [{_key: member._key}, 'children', {_key: child._key}, 'marks'],
        })
      }
    }
    return errors.length === 0 ? true : errors
  }
}
