/**
 * Where the Studio and the CLI point: resolved from the environment with documented
 * fallbacks, so the same config works offline (the local lake) and against a real project.
 */
import {DEFAULT_DATASET, OFFLINE_LAKE_SECURE_URL, OFFLINE_PROJECT_ID} from '../lake/defaults'

/** Environment variable names this module reads (SANITY_STUDIO_* first: the browser sees only those). */
export type StudioEnvName =
  | 'SANITY_STUDIO_PROJECT_ID'
  | 'SANITY_STUDIO_DATASET'
  | 'SANITY_STUDIO_API_HOST'
  | 'SANITY_STUDIO_API_TOKEN'
  | 'SANITY_PROJECT_ID'
  | 'SANITY_DATASET'
  | 'SANITY_API_HOST'

/** An environment such as `process.env`; only the {@link StudioEnvName} entries are read. */
export type StudioEnvSource = Partial<Record<StudioEnvName, string>> & Readonly<Record<string, string | undefined>>

/** The resolved Studio target. */
export interface StudioEnv {
  projectId: string
  dataset: string
  /** Set when the Studio talks to a local stand-in (e.g. `npm run lake`) instead of sanity.io. */
  apiHost: string | undefined
  /**
   * The local lake's token (`SANITY_STUDIO_API_TOKEN`, set by `npm run studio` from
   * `.data/lake-token`); only used with an `apiHost`.
   */
  token?: string
}

/** Used when nothing is configured: the local Content Lake's project and dataset. */
export const OFFLINE_DEFAULTS = {projectId: OFFLINE_PROJECT_ID, dataset: DEFAULT_DATASET} as const

/**
 * The local lake (`npm run lake`) as a browser must reach it: over TLS, where HTTP/2 carries the
 * Studio's many event streams on one connection (over HTTP/1.1 a browser opens only six per host
 * and the Studio's queries stall behind the streams). The lake serves HTTPS and plain HTTP on
 * the same port.
 */
export const OFFLINE_LAKE_HOST = OFFLINE_LAKE_SECURE_URL

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

/**
 * The Node tools' lake address (`SANITY_API_HOST`, plain HTTP) as the Studio uses it: a loopback
 * `http://` host becomes `https://` on the same port, because the lake answers both there.
 */
function forBrowser(apiHost: string): string {
  let url: URL
  try {
    url = new URL(apiHost)
  } catch {
    return apiHost
  }
  if (url.protocol !== 'http:' || !LOOPBACK.has(url.hostname)) return apiHost
  return `https://${url.host}${url.pathname === '/' ? '' : url.pathname}`
}

const firstSet = (...values: Array<string | undefined>): string | undefined =>
  values.map((value) => value?.trim()).find((value): value is string => Boolean(value))

/**
 * Resolves project id, dataset and API host: `SANITY_STUDIO_*`, then `SANITY_*`, then the
 * offline defaults (project "offline", dataset "production"). The API host: `SANITY_STUDIO_API_HOST`
 * as given; else `SANITY_API_HOST`, a loopback `http://` one switched to `https://` (the local
 * lake serves both on one port, and the browser needs TLS); else, for the offline project, the
 * local lake ({@link OFFLINE_LAKE_HOST}); else none (sanity.io).
 *
 * @param env - the environment (e.g. `process.env`); empty strings count as unset
 * @returns the Studio target
 */
export function resolveStudioEnv(env: StudioEnvSource): StudioEnv {
  const projectId = firstSet(env.SANITY_STUDIO_PROJECT_ID, env.SANITY_PROJECT_ID) ?? OFFLINE_DEFAULTS.projectId
  const studioHost = firstSet(env.SANITY_STUDIO_API_HOST)
  const toolsHost = firstSet(env.SANITY_API_HOST)
  const token = firstSet(env.SANITY_STUDIO_API_TOKEN)
  return {
    ...(token ? {token} : {}),
    projectId,
    dataset: firstSet(env.SANITY_STUDIO_DATASET, env.SANITY_DATASET) ?? OFFLINE_DEFAULTS.dataset,
    apiHost:
      studioHost ??
      (toolsHost === undefined ? undefined : forBrowser(toolsHost)) ??
      (projectId === OFFLINE_DEFAULTS.projectId ? OFFLINE_LAKE_HOST : undefined),
  }
}

/**
 * Vite `define` entries that bake the resolved target into the browser bundle. The bundle only
 * sees `SANITY_STUDIO_*` variables, so the `SANITY_*` fallbacks are applied here, at build time.
 *
 * @param env - the resolved target
 * @returns `process.env.SANITY_STUDIO_*` → JSON string literal
 */
export function studioDefines(env: StudioEnv): Record<string, string> {
  return {
    'process.env.SANITY_STUDIO_PROJECT_ID': JSON.stringify(env.projectId),
    'process.env.SANITY_STUDIO_DATASET': JSON.stringify(env.dataset),
    'process.env.SANITY_STUDIO_API_HOST': JSON.stringify(env.apiHost ?? ''),
    // Only a local lake's token is baked in: with no API host the Studio signs in at sanity.io.
    'process.env.SANITY_STUDIO_API_TOKEN': JSON.stringify(env.apiHost ? (env.token ?? '') : ''),
  }
}
