/**
 * The token `npm run studio` gives the dev Studio (`SANITY_STUDIO_API_TOKEN`, which the Sanity CLI
 * bakes into the browser bundle): only ever a local lake's own token, and only for an API host on
 * this machine. Never `SANITY_API_TOKEN`: that is a real project's token, which no browser bundle
 * may carry.
 */
import {isLoopbackUrl} from '../config/target.ts'

const firstSet = (...values: Array<string | undefined>): string | undefined => values.map((value) => value?.trim()).find(Boolean)

/**
 * @param env - the environment, `.env` merged (`SANITY_STUDIO_API_TOKEN`, `SANITY_LAKE_TOKEN` are read)
 * @param apiHost - the Studio's API host, if it has one
 * @param lakeToken - reads (or creates) the local lake's token file
 * @returns the token to set, or undefined to set none (one is set already, or the host is not local)
 */
export function devStudioToken(env: Readonly<Record<string, string | undefined>>, apiHost: string | undefined, lakeToken: () => string): string | undefined {
  if (!apiHost || !isLoopbackUrl(apiHost) || firstSet(env.SANITY_STUDIO_API_TOKEN)) return undefined
  return firstSet(env.SANITY_LAKE_TOKEN) ?? lakeToken()
}
