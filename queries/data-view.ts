import path from 'node:path'
import type {ClientPerspective} from '@sanity/client'
import {createClient} from '@sanity/client'
import {loadTargetConfig} from '../importer/sinks/dataset/config'
import type {TargetConfig} from '../importer/sinks/dataset/config'
import {readDataset, runLocalQuery, type StoredDocument} from './run-local'

/** The perspectives the query command offers. */
export type ReadPerspective = 'published' | 'drafts' | 'raw'

/** Where queries are answered from: one view of the data for `query` and `render`. */
export interface DataView {
  /** Runs a GROQ query. */
  fetch<T = unknown>(query: string, params?: Record<string, unknown>): Promise<T>
  /** One line for stderr: which source this is. */
  readonly description: string
  readonly kind: 'lake' | 'remote' | 'snapshot'
}

/** How to choose the view. */
export interface DataViewOptions {
  /** An NDJSON file to read: forces the snapshot. */
  dataset?: string | undefined
  /** Always ask the configured API (a real project or the lake), even when not answering. */
  remote?: boolean
  /** `published` (default) needs no token; `drafts` / `raw` use the configured one. */
  perspective?: ReadPerspective
  env?: NodeJS.ProcessEnv
  /** `.env` file to read; `false` none (tests). */
  envFile?: string | false
  /** How long the lake may take to answer its ping. */
  probeTimeoutMs?: number
}

/** A data source that could not be opened (missing snapshot): one line for the user. */
export class DataViewError extends Error {
  override name = 'DataViewError'
}

/**
 * Picks what `query` and `render` read: the given `--dataset` file; with `--remote` the configured
 * API; otherwise the configured lake when it answers (published documents, as a site reads them),
 * else the snapshot `.data/<dataset>.ndjson`.
 * @param options - dataset file, remote, perspective, environment
 * @returns the view, with a line saying which it is
 * @throws DataViewError when the snapshot file is missing
 */
export async function openDataView(options: DataViewOptions = {}): Promise<DataView> {
  const perspective = options.perspective ?? 'published'
  if (options.dataset) return snapshotView(options.dataset, 'as given with --dataset', perspective)
  const config = loadTargetConfig(options.env ?? process.env, {envFile: options.envFile})
  if (options.remote) return clientView(config, perspective, 'remote')
  if (config.apiHost && (await answers(config.apiHost, options.probeTimeoutMs ?? 1000))) {
    return clientView(config, perspective, 'lake')
  }
  const file = path.join('.data', `${config.dataset}.ndjson`)
  const why = config.apiHost ? `the lake at ${config.apiHost} is not running` : 'no lake configured; use --remote for the API'
  return snapshotView(file, why, perspective)
}

/**
 * A client reading with the given perspective. Published reads carry no token (what a public
 * site sees); only drafts/raw send the configured one.
 * @param config - the target
 * @param perspective - published, drafts or raw
 * @returns a configured client
 */
export function createReadClient(config: TargetConfig, perspective: ReadPerspective) {
  const token = perspective === 'published' ? undefined : config.token
  return createClient({
    projectId: config.projectId,
    dataset: config.dataset,
    apiVersion: config.apiVersion,
    ...(token ? {token} : {}),
    ...(config.apiHost ? {apiHost: config.apiHost} : {}),
    useProjectHostname: config.useProjectHostname,
    useCdn: false,
    perspective: perspective as ClientPerspective,
    ignoreBrowserTokenWarning: true,
  })
}

function clientView(config: TargetConfig, perspective: ReadPerspective, kind: 'lake' | 'remote'): DataView {
  const client = createReadClient(config, perspective)
  const where = config.apiHost ?? `project ${config.projectId}`
  return {
    kind,
    description: `reading ${perspective} documents from ${kind === 'lake' ? 'the running lake at ' : ''}${where}, dataset ${config.dataset}`,
    fetch: <T>(query: string, params: Record<string, unknown> = {}) => client.fetch<T>(query, params),
  }
}

async function snapshotView(file: string, why: string, perspective: ReadPerspective): Promise<DataView> {
  const stored = await readDataset(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new DataViewError(`${file}: no dataset here (run \`npm run import\` first)`)
    if (error.code === 'EISDIR') throw new DataViewError(`${file}: is a folder, not an NDJSON dataset`)
    throw new DataViewError(error.message)
  })
  const documents = applyPerspective(stored, perspective)
  return {
    kind: 'snapshot',
    description: `reading ${perspective === 'published' ? '' : `${perspective} documents of `}the snapshot ${file} (${why})`,
    fetch: <T>(query: string, params: Record<string, unknown> = {}) => runLocalQuery<T>(query, documents, params),
  }
}

/** Whether the lake answers its ping in time (any non-answer means: read the snapshot). */
async function answers(apiHost: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(`${apiHost}/v1/ping`, {signal: AbortSignal.timeout(timeoutMs)})
    await response.body?.cancel()
    return response.ok
  } catch {
    return false
  }
}

/** Ids of drafts (`drafts.x`) and release versions (`versions.r.x`): not published. */
const UNPUBLISHED = /^(?:drafts|versions)\./

/**
 * A snapshot as a perspective shows it, like the API does: the lake compacts editors' drafts
 * into its snapshot, and a site must not show them. `published` drops drafts and versions;
 * `drafts` shows each draft in place of its published document (under the published id); `raw`
 * shows everything.
 * @param documents - the snapshot
 * @param perspective - published, drafts or raw
 * @returns the documents that perspective sees
 */
export function applyPerspective(documents: readonly StoredDocument[], perspective: ReadPerspective): StoredDocument[] {
  if (perspective === 'raw') return [...documents]
  const published = documents.filter((document) => !UNPUBLISHED.test(document._id))
  if (perspective === 'published') return published
  const drafts = new Map(documents.filter((document) => document._id.startsWith('drafts.')).map((draft) => [draft._id.slice('drafts.'.length), draft]))
  const overlaid = published.map((document) => {
    const draft = drafts.get(document._id)
    return draft ? {...draft, _id: document._id} : document
  })
  const ids = new Set(published.map((document) => document._id))
  for (const [id, draft] of drafts) if (!ids.has(id)) overlaid.push({...draft, _id: id})
  return overlaid
}
