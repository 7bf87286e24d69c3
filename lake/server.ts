/**
 * The local Content Lake: options, start-up (the data folder's lock, token, TLS certificate,
 * datasets) and shutdown. Requests go through dispatch.ts (routes, access gate, handlers),
 * sockets through transport.ts (protocols, timeouts, connection caps).
 */
import fs from 'node:fs'
import type {IncomingMessage, ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import type {Duplex} from 'node:stream'
import path from 'node:path'
import {ClientCaps} from './client-caps.ts'
import {DEFAULT_LAKE_PORT} from './defaults.ts'
import {checkUpgrade, handleRequest, type LakeRuntime, type RequestLogEntry} from './dispatch.ts'
import {createFaultInjector} from './faults.ts'
import {LakeHistory} from './history.ts'
import {drain, HttpError, sendJson} from './http.ts'
import {answerFor, resolveLimits, type LakeLimits} from './limits.ts'
import {lockDataFolder} from './lock.ts'
import {describeOpen} from './open-report.ts'
import {handleUpgrade} from './presence-socket.ts'
import {QueryError} from './query.ts'
import {QueryPool} from './query-pool.ts'
import {createCorsPolicy} from './security/cors.ts'
import {LakeStore, MutationError} from './store.ts'
import type {StudioHostOptions} from './studio-host.ts'
import {loadOrCreateCertificate, type TlsCredentials} from './tls.ts'
import {resolveToken} from './token.ts'
import {createTransport} from './transport.ts'
import type {OpenReport} from './store.ts'

export type {RequestLogEntry} from './dispatch.ts'
export type {RequestKind} from './routes.ts'

/** Options of {@link startLake}. */
export interface LakeOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one (default 3333). */
  port?: number
  /** Data folder (default `.data`). */
  dir?: string
  /**
   * Bearer token writes (and reads of drafts) need: default SANITY_LAKE_TOKEN, else the data
   * folder's random token in `<dir>/lake-token` (created on first start); blank means unset.
   * Never SANITY_API_TOKEN (a real project's token).
   */
  token?: string
  /**
   * Browser origins allowed to call the lake (CORS), besides the lake's own; default the
   * Studio dev server's (`http://localhost:3334`, `http://127.0.0.1:3334`).
   */
  studioOrigins?: string[]
  /** Published documents need a token too (default false: published reads are public). */
  private?: boolean
  /**
   * Folders an importer snapshot's `_sanityAsset` files may be read from (default: the working
   * directory). Files in the data folder and hidden folders are never read.
   */
  assetRoots?: string[]
  /**
   * Timeouts, connection caps, sizes, per-client caps and the query budget (defaults in
   * DEFAULT_LIMITS; the budget also from LAKE_QUERY_TIMEOUT_MS).
   */
  limits?: Partial<LakeLimits>
  /** Share of data/upload requests answered 503. */
  failRate?: number
  /** Share of data/upload requests answered 429 with `Retry-After: 1`. */
  throttleRate?: number
  /** Seed making fault injection deterministic. */
  seed?: number
  /** Project id in asset URLs and project endpoints (default `offline`). */
  projectId?: string
  /** Also append the request log to this NDJSON file. */
  requestLogFile?: string
  /** Milliseconds between listener keep-alive comments (default 15000). */
  keepAliveMs?: number
  /**
   * Told what opening each dataset found (a stale journal, snapshot images that could not be
   * ingested). Default: one line per problem on stderr.
   */
  onDatasetOpen?: (report: OpenReport) => void
  /**
   * Also accept TLS (HTTP/2, HTTP/1.1 by ALPN) on the same port as plain HTTP (default `true`):
   * `true` uses a self-signed certificate kept in `<dir>/tls/`, created on first start; `false`
   * serves plain HTTP only. Browsers need TLS for the Studio, which holds more event streams open
   * than the six HTTP/1.1 connections a browser allows per host.
   */
  tls?: boolean | TlsCredentials
  /**
   * Serve a built Studio from the lake's own origin (lake/studio-host.ts): the Studio over HTTPS,
   * a page explaining the certificate prompt over plain HTTP. API paths (`/v…`) are unaffected.
   */
  studio?: StudioHostOptions
}

/** A running lake. */
export interface Lake {
  /** `http://127.0.0.1:<port>`: @sanity/client's `apiHost` for Node tools. */
  url: string
  /** `https://127.0.0.1:<port>`, the same port over TLS (for browsers); undefined with `tls: false`. */
  secureUrl: string | undefined
  port: number
  /** Every request answered so far, in arrival order. */
  requestLog: RequestLogEntry[]
  store: LakeStore
  /** Stop listening, end open streams, compact every dataset. */
  close(): Promise<void>
}

/**
 * Start a local Content Lake.
 *
 * @param options - port, data folder, token, fault injection
 * @returns the running lake, once it listens
 * @throws LockedError when another lake serves the data folder (nothing in it was touched)
 */
export async function startLake(options: LakeOptions = {}): Promise<Lake> {
  const dir = path.resolve(options.dir ?? '.data')
  const limits: LakeLimits = resolveLimits(options.limits)
  // Before anything in the folder is read or written: one lake per data folder.
  const lock = lockDataFolder(dir)
  let queries: QueryPool | undefined
  try {
    const token = resolveToken(options.token, process.env.SANITY_LAKE_TOKEN, dir)
    const tls = options.tls ?? true
    const credentials = tls === true ? loadOrCreateCertificate(dir) : tls || undefined
    queries = new QueryPool({size: limits.queryWorkers, timeoutMs: limits.queryTimeoutMs})
    // A Studio opening right away asks several queries at once: do not make each wait for a thread.
    if (options.studio) queries.warm()
    return await listen(options, {dir, token, limits, credentials, queries, lock})
  } catch (error) {
    await queries?.close()
    lock.release()
    throw error
  }
}

interface Prepared {
  dir: string
  token: string
  limits: LakeLimits
  credentials: TlsCredentials | undefined
  queries: QueryPool
  lock: ReturnType<typeof lockDataFolder>
}

async function listen(options: LakeOptions, prepared: Prepared): Promise<Lake> {
  const {dir, token, limits, credentials, queries, lock} = prepared
  const projectId = options.projectId ?? 'offline'
  // Opened once the port (part of asset URLs) is known; no request is handled before.
  let store: LakeStore | undefined
  const requestLog: RequestLogEntry[] = []
  const streams = new Set<() => void>()
  let closing: Promise<void> | null = null
  let baseUrl = ''
  let port = 0
  // Replaced once the port is known (the lake's own origins are allowed).
  let cors = createCorsPolicy(options.studioOrigins, 0)
  const runtime: LakeRuntime = {
    dir,
    token,
    projectId,
    privateLake: options.private === true,
    keepAliveMs: options.keepAliveMs ?? 15_000,
    limits,
    studio: options.studio,
    queries,
    caps: new ClientCaps(limits),
    history: new LakeHistory(dir),
    nextFault: createFaultInjector(options),
    streams,
    store: () => {
      if (!store) throw new HttpError(503, {error: {description: 'The lake is starting', type: 'serviceUnavailable'}, statusCode: 503})
      return store
    },
    cors: () => cors,
    baseUrl: () => baseUrl,
    port: () => port,
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const entry: RequestLogEntry = {method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0] ?? '/', kind: 'other', status: 0}
    requestLog.push(entry)
    res.once('finish', () => {
      entry.status = res.statusCode
      if (options.requestLogFile) fs.appendFile(options.requestLogFile, `${JSON.stringify(entry)}\n`, () => {})
    })
    handleRequest(runtime, req, res, entry).catch((error: unknown) => answerError(req, res, entry, error, cors))
  }
  const presence = new Set<Duplex>()
  const onUpgrade = (req: IncomingMessage, socket: Duplex): boolean => {
    const release = checkUpgrade(runtime, req, socket)
    if (!release) return false
    socket.once('close', release)
    handleUpgrade(req, socket, presence)
    return true
  }
  const transport = createTransport(limits, credentials, {request: onRequest, upgrade: onUpgrade})
  const {server} = transport
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? DEFAULT_LAKE_PORT, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  baseUrl = `http://127.0.0.1:${port}`
  cors = createCorsPolicy(options.studioOrigins, port)
  try {
    store = openStore(dir, options, projectId, baseUrl)
    // History records from the first transaction on (each dataset's log lives beside its snapshot).
    for (const name of store.openAll()) runtime.history.attach(store.dataset(name))
    lock.setPort(port)
  } catch (error) {
    await new Promise((resolve) => server.close(resolve))
    throw error
  }
  const opened = store
  const close = (): Promise<void> => {
    closing ??= (async () => {
      // Running queries are cancelled, not awaited: shutdown never waits for a query.
      void queries.close()
      for (const stop of streams) stop()
      await transport.close()
      try {
        opened.close()
      } finally {
        lock.release()
      }
    })()
    return closing
  }
  return {url: baseUrl, secureUrl: credentials ? `https://127.0.0.1:${port}` : undefined, port, requestLog, store: opened, close}
}

function openStore(dir: string, options: LakeOptions, projectId: string, baseUrl: string): LakeStore {
  return new LakeStore(dir, {
    onOpen: options.onDatasetOpen ?? ((report) => describeOpen(report).forEach((line) => process.stderr.write(`lake: ${line}\n`))),
    assets: {dir, projectId, baseUrl},
    assetRoots: options.assetRoots ?? [process.cwd()],
    onCloseError: (name, message) => process.stderr.write(`lake: ${name}: could not compact at shutdown (${message}); the journal keeps every write\n`),
  })
}

/** Bytes of a refused request's body the lake reads and discards before answering. */
const DRAIN_LIMIT = 8 * 1024 * 1024

/** Answer a request that failed: its status and Sanity's error shape, never internals. */
async function answerError(req: IncomingMessage, res: ServerResponse, entry: RequestLogEntry, error: unknown, cors: ReturnType<typeof createCorsPolicy>): Promise<void> {
  // Read (and discard) a remainder up to a little over the largest body a route takes, so a
  // client still sending an oversized mutation gets its 413 rather than a reset; a larger
  // declared remainder is not read at all.
  const drained = await drain(req, DRAIN_LIMIT)
  if (res.headersSent) {
    res.end()
    return
  }
  const headers: Record<string, string> = cors.allows(req) ? cors.headers(req) : {}
  // A refused or half-read HTTP/1.1 request frees its connection (HTTP/2 has no such header).
  if (req.httpVersionMajor === 1 && (!drained || (error instanceof HttpError && error.status === 429))) headers.Connection = 'close'
  if (error instanceof HttpError) sendJson(res, error.status, error.body, {...headers, ...error.headers})
  else if (error instanceof MutationError || error instanceof QueryError) sendJson(res, error.status, error.body, headers)
  else {
    const {answer, log} = answerFor(error)
    if (log) {
      const message = error instanceof Error ? error.message : String(error)
      process.stderr.write(`lake: ${answer.status === 507 ? 'disk full' : 'internal error'} on ${entry.method} ${entry.path}: ${message}\n`)
    }
    sendJson(res, answer.status, answer.body, headers)
  }
}
