/**
 * Document ids as the Content Lake accepts them (Sanity's "IDs and Paths"): at most 128
 * characters of `a-zA-Z0-9._-`, not starting with `-`, no `..` (ids are paths of
 * period-separated segments, and no segment may start with `-` or be empty), and `versions`
 * only as the first segment, then of an id with at least three segments
 * (`versions.<release>.<id>`).
 */

/** The longest document id Sanity accepts. */
export const MAX_ID_LENGTH = 128

const ID_CHARACTERS = /^[a-zA-Z0-9._-]+$/

/**
 * Why a document id is not one Sanity accepts.
 *
 * @param id - the id
 * @returns a short reason, or undefined when the id is valid
 */
export function documentIdProblem(id: string): string | undefined {
  if (id.length === 0) return 'it is empty'
  if (id.length > MAX_ID_LENGTH) return `it is ${id.length} characters long; at most ${MAX_ID_LENGTH} are allowed`
  if (!ID_CHARACTERS.test(id)) return 'only the characters a-z, A-Z, 0-9, ".", "_" and "-" are allowed'
  const segments = id.split('.')
  if (segments.some((segment) => segment === '')) return 'it has an empty path segment (a leading, trailing or doubled ".")'
  if (segments.some((segment) => segment.startsWith('-'))) return 'it or one of its path segments starts with "-"'
  const versions = segments.indexOf('versions', 1)
  if (versions > 0) return '"versions" may only be its first path segment'
  if (segments[0] === 'versions' && segments.length < 3) return 'a "versions." id needs a release and a document id (versions.<release>.<id>)'
  return undefined
}

/**
 * Is this a document id Sanity accepts?
 *
 * @param id - the id
 * @returns true when valid
 */
export function isDocumentId(id: string): boolean {
  return documentIdProblem(id) === undefined
}
