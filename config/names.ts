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
 * Why a document id is not one Sanity accepts: `a-z A-Z 0-9 . _ -`, at most 128 characters,
 * neither the id nor any of its `.`-separated path segments starting with `-`, and no empty
 * segment in the middle (`a..b`), as Sanity documents them and `@sanity/client` checks them.
 * @param id - the candidate id
 * @returns the problem in a few words, or undefined when the id is valid
 */
export function documentIdProblem(id: unknown): string | undefined {
  if (typeof id !== 'string' || id === '') return 'it is missing or not a string'
  if (id.length > MAX_DOCUMENT_ID_LENGTH) return `it is longer than ${MAX_DOCUMENT_ID_LENGTH} characters`
  if (!/^[a-zA-Z0-9._-]+$/.test(id)) return 'it may only contain letters, digits, ".", "_" and "-"'
  if (id.startsWith('.') || id.includes('..')) return 'it has an empty path segment'
  if (id.split('.').some((segment) => segment.startsWith('-'))) return 'it (or a path segment of it) starts with "-"'
  return undefined
}
