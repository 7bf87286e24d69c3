/**
 * The lines every command prints for the two failures a new setup meets first: a token the API
 * refuses (which one was used, and what it needs) and a dataset that does not exist.
 */
import {describeSource, type Sourced} from './target.ts'

/** What a request needed the token for. */
export type TokenNeed = 'write' | 'read drafts' | 'manage datasets'

/**
 * Why the API answered 401/403, in words a user can act on.
 * @param status - 401 or 403
 * @param token - the token sent and where it came from; `undefined` when none was sent
 * @param need - what the request needed
 * @returns e.g. `the token from SANITY_API_TOKEN in .env was refused (401): a push needs a token with write access (Editor)`
 */
export function authFailureMessage(status: number, token: Sourced | undefined, need: TokenNeed): string {
  const what =
    need === 'write'
      ? 'a token with write access (role Editor or higher)'
      : need === 'manage datasets'
        ? 'a token that may manage datasets (role Administrator or Developer), or create the dataset once with `sanity dataset create`'
        : 'a token with read access (role Viewer or higher)'
  if (!token) {
    return `the API needs ${what} (${status}) and none is set: put one in SANITY_API_TOKEN (environment or .env; for the local lake, start it once so .data/lake-token exists, or set SANITY_LAKE_TOKEN)`
  }
  const refused = status === 403 ? 'lacks the access this needs' : 'was refused'
  return `the token from ${describeSource(token)} ${refused} (${status}): this needs ${what}`
}

/**
 * Is this API error a missing dataset (404 whose message names a dataset)?
 * @param status - the HTTP status
 * @param message - the API's message
 * @returns true for `Dataset "x" not found`-like answers
 */
export function isMissingDataset(status: number | undefined, message: string): boolean {
  return status === 404 && /dataset/i.test(message) && /not found|does not exist/i.test(message)
}
