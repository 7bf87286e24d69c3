/**
 * Handlers for the data and asset endpoints, each answering exactly what @sanity/client expects.
 */
import {randomUUID} from 'node:crypto'
import type {IncomingMessage, ServerResponse} from 'node:http'
import {actionsToMutations} from './actions.ts'
import {storeAsset, AssetError, type AssetContext} from './assets.ts'
import {apiError, decodeIds, parseJsonBody, readBody, sendJson} from './http.ts'
import type {Client, ClientCaps} from './client-caps.ts'
import {openListener} from './listen.ts'
import {checkDeclaredLength, checkQuerySize, MAX_JSON_DEPTH, MUTATION_BODY_LIMIT, QUERY_BODY_LIMIT, tooDeep, UPLOAD_LIMIT, type LakeLimits} from './limits.ts'
import {applyPerspective, isPerspective, type Perspective} from './query.ts'
import type {Lane, QueryPool} from './query-pool.ts'
import {isPublicId, publicDocuments, tokenRequired} from './security/read-access.ts'
import type {Dataset} from './store.ts'


/** What every handler needs to know about the request. */
export interface RequestContext {
  req: IncomingMessage
  res: ServerResponse
  url: URL
  /** The `v…` part of the path (`2025-02-19`, `1`, `X`). */
  apiVersion: string
  dataset: Dataset
  projectId: string
  headers: Record<string, string>
  /** The request carried the lake's token (drafts, versions and raw reads need it). */
  authenticated: boolean
  /** Where queries are evaluated, off the event loop and within a time budget. */
  queries: QueryPool
  /** Who is asking (the token holder, or an anonymous address), for the per-client caps. */
  client: Client
  caps: ClientCaps
  limits: LakeLimits
}

/** The query pool's lane for a request: anonymous clients never take the token holder's worker. */
function laneOf(ctx: RequestContext): Lane {
  return ctx.client.anonymous ? 'anonymous' : 'token'
}

/**
 * The perspective a query runs under when none is given. Sanity switched the default from `raw`
 * to `published` with API version 2025-02-19; `vX` is the newest.
 *
 * @param apiVersion - version from the path
 * @returns the default perspective
 */
export function defaultPerspective(apiVersion: string): Perspective {
  if (apiVersion === 'X') return 'published'
  return /^\d{4}-\d{2}-\d{2}$/.test(apiVersion) && apiVersion >= '2025-02-19' ? 'published' : 'raw'
}

/**
 * `GET|POST /data/query/:dataset`.
 *
 * @param ctx - request context
 */
export async function handleQuery(ctx: RequestContext): Promise<void> {
  const {req, url} = ctx
  let query = url.searchParams.get('query')
  let params = paramsFromSearch(url.searchParams)
  let perspectiveParam = url.searchParams.get('perspective')
  if (req.method === 'POST') {
    checkDeclaredLength(req.headers['content-length'], QUERY_BODY_LIMIT)
    const body = parseJsonBody(await readBody(req, QUERY_BODY_LIMIT))
    if (!isRecord(body)) throw apiError(400, 'The request body must be a JSON object', 'httpBadRequest')
    if (typeof body.query === 'string') query = body.query
    if (isRecord(body.params)) params = {...params, ...body.params}
    if (typeof body.perspective === 'string') perspectiveParam = body.perspective
  }
  if (!query) throw apiError(400, 'The "query" parameter is required', 'httpBadRequest')
  checkQuerySize(query, ctx.limits.maxQueryBytes)
  const perspective = perspectiveParam ?? defaultPerspective(ctx.apiVersion)
  if (!isPerspective(perspective)) {
    throw apiError(400, `Unsupported perspective "${perspective}" (raw, published, drafts, previewDrafts)`, 'httpBadRequest')
  }
  if (!ctx.authenticated && perspectiveParam !== null && perspective !== 'published') {
    throw tokenRequired(`the "${perspective}" perspective`)
  }
  // Parsing, like evaluating, happens in a worker: groq-js parses some queries in superlinear time.
  const release = ctx.caps.acquire('query', ctx.client)
  const started = performance.now()
  const {dataset} = ctx
  // Anonymous readers see published documents only, whatever the default perspective.
  const visibility = ctx.authenticated ? 'all' : 'public'
  const aborted = new AbortController()
  const onClose = (): void => {
    if (!ctx.res.writableFinished) aborted.abort()
  }
  ctx.res.once('close', onClose)
  let result: unknown
  try {
    result = await ctx.queries.run(
      {
        key: `${dataset.name}@${dataset.version}:${perspective}:${visibility}`,
        documents: () => {
          const view = applyPerspective(dataset.all(), perspective)
          return ctx.authenticated ? view : publicDocuments(view)
        },
        query,
        params,
        sanity: {projectId: ctx.projectId, dataset: dataset.name},
      },
      {signal: aborted.signal, lane: laneOf(ctx)},
    )
  } finally {
    release()
    ctx.res.off('close', onClose)
  }
  const ms = Math.round(performance.now() - started)
  const returnQuery = url.searchParams.get('returnQuery') !== 'false'
  sendJson(ctx.res, 200, {...(returnQuery ? {query} : {}), result, ms}, ctx.headers)
}

/**
 * `GET /data/doc/:dataset/:ids` (comma-separated ids).
 *
 * @param ctx - request context
 * @param ids - the ids segment, still URL-encoded
 */
export function handleDoc(ctx: RequestContext, ids: string): void {
  const wanted = decodeIds(ids)
  const hidden = wanted.find((id) => !isPublicId(id))
  if (hidden !== undefined && !ctx.authenticated) throw tokenRequired(`"${hidden}"`)
  const excludeContent = ctx.url.searchParams.get('excludeContent') === 'true'
  const documents: unknown[] = []
  const omitted: Array<{id: string; reason: 'existence'}> = []
  for (const id of wanted) {
    const doc = ctx.dataset.get(id)
    if (!doc) omitted.push({id, reason: 'existence'})
    else documents.push(excludeContent ? {_id: doc._id, _type: doc._type, _rev: doc._rev} : doc)
  }
  sendJson(ctx.res, 200, {documents, omitted}, ctx.headers)
}

/**
 * `POST /data/mutate/:dataset` with `{mutations, transactionId?}`; answers
 * `{transactionId, results, documentIds?}` and, with returnDocuments, each result's document.
 *
 * @param ctx - request context
 */
export async function handleMutate(ctx: RequestContext): Promise<void> {
  const {url} = ctx
  checkDeclaredLength(ctx.req.headers['content-length'], MUTATION_BODY_LIMIT)
  const body = parseJsonBody(await readBody(ctx.req, MUTATION_BODY_LIMIT))
  if (!isRecord(body) || !Array.isArray(body.mutations)) {
    throw apiError(400, 'The body must be {"mutations": [...]}', 'httpBadRequest')
  }
  const flag = (name: string): boolean => url.searchParams.get(name) === 'true'
  const transaction = await ctx.dataset.commit(body.mutations, {
    transactionId: typeof body.transactionId === 'string' ? body.transactionId : undefined,
    dryRun: flag('dryRun'),
    autoGenerateArrayKeys: flag('autoGenerateArrayKeys'),
    // Deletes and patches by query are evaluated in a worker too, within the budget.
    select: (query, params, documents) => {
      checkQuerySize(query, ctx.limits.maxQueryBytes)
      const sanity = {projectId: ctx.projectId, dataset: ctx.dataset.name}
      return ctx.queries.run({key: `mutation:${randomUUID()}`, documents, query, params, sanity}, {lane: laneOf(ctx)})
    },
  })
  const returnDocuments = flag('returnDocuments')
  const results = transaction.results.map(({id, operation, document}) =>
    returnDocuments ? {id, operation, document} : {id, operation},
  )
  sendJson(
    ctx.res,
    200,
    {
      transactionId: transaction.transactionId,
      results,
      ...(flag('returnIds') ? {documentIds: results.map((result) => result.id)} : {}),
    },
    ctx.headers,
  )
}

/**
 * `POST /data/actions/:dataset` with `{actions, transactionId?, dryRun?}` → `{transactionId}`.
 *
 * @param ctx - request context
 */
export async function handleActions(ctx: RequestContext): Promise<void> {
  checkDeclaredLength(ctx.req.headers['content-length'], MUTATION_BODY_LIMIT)
  const body = parseJsonBody(await readBody(ctx.req, MUTATION_BODY_LIMIT))
  if (!isRecord(body) || !Array.isArray(body.actions)) {
    throw apiError(400, 'The body must be {"actions": [...]}', 'httpBadRequest')
  }
  const transaction = await ctx.dataset.commit(actionsToMutations(ctx.dataset, body.actions), {
    transactionId: typeof body.transactionId === 'string' ? body.transactionId : undefined,
    dryRun: body.dryRun === true,
  })
  sendJson(ctx.res, 200, {transactionId: transaction.transactionId}, ctx.headers)
}

/**
 * `GET /data/listen/:dataset?query=…`: an event stream. The query is checked in a worker first
 * (a filter over one document at a time, as Sanity's listeners take), within the listener budget.
 *
 * @param ctx - request context
 * @param keepAliveMs - interval of keep-alive comments
 * @returns a function that ends the stream
 */
export async function handleListen(ctx: RequestContext, keepAliveMs: number): Promise<() => void> {
  const {searchParams} = ctx.url
  const query = searchParams.get('query')
  if (!query) throw apiError(400, 'The "query" parameter is required', 'httpBadRequest')
  checkQuerySize(query, ctx.limits.maxQueryBytes)
  const params = paramsFromSearch(searchParams)
  const release = ctx.caps.acquire('listener', ctx.client)
  const gone = new AbortController()
  ctx.res.once('close', () => {
    release()
    gone.abort()
  })
  const budget = {lane: laneOf(ctx), timeoutMs: ctx.limits.listenerTimeoutMs}
  try {
    await ctx.queries.checkFilter(query, params, {...budget, signal: gone.signal})
  } catch (error) {
    release()
    throw error
  }
  // The client may have left while the filter was checked: nothing to follow then.
  if (ctx.res.destroyed) return () => undefined
  return openListener(
    ctx.res,
    ctx.dataset,
    {
      query,
      params,
      includeResult: searchParams.get('includeResult') !== 'false',
      includePreviousRevision: searchParams.get('includePreviousRevision') === 'true',
      includeMutations: searchParams.get('includeMutations') !== 'false',
      effectFormat: searchParams.get('effectFormat') ?? undefined,
      keepAliveMs,
      publicOnly: !ctx.authenticated,
    },
    ctx.headers,
    (documents) => ctx.queries.match(query, params, documents, budget),
  )
}

/**
 * `POST /assets/images|files/:dataset?filename=…` with the raw bytes.
 *
 * @param ctx - request context
 * @param kind - 'images' or 'files'
 * @param assets - data folder, project id, base URL
 */
export async function handleUpload(ctx: RequestContext, kind: 'images' | 'files', assets: AssetContext): Promise<void> {
  checkDeclaredLength(ctx.req.headers['content-length'], UPLOAD_LIMIT)
  const bytes = await readBody(ctx.req, UPLOAD_LIMIT)
  const filename = ctx.url.searchParams.get('filename') ?? undefined
  try {
    const document = await storeAsset(kind, bytes, ctx.dataset, filename, assets)
    sendJson(ctx.res, 200, {document}, ctx.headers)
  } catch (error) {
    if (error instanceof AssetError) throw apiError(error.status, error.message, 'assetUploadError')
    throw error
  }
}

/**
 * Query parameters from `$name=<JSON>` search parameters.
 *
 * @param search - the URL's search parameters
 * @returns parameter values by name (without `$`)
 * @throws HttpError 400 when a value is not JSON
 */
export function paramsFromSearch(search: URLSearchParams): Record<string, unknown> {
  const params: Record<string, unknown> = {}
  for (const [key, value] of search) {
    if (!key.startsWith('$')) continue
    let parsed: unknown
    try {
      parsed = JSON.parse(value)
    } catch {
      throw apiError(400, `Unable to parse value of "${key}=${value}". Please quote string values.`, 'httpBadRequest')
    }
    if (tooDeep(parsed)) throw apiError(400, `The value of "${key}" is nested too deeply (at most ${MAX_JSON_DEPTH} levels)`, 'httpBadRequest')
    params[key.slice(1)] = parsed
  }
  return params
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

