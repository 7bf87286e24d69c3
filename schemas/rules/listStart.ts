import type {CustomValidator, ValidationError} from 'sanity'

/**
 * The number a numbered list starts at lives on its first item as `start` (numbering that
 * continues across paragraphs: `1.` … text … `2.`). Sanity's block type cannot declare fields of
 * its own, so the blocks carry it as an extra property (Portable Text allows them; the Studio's
 * editor keeps it) and this rule checks it: a whole number from 0, on a numbered list item only.
 *
 * @param value - an array of Portable Text members
 * @returns true, or one error per misplaced or malformed `start`
 */
export const listStartsValid: CustomValidator<unknown[] | undefined> = (value) => {
  if (!Array.isArray(value)) return true
  const errors: ValidationError[] = []
  for (const member of value as Array<{_type?: string; _key?: string; listItem?: string; start?: unknown}>) {
    if (member?._type !== 'block' || member.start === undefined || !member._key) continue
    const start = member.start
    if (typeof start !== 'number' || !Number.isInteger(start) || start < 0) {
      errors.push({code: 'custom.list-start', message: 'A list start must be a whole number from 0', path: [{_key: member._key}, 'start']})
    } else if (member.listItem !== 'number') {
      errors.push({code: 'custom.list-start', message: 'Only a numbered list item can say where its list starts', path: [{_key: member._key}, 'start']})
    }
  }
  return errors.length === 0 ? true : errors
}
