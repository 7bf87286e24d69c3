/**
 * The lake's write token for a data folder.
 *
 * Placeholder on this branch: it returns the fixed offline token. Issue 10 replaces it with a
 * random token created once per data folder; callers (the `studio:offline` command) already use
 * this function so they pick the real token up without change.
 */
import {OFFLINE_TOKEN} from './defaults'

/**
 * The token the lake serving `dataDir` accepts for writes.
 *
 * @param _dataDir - the lake's data folder (where issue 10 keeps the token)
 * @returns the token (never print it)
 */
export function readOrCreateLakeToken(_dataDir: string): string {
  return OFFLINE_TOKEN
}
