/**
 * Where the Studio and the CLI point: the one target resolution every command shares
 * (`config/target.ts`), read the Studio's way (`SANITY_STUDIO_*` first, the only variables a
 * browser bundle sees). Browser-safe.
 */
import {resolveStudioTarget, type Sourced, type TargetVariables} from '../config/target.ts'
import {DEFAULT_DATASET, OFFLINE_LAKE_SECURE_URL, OFFLINE_PROJECT_ID} from '../lake/defaults.ts'

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
 * Studio's many event streams on one connection. The lake serves HTTPS and plain HTTP on the
 * same port.
 */
export const OFFLINE_LAKE_HOST = OFFLINE_LAKE_SECURE_URL

/** A configuration the Studio must not be built or started with (a real project id aimed at this machine). */
export class StudioTargetError extends Error {
  override name = 'StudioTargetError'
}

/**
 * The variables as the target resolution reads them: the Sanity CLI has loaded `.env` into the
 * environment already, so a value's origin is "the environment or .env".
 * @param env - the environment
 * @returns name → value
 */
function variables(env: StudioEnvSource): TargetVariables {
  const vars: Record<string, Sourced> = {}
  for (const [name, value] of Object.entries(env)) if (typeof value === 'string') vars[name] = {value, source: 'configuration', name}
  return vars
}

/**
 * Resolves project id, dataset and API host: `SANITY_STUDIO_*`, then `SANITY_*`, then the
 * offline defaults (project "offline", dataset "production"). The API host: `SANITY_STUDIO_API_HOST`
 * as given; else `SANITY_API_HOST`, a loopback `http://` one switched to `https://`; else, for the
 * offline project, the local lake ({@link OFFLINE_LAKE_HOST}); else none (sanity.io).
 *
 * @param env - the environment (e.g. `process.env`); empty strings count as unset
 * @returns the Studio target
 */
export function resolveStudioEnv(env: StudioEnvSource): StudioEnv {
  const {target} = resolveStudioTarget(variables(env))
  return {
    ...(target.token ? {token: target.token.value} : {}),
    projectId: target.projectId.value,
    dataset: target.dataset.value,
    apiHost: target.apiHost?.value,
  }
}

/**
 * {@link resolveStudioEnv} for a Studio about to be built or served (`sanity build`/`dev`,
 * `npm run studio`): a configuration that would aim a real project's Studio at this machine, or
 * name a dataset Sanity refuses, stops here.
 * @param env - the environment
 * @param vars - the same variables with their exact origins, when known (`npm run studio` reads
 *   the environment and `.env` apart); else read from `env`
 * @returns the Studio target
 * @throws StudioTargetError naming the variable to clear
 */
export function checkedStudioEnv(env: StudioEnvSource, vars: TargetVariables = variables(env)): StudioEnv {
  const {problem} = resolveStudioTarget(vars)
  if (problem) throw new StudioTargetError(problem)
  return resolveStudioEnv(env)
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
