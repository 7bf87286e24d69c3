/**
 * The lake's HTTP server (node:http): routing, origin and host checks, auth, fault injection and
 * the request log. Security rules live in `security/`, limits in `limits.ts`.
 */
import fs from 'node:fs'
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import {createSecureServer, type Http2Session} from 'node:http2'
import type {AddressInfo, Socket} from 'node:net'
import type {Duplex} from 'node:stream'
import type {TLSSocket} from 'node:tls'
import path from 'node:path'
import {serveAsset} from './serve-asset'
import {findAsset} from './assets'
import {LakeHistory} from './history'
import {handleUpgrade} from './presence-socket'
import {answerStudioExtra} from './studio-extras'
import {serveStudio, type StudioHostOptions} from './studio-host'
import {
  handleActions,
  handleDoc,
  handleListen,
  handleMutate,
  handleQuery,
  handleUpload,
  type RequestContext,
} from './endpoints'
import {createFaultInjector} from './faults'
import {apiError, authState, drain, HttpError, sendJson} from './http'
import {answerFor, applyConnectionLimits, DEFAULT_LIMITS, type LakeLimits} from './limits'
import {describeOpen} from './open-report'
import {projectEndpoint} from './project'
import {switchProtocols} from './protocols'
import {QueryError} from './query'
import {QueryPool} from './query-pool'
import {createCorsPolicy} from './security/cors'
import {isLoopbackHost} from './security/host'
import {LakeStore, MutationError, type OpenReport} from './store'
import {loadOrCreateCertificate, type TlsCredentials} from './tls'
import {resolveToken} from './token'
import {DEFAULT_DATASET, DEFAULT_LAKE_PORT} from './defaults'

/** What kind of endpoint a request hit (for the request log). */
export type RequestKind = 'query' | 'mutate' | 'doc' | 'listen' | 'upload' | 'asset' | 'other'

/** One answered request. */
export interface RequestLogEntry {
  method: string
  /** Path without the query string. */
  path: string
  kind: RequestKind
  /** HTTP status (0 while a stream is still opening). */
  status: number
}

/** Options of {@link startLake}. */
export interface LakeOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one (default 3333). */
  port?: number
  /** Data folder (default `.data`). */
  dir?: string
  /**
   * Bearer token writes (and reads of drafts) need: default SANITY_API_TOKEN, else the data
   * folder's random token in `<dir>/lake-token` (created on first start); blank means unset.
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
  /** Timeouts, connection cap and query budget (defaults in {@link DEFAULT_LIMITS}). */
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

const VERSIONED = /^\/v(\d+|X|\d{4}-\d{2}-\d{2})(\/.*)$/
const FAULTABLE: ReadonlySet<RequestKind> = new Set(['query', 'mutate', 'doc', 'upload'])

/**
 * Start a local Content Lake.
 *
 * @param options - port, data folder, token, fault injection
 * @returns the running lake, once it listens
 */
export async function startLake(options: LakeOptions = {}): Promise<Lake> {
  const dir = path.resolve(options.dir ?? '.data')
  const token = resolveToken(options.token, process.env.SANITY_API_TOKEN, dir)
  const limits: LakeLimits = {...DEFAULT_LIMITS, ...options.limits}
  const queries = new QueryPool({size: limits.queryWorkers, timeoutMs: limits.queryTimeoutMs})
  // A Studio opening right away asks several queries at once: do not make each wait for a thread.
  if (options.studio) queries.warm()
  const projectId = options.projectId ?? 'offline'
  const keepAliveMs = options.keepAliveMs ?? 15_000
  // Opened once the port (part of asset URLs) is known; no request is handled before.
  let store: LakeStore
  const nextFault = createFaultInjector(options)
  const requestLog: RequestLogEntry[] = []
  const streams = new Set<() => void>()
  let closing: Promise<void> | null = null
  /** Open connections and how many of their requests are unanswered (to close idle ones at shutdown). */
  const sockets = new Map<Socket, number>()
  let baseUrl = ''
  let port = 0
  const history = new LakeHistory(dir)

  // Replaced once the port is known (the lake's own origins are allowed).
  let cors = createCorsPolicy(options.studioOrigins, 0)

  const handle = async (req: IncomingMessage, res: ServerResponse, entry: RequestLogEntry): Promise<void> => {
    // DNS rebinding: a foreign name resolving to 127.0.0.1 still names itself in Host.
    if (!isLoopbackHost(req)) throw apiError(403, 'The local lake answers only requests addressed to 127.0.0.1, localhost or [::1]', 'forbiddenHost')
    // Asset bytes are public, as on Sanity's CDN: any page (a sandboxed preview frame sends
    // `Origin: null`) may load an image; everything else answers only allowed origins.
    if (!cors.allows(req) && !isPublicAssetRead(req)) {
      throw apiError(403, `Origin ${String(req.headers.origin)} may not call the local lake (allow it with --studio-origin)`, 'forbiddenOrigin')
    }
    const headers = cors.headers(req)
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {...headers, ...cors.preflight()})
      res.end()
      return
    }
    const url = new URL(req.url ?? '/', baseUrl)
    const served = serveAsset(req, res, url.pathname, dir, headers)
    if (served) {
      entry.kind = 'asset'
      return
    }
    const versioned = VERSIONED.exec(url.pathname)
    if (!versioned && options.studio && serveStudio(req, res, url.pathname, options.studio, port)) return
    const apiVersion = versioned?.[1] ?? '1'
    const rest = versioned?.[2] ?? url.pathname
    const route = matchRoute(req.method ?? 'GET', rest)
    entry.kind = route?.kind ?? 'other'

    if (route && FAULTABLE.has(route.kind)) {
      const fault = nextFault()
      if (fault === 'throttle') {
        throw new HttpError(429, {error: {description: 'Rate limit exceeded', type: 'rateLimited'}, statusCode: 429}, {'Retry-After': '1'})
      }
      if (fault === 'fail') throw apiError(503, 'Service temporarily unavailable (injected fault)', 'serviceUnavailable')
    }
    const auth = authState(req, token)
    if (auth === 'invalid' || (auth === 'none' && route?.write)) {
      throw new HttpError(401, {
        error: 'Unauthorized',
        message: auth === 'invalid' ? 'Session does not match project host' : 'Not authorized: this action needs a token',
        statusCode: 401,
      })
    }

    if (!route && answerStudioExtra({method: req.method ?? 'GET', path: rest, search: url.searchParams, res, headers, store, history})) return
    if (!route) {
      const answer = req.method === 'GET' || req.method === 'HEAD' ? projectEndpoint(rest, projectId, store.names()) : undefined
      if (answer === undefined) throw apiError(404, `No endpoint ${req.method} ${url.pathname} in the local lake`, 'notFound')
      sendJson(res, 200, answer, headers)
      return
    }
    const authenticated = auth === 'valid'
    if (options.private && !authenticated) throw apiError(401, 'Not authorized: this dataset is private; reading it needs a token', 'unauthorized')
    // Reads never create a dataset; writes do (as the first import into a new dataset does).
    if (!route.write && !store.has(route.dataset)) throw apiError(404, `Dataset "${route.dataset}" not found`, 'notFound')
    let dataset
    try {
      dataset = store.dataset(route.dataset)
    } catch {
      throw apiError(404, `Dataset "${route.dataset}" not found`, 'notFound')
    }
    history.attach(dataset)
    const ctx: RequestContext = {req, res, url, apiVersion, dataset, projectId, headers, authenticated, queries}
    switch (route.kind) {
      case 'query':
        return handleQuery(ctx)
      case 'doc':
        return handleDoc(ctx, route.tail)
      case 'mutate':
        return route.tail === 'actions' ? handleActions(ctx) : handleMutate(ctx)
      case 'upload':
        return handleUpload(ctx, route.tail === 'files' ? 'files' : 'images', {dir, projectId, baseUrl})
      case 'listen': {
        entry.status = 200
        const stop = handleListen(ctx, keepAliveMs)
        streams.add(stop)
        res.on('close', () => streams.delete(stop))
        return
      }
      default:
        throw apiError(404, `No endpoint ${url.pathname}`, 'notFound')
    }
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const entry: RequestLogEntry = {
      method: req.method ?? 'GET',
      path: (req.url ?? '/').split('?')[0] ?? '/',
      kind: 'other',
      status: 0,
    }
    requestLog.push(entry)
    const finish = (): void => {
      entry.status = res.statusCode
      if (options.requestLogFile) fs.appendFile(options.requestLogFile, `${JSON.stringify(entry)}\n`, () => {})
    }
    res.once('finish', finish)
    // HTTP/1.1 keep-alive bookkeeping; HTTP/2 sessions are closed as a whole at shutdown.
    const socket = req.httpVersionMajor === 1 ? req.socket : null
    if (socket) {
      sockets.set(socket, (sockets.get(socket) ?? 0) + 1)
      res.once('close', () => {
        const active = (sockets.get(socket) ?? 1) - 1
        sockets.set(socket, active)
        // While closing, a connection that finished its last response must not linger in keep-alive.
        if (closing && active === 0) socket.destroy()
      })
    }
    handle(req, res, entry).catch(async (error: unknown) => {
      // Read a small remainder so the client sees the answer; a large one is not read at all.
      const drained = await drain(req)
      if (res.headersSent) {
        res.end()
        return
      }
      const headers: Record<string, string> = cors.allows(req) ? cors.headers(req) : {}
      if (!drained && req.httpVersionMajor === 1) headers.Connection = 'close'
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
    })
  }

  const tls = options.tls ?? true
  const credentials = tls === true ? loadOrCreateCertificate(dir) : tls || undefined
  /** HTTP/1.1 connections (plain or TLS) and how many requests each has open. */
  const trackHttp1 = (socket: Socket): void => {
    sockets.set(socket, 0)
    socket.once('close', () => sockets.delete(socket))
  }
  // Header/request timeouts are checked on this interval (Node's default is 30 s).
  const plain = createServer({connectionsCheckingInterval: Math.max(50, Math.min(1_000, limits.headersTimeoutMs / 2))}, onRequest)
  plain.on('connection', trackHttp1)
  // The HTTP/2 compatibility API mirrors IncomingMessage/ServerResponse for everything used here.
  const secure = credentials
    ? createSecureServer({...credentials, allowHTTP1: true, handshakeTimeout: limits.handshakeTimeoutMs}, (req, res) =>
        onRequest(req as unknown as IncomingMessage, res as unknown as ServerResponse),
      )
    : undefined
  const sessions = new Set<Http2Session>()
  secure?.on('session', (session: Http2Session) => {
    sessions.add(session)
    session.once('close', () => sessions.delete(session))
  })
  secure?.on('secureConnection', (socket: TLSSocket) => {
    if (socket.alpnProtocol !== 'h2') trackHttp1(socket)
  })
  // The Studio's presence WebSocket (HTTP/1.1 upgrade, plain or TLS).
  const presence = new Set<Duplex>()
  const onUpgrade = (req: IncomingMessage, socket: Duplex): void => handleUpgrade(req, socket, presence)
  plain.on('upgrade', onUpgrade)
  secure?.on('upgrade', onUpgrade)
  const {server, dropUndecided} = switchProtocols(plain, secure, limits.handshakeTimeoutMs)
  applyConnectionLimits(server, plain, secure, limits)

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? DEFAULT_LAKE_PORT, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  baseUrl = `http://127.0.0.1:${port}`
  cors = createCorsPolicy(options.studioOrigins, port)
  try {
    store = new LakeStore(dir, {
      onOpen: options.onDatasetOpen ?? ((report) => describeOpen(report).forEach((line) => process.stderr.write(`lake: ${line}\n`))),
      assets: {dir, projectId, baseUrl},
      assetRoots: options.assetRoots ?? [process.cwd()],
      onCloseError: (name, message) => process.stderr.write(`lake: ${name}: could not compact at shutdown (${message}); the journal keeps every write\n`),
    })
    // History records from the first transaction on (each dataset's log lives beside its snapshot).
    for (const name of store.openAll()) history.attach(store.dataset(name))
    // The default dataset always exists, as in a new Sanity project; reads never create others.
    history.attach(store.dataset(DEFAULT_DATASET))
  } catch (error) {
    await queries.close()
    await new Promise((resolve) => server.close(resolve))
    throw error
  }

  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      // Running queries are cancelled, not awaited: shutdown never waits for a query.
      void queries.close()
      for (const stop of streams) stop()
      for (const socket of presence) socket.destroy()
      server.close(() => resolve())
      dropUndecided()
      for (const [socket, active] of sockets) if (active === 0) socket.destroy()
      for (const session of sessions) session.close()
    }).then(() => store.close())
    return closing
  }
  return {url: baseUrl, secureUrl: credentials ? `https://127.0.0.1:${port}` : undefined, port, requestLog, store, close}
}

interface Route {
  kind: RequestKind
  dataset: string
  /** The ids (doc) or asset kind (upload). */
  tail: string
  write: boolean
}

function matchRoute(method: string, rest: string): Route | null {
  const data = /^\/data\/(query|doc|mutate|listen|actions)\/([^/]+)(?:\/(.+))?$/.exec(rest)
  if (data) {
    const [, op = '', dataset = '', tail = ''] = data
    if (op === 'query' && (method === 'GET' || method === 'POST')) return {kind: 'query', dataset, tail, write: false}
    if (op === 'doc' && method === 'GET' && tail) return {kind: 'doc', dataset, tail, write: false}
    if (op === 'mutate' && method === 'POST') return {kind: 'mutate', dataset, tail, write: true}
    // The Actions API is a write like mutate; `tail` tells the handlers apart.
    if (op === 'actions' && method === 'POST' && !tail) return {kind: 'mutate', dataset, tail: 'actions', write: true}
    if (op === 'listen' && method === 'GET') return {kind: 'listen', dataset, tail, write: false}
    return null
  }
  const upload = /^\/assets\/(images|files)\/([^/]+)$/.exec(rest)
  if (upload && method === 'POST') return {kind: 'upload', dataset: upload[2] ?? '', tail: upload[1] ?? '', write: true}
  return null
}

/** A GET/HEAD of stored asset bytes (`/images/…`, `/files/…`), which never changes anything. */
function isPublicAssetRead(req: IncomingMessage): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && /^\/(images|files)\//.test(req.url ?? '')
}
