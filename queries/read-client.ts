/**
 * The Sanity client a read uses (`query`, `render`, `export`, frontends): its own module so a
 * command reading a snapshot file never loads the client and its HTTP stack.
 */
import type {ClientPerspective, SanityClient} from '@sanity/client'
import {createClient} from '@sanity/client'
import {timeoutSettings, timeoutsFrom} from '../config/http.ts'
import {clientSettings, type Target} from '../config/target.ts'

/** The perspectives the query command offers. */
export type ReadPerspective = 'published' | 'drafts' | 'raw'

/**
 * A client reading with the given perspective, every request bounded in time. Published reads
 * carry no token (what a public site sees); only drafts/raw send the configured one.
 * @param target - the target
 * @param perspective - published, drafts or raw
 * @param env - where request timeouts may be set (`SANITY_*_TIMEOUT_MS`)
 * @returns a configured client
 */
export function createReadClient(target: Target, perspective: ReadPerspective, env: NodeJS.ProcessEnv = process.env): SanityClient {
  const token = perspective === 'published' ? undefined : target.token?.value
  return createClient({
    ...clientSettings(target),
    ...(token ? {token} : {}),
    ...timeoutSettings(timeoutsFrom(env)),
    useCdn: false,
    perspective: perspective as ClientPerspective,
    ignoreBrowserTokenWarning: true,
  })
}

