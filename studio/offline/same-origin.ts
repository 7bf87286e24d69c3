/**
 * A Studio build that talks to whichever lake serves it: built with
 * `SANITY_STUDIO_API_HOST=same-origin`, the browser bundle uses its own page's origin as the API
 * host. The lake serves the Studio from its own HTTPS origin (`npm run studio:offline`), so one
 * build works on any port, and tests can share it.
 */

/** The `SANITY_STUDIO_API_HOST` value meaning "the origin this Studio is served from". */
export const SAME_ORIGIN_API_HOST = 'same-origin'

/**
 * The API host as the running Studio uses it.
 *
 * @param apiHost - the configured host (possibly {@link SAME_ORIGIN_API_HOST})
 * @returns the page's origin for a same-origin build in a browser, else `apiHost` unchanged
 */
export function resolveBrowserApiHost(apiHost: string | undefined): string | undefined {
  if (apiHost !== SAME_ORIGIN_API_HOST) return apiHost
  return typeof window === 'object' && window.location ? window.location.origin : apiHost
}
