/**
 * One request, from arrival to handler: host and origin checks, the route (routes.ts), fault
 * injection, the read-access gate (security/gate.ts), then the route's handler. Nothing is
 * answered outside this path, so every route passes the gate.
 */
import type {IncomingMessage, ServerResponse} from 'node:http'
import type {Duplex} from 'node:stream'
import {ClientCaps, clientOf} from './client-caps.ts'
import {handleActions, handleDoc, handleListen, handleMutate, handleQuery, handleUpload, type RequestContext} from './endpoints.ts'
import type {Fault} from './faults.ts'
import type {LakeHistory} from './history.ts'
import {answerDatasets} from './datasets.ts'
import {apiError, authState, HttpError, sendJson} from './http.ts'
import type {LakeLimits} from './limits.ts'
import {projectEndpoint} from './project.ts'
import type {QueryPool} from './query-pool.ts'
import {matchRoute, splitVersion, type RequestKind, type RouteMatch} from './routes.ts'
import type {CorsPolicy} from './security/cors.ts'
import {checkAccess} from './security/gate.ts'
import {isLoopbackHost} from './security/host.ts'
import {serveAsset} from './serve-asset.ts'
import type {LakeStore} from './store.ts'
import {answerStudioExtra} from './studio-extras.ts'
import {serveStudio, type StudioHostOptions} from './studio-host.ts'

/** One answered request. */
export interface RequestLogEntry {
  method: string
  /** Path without the query string. */
  path: string
  kind: RequestKind
  /** HTTP status (0 while a stream is still opening). */
  status: number
}

/** What handling a request needs from the running lake. */
export interface LakeRuntime {
  dir: string
  token: string
  projectId: string
  privateLake: boolean
  keepAliveMs: number
  limits: LakeLimits
  studio?: StudioHostOptions
  queries: QueryPool
  caps: ClientCaps
  history: LakeHistory
  nextFault: () => Fault
  /** Open event streams, ended at shutdown. */
  streams: Set<() => void>
  /** Set once the lake listens (the port is part of origins and asset URLs). */
  store: () => LakeStore
  cors: () => CorsPolicy
  baseUrl: () => string
  port: () => number
}

const FAULTABLE: ReadonlySet<RequestKind> = new Set(['query', 'mutate', 'doc', 'upload'])

/**
 * Check a request's host and origin: DNS rebinding and foreign pages are refused before routing.
 *
 * @param req - the request (or WebSocket upgrade)
 * @param cors - the origin policy
 * @param publicRead - asset bytes any page may load (a sandboxed frame sends `Origin: null`)
 * @throws HttpError 403
 */
export function checkHostAndOrigin(req: IncomingMessage, cors: CorsPolicy, publicRead = false): void {
  // DNS rebinding: a foreign name resolving to 127.0.0.1 still names itself in Host.
  if (!isLoopbackHost(req)) throw apiError(403, 'The local lake answers only requests addressed to 127.0.0.1, localhost or [::1]', 'forbiddenHost')
  if (!cors.allows(req) && !publicRead) {
    throw apiError(403, `Origin ${String(req.headers.origin)} may not call the local lake (allow it with --studio-origin)`, 'forbiddenOrigin')
  }
}

/**
 * Handle one request (errors are thrown; the caller answers them).
 *
 * @param lake - the running lake
 * @param req - the request
 * @param res - the response
 * @param entry - its request-log entry (kind and, for streams, status are set here)
 */
export async function handleRequest(lake: LakeRuntime, req: IncomingMessage, res: ServerResponse, entry: RequestLogEntry): Promise<void> {
  const method = req.method ?? 'GET'
  const url = new URL(req.url ?? '/', lake.baseUrl())
  const path = splitVersion(url.pathname)
  const match = matchRoute(method, path, {studio: Boolean(lake.studio)})
  const cors = lake.cors()
  checkHostAndOrigin(req, cors, match?.spec.name === 'asset')
  const headers = cors.headers(req)
  if (method === 'OPTIONS') {
    res.writeHead(204, {...headers, ...cors.preflight()})
    res.end()
    return
  }
  if (!match) throw apiError(404, `No endpoint ${method} ${url.pathname} in the local lake`, 'notFound')
  entry.kind = match.spec.kind
  if (FAULTABLE.has(match.spec.kind)) {
    const fault = lake.nextFault()
    if (fault === 'throttle') throw new HttpError(429, {error: {description: 'Rate limit exceeded', type: 'rateLimited'}, statusCode: 429}, {'Retry-After': '1'})
    if (fault === 'fail') throw apiError(503, 'Service temporarily unavailable (injected fault)', 'serviceUnavailable')
  }
  const auth = authState(req, lake.token)
  const store = lake.store()
  checkAccess(match, {auth, privateLake: lake.privateLake}, store)
  const authenticated = auth === 'valid'
  switch (match.spec.name) {
    case 'asset':
      if (!serveAsset(req, res, url.pathname, lake.dir, headers)) throw apiError(404, 'Asset not found', 'notFound')
      return
    case 'studio':
      if (!lake.studio || !serveStudio(req, res, url.pathname, lake.studio, lake.port())) throw apiError(404, `No endpoint ${url.pathname}`, 'notFound')
      return
    case 'dataPing':
      sendJson(res, 200, {ok: true}, headers)
      return
    case 'history':
    case 'references':
    case 'schedules':
    case 'schedulesWrite':
    case 'studioExtra':
      if (!answerStudioExtra({method, path: path.rest, search: url.searchParams, res, headers, store, history: lake.history})) {
        throw apiError(404, `No endpoint ${method} ${url.pathname} in the local lake`, 'notFound')
      }
      return
    case 'datasets':
      // Listing, creating and deleting (lake/datasets.ts); reads and writes never create one.
      if (!(await answerDatasets({req, res, method, path: path.rest, headers, store, authenticated, aclMode: lake.privateLake ? 'private' : 'public'}))) {
        throw apiError(404, `No endpoint ${method} ${url.pathname} in the local lake`, 'notFound')
      }
      return
    case 'project':
    case 'datasetAcl': {
      const answer = projectEndpoint(path.rest, lake.projectId, store.names())
      if (answer === undefined) throw apiError(404, `No endpoint ${method} ${url.pathname} in the local lake`, 'notFound')
      sendJson(res, 200, answer, headers)
      return
    }
    case 'socket':
      // Only reachable as an upgrade (see handleUpgradeRequest).
      throw apiError(426, 'This endpoint is a WebSocket', 'upgradeRequired')
    default:
      return dataRoute(lake, match, {req, res, url, apiVersion: path.apiVersion, headers, authenticated, entry})
  }
}

async function dataRoute(
  lake: LakeRuntime,
  match: RouteMatch,
  request: Pick<RequestContext, 'req' | 'res' | 'url' | 'apiVersion' | 'headers' | 'authenticated'> & {entry: RequestLogEntry},
): Promise<void> {
  const name = match.dataset ?? ''
  let dataset
  try {
    dataset = lake.store().dataset(name)
  } catch {
    throw apiError(404, `Dataset "${name}" not found`, 'notFound')
  }
  lake.history.attach(dataset)
  const {entry, ...rest} = request
  const ctx: RequestContext = {
    ...rest,
    dataset,
    projectId: lake.projectId,
    queries: lake.queries,
    client: clientOf(request.req.socket, request.authenticated),
    caps: lake.caps,
    limits: lake.limits,
  }
  switch (match.spec.name) {
    case 'query':
      return handleQuery(ctx)
    case 'doc':
      return handleDoc(ctx, match.groups[1] ?? '')
    case 'mutate':
      return handleMutate(ctx)
    case 'actions':
      return handleActions(ctx)
    case 'upload':
      return handleUpload(ctx, match.groups[0] === 'files' ? 'files' : 'images', {dir: lake.dir, projectId: lake.projectId, baseUrl: lake.baseUrl()})
    case 'listen': {
      const stop = await handleListen(ctx, lake.keepAliveMs)
      entry.status = 200
      lake.streams.add(stop)
      ctx.res.on('close', () => lake.streams.delete(stop))
      return
    }
    default:
      throw apiError(404, `No endpoint ${ctx.url.pathname}`, 'notFound')
  }
}

/**
 * A WebSocket upgrade: the same host, origin and access checks as a request, and the per-client
 * cap on open sockets; refused upgrades get an HTTP status line and are closed.
 *
 * @param lake - the running lake
 * @param req - the upgrade request
 * @param socket - its connection
 * @returns a function releasing the client's place when the socket closes, or undefined when refused
 */
export function checkUpgrade(lake: LakeRuntime, req: IncomingMessage, socket: Duplex): (() => void) | undefined {
  try {
    checkHostAndOrigin(req, lake.cors())
    const url = new URL(req.url ?? '/', lake.baseUrl())
    const match = matchRoute(req.method ?? 'GET', splitVersion(url.pathname), {upgrade: true})
    if (!match) throw apiError(404, 'No WebSocket endpoint here', 'notFound')
    const auth = authState(req, lake.token)
    checkAccess(match, {auth, privateLake: lake.privateLake}, lake.store())
    return lake.caps.acquire('socket', clientOf(req.socket, auth === 'valid'))
  } catch (error) {
    const status = error instanceof HttpError ? error.status : 500
    socket.end(`HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : status === 429 ? 'Too Many Requests' : 'Refused'}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`)
    return undefined
  }
}
