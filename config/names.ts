/**
 * Sanity's naming rules, checked before any file is written or any request is sent: a bad
 * dataset name or document id is one clear line here rather than a 400 from the API (or a file
 * named after something the API would refuse). Browser-safe: no Node imports.
 */

/** Sanity's longest dataset name. */
export const MAX_DATASET_NAME_LENGTH = 64

/** Sanity's longest document id (the client refuses longer ones). */
export const MAX_DOCUMENT_ID_LENGTH = 128

/**
 * Why a dataset name is not one Sanity accepts: 1–64 characters, lowercase letters, digits, `-`
 * and `_`, beginning and ending with a letter or digit (Sanity's dataset documentation; the
 * Sanity CLI's `dataset create` checks the same).
 * @param name - the candidate name
 * @returns the problem in a few words, or undefined when the name is valid
 */
export function datasetNameProblem(name: string): string | undefined {
  if (name === '') return 'it is empty'
  if (name.length > MAX_DATASET_NAME_LENGTH) return `it is longer than ${MAX_DATASET_NAME_LENGTH} characters`
  if (!/^[a-z0-9_-]+$/.test(name)) return 'it may only contain lowercase letters, digits, "-" and "_"'
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return 'it must begin and end with a letter or a digit'
  return undefined
}

/**
 * Is this a dataset name Sanity accepts?
 * @param name - the candidate name
 * @returns true when valid (see {@link datasetNameProblem})
 */
export function isDatasetName(name: string): boolean {
  return datasetNameProblem(name) === undefined
}

/**
 * Why a document id is not one Sanity accepts ("IDs and Paths"): at most 128 characters of
 * `a-zA-Z0-9._-`; ids are paths of `.`-separated segments, none empty and none starting with
 * `-`; `versions` only as the first segment, of an id with at least three
 * (`versions.<release>.<id>`). The lake refuses with these words; a push checks them first.
 * @param id - the candidate id
 * @returns the problem in a few words, or undefined when the id is valid
 */
export function documentIdProblem(id: unknown): string | undefined {
  if (typeof id !== 'string') return 'it is missing or not a string'
  if (id === '') return 'it is empty'
  if (id.length > MAX_DOCUMENT_ID_LENGTH) return `it is ${id.length} characters long; at most ${MAX_DOCUMENT_ID_LENGTH} are allowed`
  if (!/^[a-zA-Z0-9._-]+$/.test(id)) return 'only the characters a-z, A-Z, 0-9, ".", "_" and "-" are allowed'
  const segments = id.split('.')
  if (segments.some((segment) => segment === '')) return 'it has an empty path segment (a leading, trailing or doubled ".")'
  if (segments.some((segment) => segment.startsWith('-'))) return 'it or one of its path segments starts with "-"'
  if (segments.indexOf('versions', 1) > 0) return '"versions" may only be its first path segment'
  if (segments[0] === 'versions' && segments.length < 3) return 'a "versions." id needs a release and a document id (versions.<release>.<id>)'
  return undefined
}

/**
 * Is this a document id Sanity accepts?
 * @param id - the candidate id
 * @returns true when valid (see {@link documentIdProblem})
 */
export function isDocumentId(id: unknown): id is string {
  return documentIdProblem(id) === undefined
}
