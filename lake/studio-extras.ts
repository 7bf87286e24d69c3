/**
 * The Studio's other requests, answered or cleanly declined so its console stays free of 404s:
 * document history (history-api.ts), cross-dataset references (none), telemetry (consent
 * denied: nothing is collected), upsell journeys (none), scheduled publishing (none) and the help
 * menu's resources (none: nothing is fetched from sanity.io).
 */
import type {ServerResponse} from 'node:http'
import {handleHistory} from './history-api.ts'
import type {LakeHistory} from './history.ts'
import {apiError, sendJson} from './http.ts'
import type {LakeStore} from './store.ts'

/** What an extra endpoint needs. */
export interface ExtrasContext {
  method: string
  /** The path after the `/v<apiVersion>` prefix. */
  path: string
  search: URLSearchParams
  res: ServerResponse
  headers: Record<string, string>
  store: LakeStore
  history: LakeHistory
}

/**
 * Answer the request when it is one of the Studio's extra endpoints.
 *
 * @param ctx - the request
 * @returns true when answered
 */
export function answerStudioExtra(ctx: ExtrasContext): boolean {
  const {method, path, res, headers} = ctx
  const read = method === 'GET' || method === 'HEAD'
  const history = /^\/data\/history\/([^/]+)\/(.+)$/.exec(path)
  if (history && read) {
    const dataset = openDataset(ctx.store, history[1] ?? '')
    handleHistory(ctx.history.attach(dataset), history[2] ?? '', ctx.search, res, headers)
    return true
  }
  // Documents in other datasets that refer to this one: the lake has no cross-dataset references.
  if (/^\/data\/references\/[^/]+\/documents\/[^/]+\/to$/.test(path) && read) {
    sendJson(res, 200, {totalCount: 0, references: []}, headers)
    return true
  }
  if (path === '/intake/telemetry-status' && read) {
    sendJson(res, 200, {status: 'denied'}, headers)
    return true
  }
  if (path === '/intake/batch' && method === 'POST') {
    // Consent is denied, so the Studio should send nothing; whatever arrives is dropped unread.
    ctx.res.writeHead(204, headers)
    ctx.res.end()
    return true
  }
  // Upsell dialogs (`/journey/<feature>`): `null` means "no upsell" to the Studio.
  if (path.startsWith('/journey/') && read) {
    sendJson(res, 200, null, headers)
    return true
  }
  if (/^\/schedules\/[^/]+\/[^/]+$/.test(path) && read) {
    sendJson(res, 200, {schedules: []}, headers)
    return true
  }
  if (path.startsWith('/schedules/')) {
    throw apiError(400, 'Scheduled publishing is not available in the local lake', 'featureNotAvailable')
  }
  if (path === '/help' && read) {
    sendJson(res, 200, {resources: {sectionArray: []}}, headers)
    return true
  }
  return false
}

function openDataset(store: LakeStore, name: string): ReturnType<LakeStore['dataset']> {
  try {
    return store.dataset(name)
  } catch {
    throw apiError(404, `Dataset "${name}" not found`, 'notFound')
  }
}
