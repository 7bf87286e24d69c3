/**
 * Where every command (push, query, render, export) and the Studio point: project id, dataset,
 * API host, Studio API host and token, each with where it came from. One resolution for all of
 * them, so a value meant for the offline lake cannot leak into a real project's path.
 *
 * The offline target is chosen explicitly: project id `offline` (the default) means the local
 * lake, whose hosts are then the defaults. A real project id gets no host unless one is set, and
 * a loopback host set next to a real project id is refused with the variable to clear.
 *
 * Browser-safe (the Studio config imports it): no Node imports; `load.ts` reads `.env` and the
 * lake's token file.
 */
import {DEFAULT_DATASET, OFFLINE_LAKE_SECURE_URL, OFFLINE_LAKE_URL, OFFLINE_PROJECT_ID} from '../lake/defaults.ts'
import {datasetNameProblem} from './names.ts'

/**
 * Where a value came from, for messages ("the token from SANITY_API_TOKEN in .env was refused").
 * `configuration`: the environment or `.env`, when a tool merged them first (the Sanity CLI does).
 */
export type ValueSource = 'flag' | 'environment' | '.env' | 'configuration' | 'lake-token' | 'default'

/** A resolved value and its origin. */
export interface Sourced {
  value: string
  source: ValueSource
  /** The variable or flag it was read from (`SANITY_API_HOST`, `--token`); the file for `lake-token`. */
  name: string
}

/** The variables a target is read from, each with its origin (environment or `.env`). */
export type TargetVariables = Readonly<Record<string, Sourced | undefined>>

/** The default API version of every client here. */
export const DEFAULT_API_VERSION = '2025-02-19'

/** The Studio API host meaning "the origin this Studio is served from" (`npm run studio:offline`). */
export const SAME_ORIGIN_API_HOST = 'same-origin'

/** The resolved target of the Node tools. */
export interface Target {
  projectId: Sourced
  dataset: Sourced
  apiVersion: Sourced
  /** Where requests go; undefined: Sanity's API (`https://<projectId>.api.sanity.io`). */
  apiHost?: Sourced
  /** Never printed; see {@link describeSource} for messages. */
  token?: Sourced
  /** Project id `offline`: the local lake. */
  offline: boolean
}

/** The resolved target of the Studio (a browser). */
export interface StudioTarget {
  projectId: Sourced
  dataset: Sourced
  /** Where the Studio's requests go; undefined: Sanity. */
  apiHost?: Sourced
  /** The local lake's token, baked into an offline build only. */
  token?: Sourced
  offline: boolean
}

/** A configuration that cannot be used as it is: one line that says what to change. */
export class TargetError extends Error {
  override name = 'TargetError'
}

/**
 * Where a value came from, in words.
 * @param value - a resolved value
 * @returns e.g. `SANITY_API_TOKEN in .env`, `--token`, `the local lake's token (.data/lake-token)`
 */
export function describeSource(value: Sourced): string {
  switch (value.source) {
    case 'flag':
      return value.name
    case 'environment':
      return `${value.name} in the environment`
    case '.env':
      return `${value.name} in .env`
    case 'configuration':
      return `${value.name} in the environment or .env`
    case 'lake-token':
      return `the local lake's token (${value.name})`
    default:
      return `the default ${value.name}`
  }
}

/**
 * Is this URL on this machine (127.0.0.0/8, `localhost`, `::1`, `0.0.0.0`), or the offline Studio's
 * `same-origin`? A real project's requests must never go there.
 * @param url - an API host
 * @returns true for a loopback host
 */
export function isLoopbackUrl(url: string | undefined): boolean {
  if (!url) return false
  if (url === SAME_ORIGIN_API_HOST) return true
  let host: string
  try {
    host = new URL(url).hostname
  } catch {
    return false
  }
  return host === 'localhost' || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]' || host === '0.0.0.0'
}

const firstSet = (...values: Array<Sourced | undefined>): Sourced | undefined =>
  values.find((value) => value !== undefined && value.value.trim() !== '')

const defaulted = (name: string, value: string): Sourced => ({value, source: 'default', name})

/** Options of {@link resolveTarget}. */
export interface ResolveOptions {
  /** Command-line values; they win over the variables. */
  flags?: {token?: string; dataset?: string}
  /** The local lake's token, read only for the offline target when no token is set. */
  lakeToken?: () => Sourced | undefined
}

/**
 * The dataset, checked against Sanity's name rules before anything uses it (a file name, a URL).
 * @param vars - the variables
 * @param flag - a `--dataset`-like command-line value, if any
 * @returns the dataset
 * @throws TargetError for a name Sanity would refuse
 */
export function resolveDataset(vars: TargetVariables, flag?: string): Sourced {
  const fromFlag: Sourced | undefined = flag?.trim() ? {value: flag.trim(), source: 'flag', name: '--dataset'} : undefined
  const dataset = fromFlag ?? firstSet(vars.SANITY_DATASET) ?? defaulted('dataset', DEFAULT_DATASET)
  const problem = datasetNameProblem(dataset.value)
  if (problem) throw new TargetError(`${assignment(dataset)} is not a Sanity dataset name: ${problem}`)
  return dataset
}

/**
 * The Node tools' target: `SANITY_PROJECT_ID` (default `offline`), `SANITY_DATASET`
 * (`production`), `SANITY_API_VERSION`, `SANITY_API_HOST` (the lake for `offline`, else Sanity)
 * and the token: `SANITY_API_TOKEN` for a real project; for `offline`, the lake's own token
 * (`SANITY_LAKE_TOKEN`, else the lake's token file) and never `SANITY_API_TOKEN`, so a real
 * project's token kept in `.env` is not sent to a local server.
 * @param vars - the variables with their origins (environment, then `.env`)
 * @param options - command-line values and the lake's token
 * @returns the target
 * @throws TargetError for a bad dataset name or project id, an unreadable host, or a loopback host
 *   next to a real project id (naming the variable to clear)
 */
export function resolveTarget(vars: TargetVariables, options: ResolveOptions = {}): Target {
  const projectId = checkedProjectId(firstSet(vars.SANITY_PROJECT_ID) ?? defaulted('project id', OFFLINE_PROJECT_ID))
  const offline = projectId.value === OFFLINE_PROJECT_ID
  const dataset = resolveDataset(vars, options.flags?.dataset)
  const setHost = firstSet(vars.SANITY_API_HOST)
  const apiHost = setHost ? checkedHost(setHost, projectId) : offline ? defaulted('lake address', OFFLINE_LAKE_URL) : undefined
  const flagToken = options.flags?.token?.trim() ? {value: options.flags.token.trim(), source: 'flag' as const, name: '--token'} : undefined
  const token = flagToken ?? (offline ? firstSet(vars.SANITY_LAKE_TOKEN) ?? options.lakeToken?.() : firstSet(vars.SANITY_API_TOKEN))
  return {
    projectId,
    dataset,
    apiVersion: firstSet(vars.SANITY_API_VERSION) ?? defaulted('API version', DEFAULT_API_VERSION),
    ...(apiHost ? {apiHost: {...apiHost, value: apiHost.value.replace(/\/+$/, '')}} : {}),
    ...(token ? {token} : {}),
    offline,
  }
}

/**
 * The Studio's target: `SANITY_STUDIO_*` first (the only variables a browser bundle sees), then
 * `SANITY_*`, then the offline defaults. The API host: `SANITY_STUDIO_API_HOST` as given; else
 * `SANITY_API_HOST` (a loopback `http://` one as `https://` on the same port: the lake serves both,
 * and a browser needs TLS for HTTP/2); else, offline, the local lake over HTTPS; else Sanity.
 * @param vars - the variables (values only matter; a browser has no `.env`)
 * @returns the target, and the problem that makes it unusable (a loopback host next to a real
 *   project id), which `sanity build`/`dev` and `npm run studio` refuse
 */
export function resolveStudioTarget(vars: TargetVariables): {target: StudioTarget; problem?: string} {
  const projectId = firstSet(vars.SANITY_STUDIO_PROJECT_ID, vars.SANITY_PROJECT_ID) ?? defaulted('project id', OFFLINE_PROJECT_ID)
  const offline = projectId.value === OFFLINE_PROJECT_ID
  const studioHost = firstSet(vars.SANITY_STUDIO_API_HOST)
  const toolsHost = firstSet(vars.SANITY_API_HOST)
  const setHost = studioHost ?? toolsHost
  const apiHost = studioHost ?? (toolsHost ? {...toolsHost, value: forBrowser(toolsHost.value)} : undefined) ?? (offline ? defaulted('lake address', OFFLINE_LAKE_SECURE_URL) : undefined)
  const token = firstSet(vars.SANITY_STUDIO_API_TOKEN)
  const target: StudioTarget = {
    projectId,
    dataset: firstSet(vars.SANITY_STUDIO_DATASET, vars.SANITY_DATASET) ?? defaulted('dataset', DEFAULT_DATASET),
    ...(apiHost ? {apiHost} : {}),
    ...(token ? {token} : {}),
    offline,
  }
  // The message names the value as it was set (the tools' http:// one, not its https:// form).
  const problem = !offline && setHost && isLoopbackUrl(setHost.value) ? loopbackProblem(setHost, projectId) : datasetProblem(target.dataset)
  return problem ? {target, problem} : {target}
}

/**
 * The settings `createClient` needs for a target (no token: callers add one where a request needs it).
 * @param target - the resolved target
 * @returns project id, dataset, API version, host and whether the host is the project's own
 */
export function clientSettings(target: Target): {projectId: string; dataset: string; apiVersion: string; apiHost?: string; useProjectHostname: boolean} {
  return {
    projectId: target.projectId.value,
    dataset: target.dataset.value,
    apiVersion: target.apiVersion.value,
    ...(target.apiHost ? {apiHost: target.apiHost.value} : {}),
    useProjectHostname: !target.apiHost,
  }
}

/**
 * The API origin requests go to, for messages.
 * @param target - the resolved target
 * @returns e.g. `http://127.0.0.1:3333` or `https://abc123.api.sanity.io`
 */
export function apiOriginOf(target: Target): string {
  if (!target.apiHost) return `https://${target.projectId.value}.api.sanity.io`
  try {
    return new URL(target.apiHost.value).origin
  } catch {
    return target.apiHost.value
  }
}

function assignment(value: Sourced): string {
  const where = {environment: ' (from the environment)', '.env': ' (from .env)', configuration: ' (from the environment or .env)'}[value.source as string] ?? ''
  return value.source === 'default' ? `the ${value.name} "${value.value}"` : `${value.name}=${JSON.stringify(value.value)}${where}`
}

function checkedProjectId(projectId: Sourced): Sourced {
  // @sanity/client's rule; Sanity's own ids are lowercase letters and digits.
  if (!/^[-a-z0-9]+$/i.test(projectId.value)) throw new TargetError(`${assignment(projectId)} is not a Sanity project id: only letters, digits and "-"`)
  return projectId
}

function checkedHost(host: Sourced, projectId: Sourced): Sourced {
  let url: URL
  try {
    url = new URL(host.value)
  } catch {
    throw new TargetError(`${assignment(host)} is not a URL (e.g. http://127.0.0.1:3333 for the local lake; leave it empty for Sanity)`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TargetError(`${assignment(host)} is not an http(s) URL`)
  if (projectId.value !== OFFLINE_PROJECT_ID && isLoopbackUrl(host.value)) throw new TargetError(loopbackProblem(host, projectId))
  return host
}

function loopbackProblem(host: Sourced, projectId: Sourced): string {
  return (
    `${assignment(host)} points at this machine, but ${assignment(projectId)} is a real Sanity project: ` +
    `clear ${host.name} to use Sanity's API, or set ${projectId.name === 'SANITY_STUDIO_PROJECT_ID' ? 'SANITY_STUDIO_PROJECT_ID' : 'SANITY_PROJECT_ID'}=${OFFLINE_PROJECT_ID} for the local lake`
  )
}

function datasetProblem(dataset: Sourced): string | undefined {
  const problem = datasetNameProblem(dataset.value)
  return problem ? `${assignment(dataset)} is not a Sanity dataset name: ${problem}` : undefined
}

/**
 * The Node tools' lake address as a browser uses it: a loopback `http://` host becomes `https://`
 * on the same port, because the lake answers both there.
 */
function forBrowser(apiHost: string): string {
  let url: URL
  try {
    url = new URL(apiHost)
  } catch {
    return apiHost
  }
  if (url.protocol !== 'http:' || !isLoopbackUrl(apiHost)) return apiHost
  return `https://${url.host}${url.pathname === '/' ? '' : url.pathname}`
}
