/**
 * Who may read what, as in Sanity's Content Lake: published documents are public (unless the
 * lake runs with `--private`); drafts (`drafts.…`), release versions (`versions.…`) and any other
 * id with a dot (Sanity's "non-root paths") need a valid token, as do the `raw`, `drafts` and
 * `previewDrafts` perspectives when asked for explicitly.
 */
import {HttpError} from '../http.ts'
import type {StoredDocument} from '../journal.ts'

/**
 * Can an anonymous reader see this document id?
 *
 * @param id - document id
 * @returns true for root-path ids (no dot), e.g. `post-1`, not `drafts.post-1`
 */
export function isPublicId(id: string): boolean {
  return !id.includes('.')
}

/**
 * The documents an anonymous reader may query.
 *
 * @param documents - a dataset's documents
 * @returns only the public ones
 */
export function publicDocuments(documents: StoredDocument[]): StoredDocument[] {
  return documents.filter((doc) => isPublicId(doc._id))
}

/**
 * A 401 for a read that needs a token.
 *
 * @param what - what was asked for, e.g. `the "drafts" perspective`
 * @returns the error to throw
 */
export function tokenRequired(what: string): HttpError {
  return new HttpError(401, {
    error: 'Unauthorized',
    message: `Not authorized: reading ${what} needs a token`,
    statusCode: 401,
  })
}
