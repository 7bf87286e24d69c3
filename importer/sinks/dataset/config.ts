/**
 * Where a push goes: a real Sanity project (no `SANITY_API_HOST`) or the local lake
 * (`SANITY_API_HOST=http://127.0.0.1:3333`), read from the environment and `.env`.
 */
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {createClient, type SanityClient} from '@sanity/client'
import {parse} from 'dotenv'
import {DEFAULT_DATASET, DEFAULT_LAKE_DIR, OFFLINE_LAKE_URL, OFFLINE_PROJECT_ID} from '../../../lake/defaults'
import {readLakeToken} from '../../../lake/token'
import {scrubUrlCredentials} from './scrub'

export interface TargetConfig {
  projectId: string
  dataset: string
  apiVersion: string
  /** Never printed; see {@link describeTarget}. */
  token?: string
  /** Set only for a local/self-hosted API (then `useProjectHostname` is false). */
  apiHost?: string
  useProjectHostname: boolean
}

export interface LoadConfigOptions {
  /** The `.env` file to read; `false` reads none. Defaults to `.env` in the working directory. */
  envFile?: string | false
  /** The local lake's data folder, whose `lake-token` is used offline (default `.data`). */
  lakeDir?: string
}

/** Offline defaults: the local lake's project and dataset. */
export const DEFAULTS = {projectId: OFFLINE_PROJECT_ID, dataset: DEFAULT_DATASET, apiVersion: '2025-02-19'}

/**
 * With no project configured the target is the local lake (`npm run lake`) on its default port,
 * with the random token of its data folder (`.data/lake-token`, written by the lake on its first
 * start): offline work needs no settings.
 */
export const OFFLINE_TARGET = {apiHost: OFFLINE_LAKE_URL}

function readEnvFile(file: string | false): Record<string, string> {
  if (file === false || !existsSync(file)) return {}
  return parse(readFileSync(file))
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim()
  return trimmed ? trimmed : undefined
}

/**
 * Reads the push target from the environment, with `.env` filling the gaps (the environment
 * wins, as dotenv does).
 * @param env - variables to read; defaults to `process.env`
 * @param options - which `.env` file to read
 * @returns the target; offline (no project id) it is the local lake with its data folder's token
 */
export function loadTargetConfig(
  env: NodeJS.ProcessEnv = process.env,
  options: LoadConfigOptions = {},
): TargetConfig {
  const file = options.envFile ?? path.resolve('.env')
  const merged: Record<string, string | undefined> = {...readEnvFile(file), ...env}
  const projectId = nonEmpty(merged.SANITY_PROJECT_ID) ?? DEFAULTS.projectId
  const offline = projectId === DEFAULTS.projectId
  const apiHost = nonEmpty(merged.SANITY_API_HOST)?.replace(/\/+$/, '') ?? (offline ? OFFLINE_TARGET.apiHost : undefined)
  const token =
    // Read, never created here: the lake creates it on its first start (a command that only
    // reads must not write into the data folder).
    nonEmpty(merged.SANITY_API_TOKEN) ?? (offline ? readLakeToken(options.lakeDir ?? DEFAULT_LAKE_DIR) : undefined)
  return {
    projectId,
    dataset: nonEmpty(merged.SANITY_DATASET) ?? DEFAULTS.dataset,
    apiVersion: nonEmpty(merged.SANITY_API_VERSION) ?? DEFAULTS.apiVersion,
    ...(token ? {token} : {}),
    ...(apiHost ? {apiHost} : {}),
    useProjectHostname: !apiHost,
  }
}

/**
 * Builds the client a push uses. Its own retries are off: the push retries (and counts) itself.
 * @param config - the target
 * @returns a client writing to `config.dataset`
 */
export function createTargetClient(config: TargetConfig): SanityClient {
  return createClient({
    projectId: config.projectId,
    dataset: config.dataset,
    apiVersion: config.apiVersion,
    ...(config.token ? {token: config.token} : {}),
    ...(config.apiHost ? {apiHost: config.apiHost} : {}),
    useProjectHostname: config.useProjectHostname,
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
