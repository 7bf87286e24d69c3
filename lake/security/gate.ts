/**
 * The one read-access check in front of every route (routes.ts says what each needs): a wrong
 * token is refused on every API route, `token` and `write` routes need the token, `read` routes need it
 * when the lake is private, and a route naming a dataset that does not exist answers 404 without
 * creating it (writes excepted: the store decides how a write meets a missing dataset). The
 * token is checked before the dataset, so an anonymous caller cannot probe which datasets exist.
 */
import {apiError, HttpError, type AuthState} from '../http.ts'
import type {RouteMatch} from '../routes.ts'
import {isDatasetName} from '../store.ts'

/** Who is asking, and how the lake is configured. */
export interface Caller {
  auth: AuthState
  /** `--private`: published documents need the token too. */
  privateLake: boolean
}

/**
 * Refuse the request unless the caller may use the route.
 *
 * @param match - the route the request hit
 * @param caller - its authentication and the lake's privacy
 * @param datasets - which datasets exist (never creates one)
 * @throws HttpError 401 (token missing or wrong) or 404 (unknown dataset)
 */
export function checkAccess(match: RouteMatch, caller: Caller, datasets: {has(name: string): boolean}): void {
  const {access} = match.spec
  // Asset bytes and the Studio's own files are not the API: like Sanity's CDN, they ignore tokens.
  if (caller.auth === 'invalid' && !match.spec.unversionedOnly) throw unauthorized('Session does not match project host')
  const authenticated = caller.auth === 'valid'
  if ((access === 'token' || access === 'write') && !authenticated) {
    throw unauthorized(access === 'write' ? 'Not authorized: this action needs a token' : 'Not authorized: reading this needs a token')
  }
  if (access === 'read' && caller.privateLake && !authenticated) {
    throw unauthorized('Not authorized: this dataset is private; reading it needs a token')
  }
  const name = match.dataset
  if (name === undefined || access === 'write') return
  if (!isDatasetName(name) || !datasets.has(name)) throw apiError(404, `Dataset "${name}" not found`, 'notFound')
}

function unauthorized(message: string): HttpError {
  return new HttpError(401, {error: 'Unauthorized', message, statusCode: 401})
}
