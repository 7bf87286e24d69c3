/**
 * The client a push writes with: the target resolved once for every command (`config/target.ts`:
 * a real project, or the local lake for project id `offline`), with every request bounded in
 * time (`config/http.ts`).
 */
import {createClient, type SanityClient} from '@sanity/client'
import {timeoutSettings, type Timeouts} from '../../../config/http.ts'
import {clientSettings, type Target} from '../../../config/target.ts'
import {scrubUrlCredentials} from './scrub.ts'

/**
 * Builds the client a push uses. Its own retries are off: the push retries (and counts) itself.
 * @param target - where to write, with the token
 * @param timeouts - connect, response and idle limits of every request
 * @returns a client writing to the target's dataset
 */
export function createTargetClient(target: Target, timeouts: Timeouts): SanityClient {
  return createClient({
    ...clientSettings(target),
    ...(target.token ? {token: target.token.value} : {}),
    ...timeoutSettings(timeouts),
    useCdn: false,
    perspective: 'raw',
    maxRetries: 0,
    ignoreBrowserTokenWarning: true,
  })
}

/**
 * The API origin a client talks to, for messages (never includes the token).
 * @param client - the client in use
 * @returns e.g. `http://127.0.0.1:3333` or `https://<project>.api.sanity.io`
 */
export function apiOrigin(client: SanityClient): string {
  const {apiHost, projectId, useProjectHostname} = client.config()
  if (!apiHost) return `https://${projectId ?? 'unknown'}.api.sanity.io`
  try {
    const url = new URL(apiHost)
    if (useProjectHostname && projectId) url.hostname = `${projectId}.${url.hostname}`
    return url.origin
  } catch {
    return scrubUrlCredentials(apiHost)
  }
}
