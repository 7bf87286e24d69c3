/**
 * The lake's HTTP server (node:http): routing, CORS, auth, fault injection and the request log.
 */
import fs from 'node:fs'
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import {createSecureServer, type Http2Session} from 'node:http2'
import type {AddressInfo, Socket} from 'node:net'
import type {Duplex} from 'node:stream'
import type {TLSSocket} from 'node:tls'
import path from 'node:path'
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
import {apiError, authState, corsHeaders, drain, HttpError, preflightHeaders, sendJson} from './http'
import {describeOpen} from './open-report'
import {projectEndpoint} from './project'
import {switchProtocols} from './protocols'
import {QueryError} from './query'
import {LakeStore, MutationError, type OpenReport} from './store'
import {loadOrCreateCertificate, type TlsCredentials} from './tls'
import {DEFAULT_LAKE_PORT, OFFLINE_TOKEN} from './defaults'

/** The documented token of the offline lake, used when none is configured. */
export {OFFLINE_TOKEN} from './defaults'

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
  /** Bearer token writes need (default SANITY_API_TOKEN, else `offline-token`; blank means unset). */
  token?: string
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
  const token = resolveToken(options.token, process.env.SANITY_API_TOKEN)
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

  const handle = async (req: IncomingMessage, res: ServerResponse, entry: RequestLogEntry): Promise<void> => {
    const headers = corsHeaders(req)
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {...headers, ...preflightHeaders(req)})
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
    let dataset
    try {
      dataset = store.dataset(route.dataset)
    } catch {
      throw apiError(404, `Dataset "${route.dataset}" not found`, 'notFound')
    }
    history.attach(dataset)
    const ctx: RequestContext = {req, res, url, apiVersion, dataset, projectId, headers}
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
      await drain(req)
      if (res.headersSent) {
        res.end()
        return
      }
      const headers = corsHeaders(req)
      if (error instanceof HttpError) sendJson(res, error.status, error.body, {...headers, ...error.headers})
      else if (error instanceof MutationError || error instanceof QueryError) sendJson(res, error.status, error.body, headers)
      else {
        const message = error instanceof Error ? error.message : String(error)
        process.stderr.write(`lake: internal error on ${entry.method} ${entry.path}: ${message}\n`)
        sendJson(res, 500, {error: {description: message, type: 'internalError'}, statusCode: 500}, headers)
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
  const plain = createServer(onRequest)
  plain.on('connection', trackHttp1)
  // The HTTP/2 compatibility API mirrors IncomingMessage/ServerResponse for everything used here.
  const secure = credentials
    ? createSecureServer({...credentials, allowHTTP1: true}, (req, res) =>
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
  const {server, dropUndecided} = switchProtocols(plain, secure)

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? DEFAULT_LAKE_PORT, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  baseUrl = `http://127.0.0.1:${port}`
  try {
    store = new LakeStore(dir, {
      onOpen: options.onDatasetOpen ?? ((report) => describeOpen(report).forEach((line) => process.stderr.write(`lake: ${line}\n`))),
      assets: {dir, projectId, baseUrl},
    })
    // History records from the first transaction on (each dataset's log lives beside its snapshot).
    for (const name of store.openAll()) history.attach(store.dataset(name))
  } catch (error) {
    await new Promise((resolve) => server.close(resolve))
    throw error
  }

  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
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

/**
 * The bearer token writes need: the option, else SANITY_API_TOKEN, else {@link OFFLINE_TOKEN}.
 * Blank counts as unset, because `.env.example` ships `SANITY_API_TOKEN=` empty.
 *
 * @param option - `LakeOptions.token` (e.g. from `--token`)
 * @param fromEnv - the SANITY_API_TOKEN environment value
 * @returns the token to compare bearer tokens with
 */
export function resolveToken(option: string | undefined, fromEnv: string | undefined): string {
  return [option, fromEnv].map((value) => value?.trim()).find((value): value is string => Boolean(value)) ?? OFFLINE_TOKEN
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

/** Serve `/images|files/:projectId/:dataset/:file` (GET/HEAD); false when the path is not an asset URL. */
function serveAsset(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  dir: string,
  headers: Record<string, string>,
): boolean {
  const match = /^\/(images|files)\/[^/]+\/([^/]+)\/([^/]+)$/.exec(pathname)
  if (!match || (req.method !== 'GET' && req.method !== 'HEAD')) return false
  const [, kind, dataset = '', file = ''] = match
  const found = findAsset(dir, kind === 'files' ? 'files' : 'images', dataset, file)
  if (!found) {
    sendJson(res, 404, {error: {description: 'Asset not found', type: 'notFound'}, statusCode: 404}, headers)
    return true
  }
  const size = fs.statSync(found.file).size
  res.writeHead(200, {
    ...headers,
    'Content-Type': found.contentType,
    'Content-Length': String(size),
    'Cache-Control': 'public, max-age=31536000, immutable',
  })
  if (req.method === 'HEAD') res.end()
  else fs.createReadStream(found.file).pipe(res)
  return true
}
