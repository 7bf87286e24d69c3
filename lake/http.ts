/**
 * Small node:http helpers: bounded body reading, JSON answers, CORS and bearer-token checks.
 */
import {createHash, timingSafeEqual} from 'node:crypto'
import type {IncomingMessage, ServerResponse} from 'node:http'

/** A request answered with an error status and Sanity-like JSON body. */
export class HttpError extends Error {
  /**
   * @param status - HTTP status
   * @param body - JSON body to send
   * @param headers - extra headers (e.g. Retry-After)
   */
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body === 'object' && body !== null && 'message' in body ? String(body.message) : `HTTP ${status}`)
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
 * Read a request body up to `limit` bytes. A larger body is still drained (so the client can
 * read the answer) and then rejected with 413, as Sanity does for oversized mutations.
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
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) chunks.push(chunk)
    })
    req.on('end', () => {
      if (size > limit) {
        reject(apiError(413, `Request body is ${size} bytes; the limit is ${limit} bytes`, 'requestEntityTooLarge'))
      } else {
        resolve(Buffer.concat(chunks))
      }
    })
    req.on('error', reject)
  })
}

/**
 * Consume and discard a request body (so an early error answer reaches the client cleanly).
 *
 * @param req - the request
 * @returns resolves when the body has been read
 */
export function drain(req: IncomingMessage): Promise<void> {
  if (req.readableEnded) return Promise.resolve()
  return new Promise((resolve) => {
    req.on('end', resolve)
    req.on('error', () => resolve())
    req.resume()
  })
}

/**
 * Parse a JSON request body.
 *
 * @param bytes - body bytes
 * @returns the parsed value
 * @throws HttpError 400 when the body is not JSON
 */
export function parseJsonBody(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'))
  } catch {
    throw apiError(400, 'The request body is not valid JSON', 'httpBadRequest')
  }
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

/**
 * CORS headers that let a browser app (the Studio) call the lake with credentials.
 *
 * @param req - the request (its Origin is reflected)
 * @returns headers for every answer
 */
export function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin
  if (!origin) return {'Access-Control-Allow-Origin': '*'}
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Credentials': 'true',
    Vary: 'Origin',
  }
}

/**
 * Extra headers for an OPTIONS preflight answer.
 *
 * @param req - the preflight request
 * @returns allowed methods and headers
 */
export function preflightHeaders(req: IncomingMessage): Record<string, string> {
  const requested = req.headers['access-control-request-headers']
  return {
    'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
    'Access-Control-Allow-Headers':
      typeof requested === 'string' && requested !== ''
        ? requested
        : 'Authorization, Content-Type, Accept, X-Sanity-Project-Id, Last-Event-ID',
    'Access-Control-Max-Age': '600',
  }
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
