/**
 * Serving stored asset bytes (`/images|files/:projectId/:dataset/:file`), as Sanity's CDN does:
 * public, immutable, and hardened because the bytes are whatever someone uploaded.
 */
import fs from 'node:fs'
import type {IncomingMessage, ServerResponse} from 'node:http'
import {findAsset} from './assets.ts'
import {sendJson} from './http.ts'

/**
 * Uploaded bytes are untrusted: never sniffed into another type, and sandboxed with no script,
 * so an SVG or HTML file opened from the lake's origin cannot act on it.
 */
const ASSET_SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox",
}

/**
 * Serve an asset URL (GET/HEAD).
 *
 * @param req - the request
 * @param res - the response
 * @param pathname - the URL path
 * @param dir - the lake's data folder
 * @param headers - CORS headers
 * @returns false when the path is not an asset URL (nothing was sent)
 */
export function serveAsset(
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
    ...ASSET_SECURITY_HEADERS,
  })
  if (req.method === 'HEAD') res.end()
  else fs.createReadStream(found.file).pipe(res)
  return true
}
