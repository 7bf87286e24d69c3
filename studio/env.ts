/**
 * Where the Studio and the CLI point: resolved from the environment with documented
 * fallbacks, so the same config works offline (the local lake) and against a real project.
 */

/** Environment variable names this module reads (SANITY_STUDIO_* first: the browser sees only those). */
export type StudioEnvName =
  | 'SANITY_STUDIO_PROJECT_ID'
  | 'SANITY_STUDIO_DATASET'
  | 'SANITY_STUDIO_API_HOST'
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
}

/** Used when nothing is configured: the local Content Lake's project and dataset. */
export const OFFLINE_DEFAULTS = {projectId: 'offline', dataset: 'production'} as const

const firstSet = (...values: Array<string | undefined>): string | undefined =>
  values.map((value) => value?.trim()).find((value): value is string => Boolean(value))

/**
 * Resolves project id, dataset and API host: `SANITY_STUDIO_*`, then `SANITY_*`, then the
 * offline defaults (project "offline", dataset "production"; no API host).
 *
 * @param env - the environment (e.g. `process.env`); empty strings count as unset
 * @returns the Studio target
 */
export function resolveStudioEnv(env: StudioEnvSource): StudioEnv {
  return {
    projectId: firstSet(env.SANITY_STUDIO_PROJECT_ID, env.SANITY_PROJECT_ID) ?? OFFLINE_DEFAULTS.projectId,
    dataset: firstSet(env.SANITY_STUDIO_DATASET, env.SANITY_DATASET) ?? OFFLINE_DEFAULTS.dataset,
    apiHost: firstSet(env.SANITY_STUDIO_API_HOST, env.SANITY_API_HOST),
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
  }
}
