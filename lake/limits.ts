/**
 * The lake's resource limits and the error answers they produce: connection timeouts, a cap on
 * open connections, request body limits, JSON nesting depth, query time budget, and a full disk
 * (507) told apart from a bug (500 without internals).
 */
import type {Server as HttpServer} from 'node:http'
import type {Http2SecureServer, Http2Session} from 'node:http2'
import type {Server as NetServer} from 'node:net'
import {apiError, HttpError} from './http'

/** Limits a lake applies; every field has a default. */
export interface LakeLimits {
  /** Milliseconds a client has to send a request's headers (default 10 000). */
  headersTimeoutMs: number
  /** Milliseconds a client has to send a whole request (default 60 000). */
  requestTimeoutMs: number
  /** Milliseconds an idle connection (no request, no answer in progress) stays open (default 120 000). */
  idleTimeoutMs: number
  /** Milliseconds for a connection to send its first byte or finish a TLS handshake (default 10 000). */
  handshakeTimeoutMs: number
  /** Open connections at most (default 256); more are closed at once. */
  maxConnections: number
  /** Milliseconds a query may run (default 5 000). */
  queryTimeoutMs: number
  /** Query worker threads (default 2). */
  queryWorkers: number
}

/** The defaults of {@link LakeLimits}. */
export const DEFAULT_LIMITS: LakeLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  idleTimeoutMs: 120_000,
  handshakeTimeoutMs: 10_000,
  maxConnections: 256,
  queryTimeoutMs: 5_000,
  queryWorkers: 2,
}

/** Deepest JSON nesting a request body may have (documents nest a few dozen levels at most). */
export const MAX_JSON_DEPTH = 100

/**
 * Apply the limits to the servers: the TCP listener (connection cap), the HTTP/1.1 server
 * (header, request and keep-alive timeouts) and the HTTP/2 server (idle session timeout). The TLS
 * handshake timeout is a server option (see server.ts), the first-byte timeout is protocols.ts's.
 *
 * @param tcp - the listening server
 * @param plain - the HTTP/1.1 server
 * @param secure - the TLS server, if any
 * @param limits - the limits
 */
export function applyConnectionLimits(tcp: NetServer, plain: HttpServer, secure: Http2SecureServer | undefined, limits: LakeLimits): void {
  tcp.maxConnections = limits.maxConnections
  plain.headersTimeout = limits.headersTimeoutMs
  plain.requestTimeout = limits.requestTimeoutMs
  plain.keepAliveTimeout = Math.min(5_000, limits.idleTimeoutMs)
  // A socket silent for this long is closed (event streams send keep-alive comments meanwhile).
  plain.timeout = limits.idleTimeoutMs
  // An HTTP/2 session idle this long is closed (its streams' keep-alive comments count as activity).
  secure?.on('session', (session: Http2Session) => session.setTimeout(limits.idleTimeoutMs, () => session.close()))
}

/**
 * Refuse a body before reading it when its declared length is over the limit.
 *
 * @param contentLength - the Content-Length header
 * @param limit - the endpoint's limit in bytes
 * @throws HttpError 413
 */
export function checkDeclaredLength(contentLength: string | undefined, limit: number): void {
  if (contentLength === undefined) return
  const size = Number(contentLength)
  if (Number.isFinite(size) && size > limit) {
    throw apiError(413, `Request body is ${size} bytes; the limit is ${limit} bytes`, 'requestEntityTooLarge')
  }
}

/**
 * Is a parsed JSON value nested deeper than allowed? Checked iteratively, so a hostile body
 * cannot overflow the stack here (mutations walk documents recursively later).
 *
 * @param value - the parsed body
 * @param max - the deepest nesting allowed
 * @returns true when too deep
 */
export function tooDeep(value: unknown, max = MAX_JSON_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]]
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!
    if (typeof current !== 'object' || current === null) continue
    if (depth >= max) return true
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1])
    }
  }
  return false
}

const DISK_FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG'])

/**
 * The answer for an error no handler turned into an HTTP error: 507 for a full disk (the write
 * was rolled back), 503 for another disk error, 400 for input that overflowed the stack, else a
 * 500 that names no internals.
 *
 * @param error - what was thrown
 * @returns the error to answer with, and whether it is a bug worth logging
 */
export function answerFor(error: unknown): {answer: HttpError; log: boolean} {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code && DISK_FULL.has(code)) {
    return {
      answer: apiError(507, 'The local lake could not store the write: its disk is full. Nothing was saved; free some space and retry.', 'insufficientStorage'),
      log: true,
    }
  }
  if (code === 'EIO') {
    return {answer: apiError(503, 'The local lake could not write to its disk (I/O error); nothing was saved. Restart it.', 'storageError'), log: true}
  }
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return {answer: apiError(400, `The request is nested too deeply (at most ${MAX_JSON_DEPTH} levels)`, 'httpBadRequest'), log: false}
  }
  return {answer: apiError(500, 'Internal error in the local lake; details are in its log', 'internalError'), log: true}
}
