/**
 * Small node:http helpers: bounded body reading, JSON answers and bearer-token checks.
 */
import {createHash, timingSafeEqual} from 'node:crypto'
import type {IncomingMessage, ServerResponse} from 'node:http'
import {MAX_JSON_DEPTH, tooDeep} from './limits.ts'

/** A request answered with an error status and Sanity-like JSON body. */
export class HttpError extends Error {
  readonly status: number
  readonly body: unknown
  readonly headers: Record<string, string>

  /**
   * @param status - HTTP status
   * @param body - JSON body to send
   * @param headers - extra headers (e.g. Retry-After)
   */
  constructor(
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) {
    super(typeof body === 'object' && body !== null && 'message' in body ? String(body.message) : `HTTP ${status}`)
    this.status = status
    this.body = body
    this.headers = headers
  }
}

/**
 * Build a Sanity-style client error (`{error: {description, type}}`).
 *
 * @param status - HTTP status
 * @param description - one clear sentence
 * @param type - Sanity's error type name
 * @returns the error to throw
 */
export function apiError(status: number, description: string, type: string): HttpError {
  return new HttpError(status, {error: {description, type}, statusCode: status})
}

/**
 * Read a request body up to `limit` bytes; a larger one is rejected with 413 as soon as it
 * passes the limit (as Sanity does for oversized mutations), without reading the rest.
 *
 * @param req - the request
 * @param limit - maximum accepted bytes
 * @returns the body bytes
 * @throws HttpError 413 when the body is larger than `limit`
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer): void => {
      size += chunk.length
      if (size <= limit) {
        chunks.push(chunk)
        return
      }
      // Stop buffering at once: the answer is 413 whatever follows (the connection is closed).
      req.off('data', onData)
      reject(apiError(413, `Request body is over the limit of ${limit} bytes`, 'requestEntityTooLarge'))
    }
    req.on('data', onData)
    req.on('end', () => {
      if (size <= limit) resolve(Buffer.concat(chunks))
    })
    req.on('error', reject)
  })
}

/**
 * Consume and discard what is left of a request body, up to `limit` bytes, so an early error
 * answer reaches a client that is still sending. A longer remainder (declared or sent), or one
 * that does not arrive within `withinMs`, is not read: the caller closes the connection instead.
 *
 * @param req - the request
 * @param limit - bytes at most to read and discard
 * @param withinMs - how long to wait for the rest
 * @returns true when the body ended within the limit
 */
export function drain(req: IncomingMessage, limit = 64 * 1024, withinMs = 1_000): Promise<boolean> {
  if (req.readableEnded || req.destroyed) return Promise.resolve(true)
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(false)
  return new Promise((resolve) => {
    let size = 0
    const finish = (ended: boolean): void => {
      clearTimeout(timer)
      req.off('data', onData)
      if (!ended) req.pause()
      resolve(ended)
    }
    // A client that stops sending mid-body gets its answer anyway, on a closing connection.
    const timer = setTimeout(() => finish(false), withinMs)
    const onData = (chunk: Buffer): void => {
      size += chunk.length
      if (size > limit) finish(false)
    }
    req.on('data', onData)
    req.on('end', () => finish(true))
    req.on('error', () => finish(false))
    req.resume()
  })
}

/**
 * Parse a JSON request body.
 *
 * @param bytes - body bytes
 * @returns the parsed value
 * @throws HttpError 400 when the body is not JSON or is nested deeper than MAX_JSON_DEPTH
 */
export function parseJsonBody(bytes: Buffer): unknown {
  let value: unknown
  try {
    value = JSON.parse(bytes.toString('utf8'))
  } catch (error) {
    if (error instanceof RangeError) throw apiError(400, `The request body is nested too deeply (at most ${MAX_JSON_DEPTH} levels)`, 'httpBadRequest')
    throw apiError(400, 'The request body is not valid JSON', 'httpBadRequest')
  }
  if (tooDeep(value)) throw apiError(400, `The request body is nested too deeply (at most ${MAX_JSON_DEPTH} levels)`, 'httpBadRequest')
  return value
}

/**
 * Send a JSON answer.
 *
 * @param res - the response
 * @param status - HTTP status
 * @param body - value to serialize
 * @param headers - extra headers (CORS etc.)
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
  })
  res.end(text)
}

/** How a request authenticated. */
export type AuthState = 'none' | 'valid' | 'invalid'

/**
 * Compare the request's bearer token with the configured one (constant time).
 *
 * @param req - the request
 * @param token - the configured token
 * @returns 'none' without an Authorization header, else 'valid' or 'invalid'
 */
export function authState(req: IncomingMessage, token: string): AuthState {
  const header = req.headers.authorization
  if (!header) return 'none'
  const match = /^Bearer\s+(.+)$/i.exec(header)
  if (!match?.[1]) return 'invalid'
  const digest = (value: string): Buffer => createHash('sha256').update(value).digest()
  return timingSafeEqual(digest(match[1].trim()), digest(token)) ? 'valid' : 'invalid'
}

/**
 * The ids of a `/doc/…/{ids}`-style path segment.
 * @param segment - comma-separated, still URL-encoded
 * @returns the decoded, non-empty ids
 * @throws HttpError 400 for a malformed escape
 */
export function decodeIds(segment: string): string[] {
  return segment
    .split(',')
    .map((id) => {
      try {
        return decodeURIComponent(id)
      } catch {
        throw apiError(400, `Malformed document id "${id}"`, 'httpBadRequest')
      }
    })
    .filter((id) => id !== '')
}
