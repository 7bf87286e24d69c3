/**
 * The dataset endpoints of Sanity's project API, as `@sanity/client`'s `datasets` uses them:
 * `GET /datasets` (`/projects/:id/datasets` when the client does not use the project hostname)
 * lists, `PUT /datasets/:name` creates, `DELETE /datasets/:name` deletes. All need the token.
 */
import type {IncomingMessage, ServerResponse} from 'node:http'
import {apiError, readBody, sendJson} from './http.ts'
import {DatasetLifecycleError, type LakeStore} from './store.ts'

/** What the dataset endpoints need of a request. */
export interface DatasetRequest {
  req: IncomingMessage
  res: ServerResponse
  method: string
  /** The path after the `/v<apiVersion>` prefix. */
  path: string
  headers: Record<string, string>
  store: LakeStore
  /** Whether the request carried the lake's token. */
  authenticated: boolean
  /** `public`, or `private` for a lake whose reads need the token. */
  aclMode: 'public' | 'private'
}

const LIST = /^(?:\/projects\/[^/]+)?\/datasets\/?$/
const ONE = /^(?:\/projects\/[^/]+)?\/datasets\/([^/]+)$/

/**
 * Answer a dataset endpoint.
 *
 * @param request - the request, the store and whether it is authenticated
 * @returns false when the path is not a dataset endpoint (nothing was sent)
 * @throws HttpError 401 without the token, 400/404/409 as the store refuses
 */
export async function answerDatasets(request: DatasetRequest): Promise<boolean> {
  const {method, path, store, res, headers} = request
  const list = LIST.test(path) && (method === 'GET' || method === 'HEAD')
  const one = ONE.exec(path)
  const change = one && (method === 'PUT' || method === 'DELETE')
  if (!list && !change) return false
  if (!request.authenticated) throw apiError(401, 'Managing datasets needs a token', 'unauthorized')
  if (list) {
    sendJson(res, 200, store.names().map((name) => ({name, aclMode: request.aclMode})), headers)
    return true
  }
  const name = decodeURIComponent(one?.[1] ?? '')
  // The options body (`aclMode`, `description`) has no effect here, but is read, bounded.
  if (method === 'PUT') await readBody(request.req, 64 * 1024)
  try {
    if (method === 'PUT') {
      store.create(name)
      sendJson(res, 200, {datasetName: name, aclMode: request.aclMode, description: null}, headers)
    } else {
      store.delete(name)
      sendJson(res, 200, {deleted: true}, headers)
    }
  } catch (error) {
    if (!(error instanceof DatasetLifecycleError)) throw error
    const type = error.status === 400 ? 'validationError' : error.status === 404 ? 'notFound' : 'conflict'
    throw apiError(error.status, error.message, type)
  }
  return true
}
