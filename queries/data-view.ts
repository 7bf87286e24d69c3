import path from 'node:path'
import {loadTarget} from '../config/load.ts'
import {describeRequestFailure} from '../config/request-errors.ts'
import {apiOriginOf, clientSettings, TargetError, type Target} from '../config/target.ts'
import type {ReadPerspective} from './read-client.ts'
import {readDataset, runLocalQuery, type StoredDocument} from './run-local.ts'

export type {ReadPerspective} from './read-client.ts'

/** Where queries are answered from: one view of the data for `query` and `render`. */
export interface DataView {
  /** Runs a GROQ query. */
  fetch<T = unknown>(query: string, params?: Record<string, unknown>): Promise<T>
  /** One line for stderr: which source this is. */
  readonly description: string
  readonly kind: 'lake' | 'remote' | 'snapshot'
  /** The configured target (absent for `--dataset <file>`): where asset URLs point. */
  readonly target?: Target
  /** The NDJSON file a snapshot view reads (its `_sanityAsset` paths are relative to it). */
  readonly file?: string
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

/** A data source that could not be opened or read (missing snapshot, bad configuration, API error): one line for the user. */
export class DataViewError extends Error {
  override name = 'DataViewError'
}

/**
 * Picks what `query` and `render` read: the given `--dataset` file; with `--remote` the configured
 * API; otherwise the configured lake when it answers (published documents, as a site reads them),
 * else the snapshot `.data/<dataset>.ndjson`.
 * @param options - dataset file, remote, perspective, environment
 * @returns the view, with a line saying which it is
 * @throws DataViewError when the snapshot file is missing or the configuration cannot be used
 *   (e.g. a real project id with the local lake's address)
 */
export async function openDataView(options: DataViewOptions = {}): Promise<DataView> {
  const perspective = options.perspective ?? 'published'
  if (options.dataset) return snapshotView(options.dataset, 'as given with --dataset', perspective)
  const env = options.env ?? process.env
  let target: Target
  try {
    target = loadTarget({env, ...(options.envFile === undefined ? {} : {envFile: options.envFile})})
  } catch (error) {
    if (error instanceof TargetError) throw new DataViewError(error.message)
    throw error
  }
  if (options.remote) return clientView(target, perspective, 'remote', env)
  if (target.apiHost && (await answers(target.apiHost.value, options.probeTimeoutMs ?? 1000))) {
    return clientView(target, perspective, 'lake', env)
  }
  const file = path.join('.data', `${target.dataset.value}.ndjson`)
  const why = target.apiHost ? `the lake at ${target.apiHost.value} is not running` : 'no lake configured; use --remote for the API'
  return {...(await snapshotView(file, why, perspective)), target}
}

async function clientView(target: Target, perspective: ReadPerspective, kind: 'lake' | 'remote', env: NodeJS.ProcessEnv): Promise<DataView> {
  // The client (and its HTTP stack) loads only when a lake or project is read, not for a snapshot.
  const {createReadClient} = await import('./read-client.ts')
  const client = createReadClient(target, perspective, env)
  const origin = apiOriginOf(target)
  const where = target.apiHost?.value ?? `project ${target.projectId.value}`
  const context = {origin, dataset: target.dataset, token: perspective === 'published' ? undefined : target.token, need: 'read drafts' as const}
  return {
    kind,
    target,
    description: `reading ${perspective} documents from ${kind === 'lake' ? 'the running lake at ' : ''}${where}, dataset ${target.dataset.value}`,
    fetch: async <T>(query: string, params: Record<string, unknown> = {}) => {
      // The raw answer, so a body without `result` (not the API) is an error, not `null`.
      const response = await client.fetch<T>(query, params, {filterResponse: false}).catch((error: unknown) => {
        throw new DataViewError(describeRequestFailure(error, context))
      })
      if (!response || typeof response !== 'object' || !('result' in response)) {
        throw new DataViewError(`${origin} answered the query without a result: is the API host right?`)
      }
      return response.result
    },
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
    file,
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
