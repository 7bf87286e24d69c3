/**
 * The lake's resource limits and the error answers they produce: connection timeouts and caps,
 * request body and query sizes (bytes as Sanity counts them: UTF-8, 1 MB = 1,000,000 bytes), JSON
 * nesting depth, the query budget, per-client caps on queries and listeners, and a full disk
 * (507) told apart from a bug (500 without internals).
 */
import type {Server as HttpServer} from 'node:http'
import {apiError, HttpError} from './http.ts'

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
  /** Open connections at most (default 256); when full, the oldest idle one makes room, else a new one is closed. */
  maxConnections: number
  /** Open connections from one address at most (default 128), same rule. */
  maxConnectionsPerClient: number
  /** Milliseconds a query may run, queueing included (default 60 000, as Sanity's "1 minute"). */
  queryTimeoutMs: number
  /** Milliseconds to check a listener's query or match it against one transaction (default 10 000). */
  listenerTimeoutMs: number
  /** Query worker threads (default 2; anonymous clients use at most one less). */
  queryWorkers: number
  /** Bytes of GROQ a query or listener may have (default 300 000), refused with 413 before parsing. */
  maxQueryBytes: number
  /** Queries in progress per anonymous client (address) at most (default 8); more get 429. */
  anonymousQueries: number
  /** Queries in progress for the token holder at most (default 64). */
  tokenQueries: number
  /** Open listeners per anonymous client (address) at most (default 32). */
  anonymousListeners: number
  /** Open listeners of the token holder at most (default 512). */
  tokenListeners: number
  /** Open WebSockets per client address at most (default 16). */
  sockets: number
}

/** The defaults of {@link LakeLimits}. */
export const DEFAULT_LIMITS: LakeLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  idleTimeoutMs: 120_000,
  handshakeTimeoutMs: 10_000,
  maxConnections: 256,
  maxConnectionsPerClient: 128,
  queryTimeoutMs: 60_000,
  listenerTimeoutMs: 10_000,
  queryWorkers: 2,
  maxQueryBytes: 300_000,
  anonymousQueries: 8,
  tokenQueries: 64,
  anonymousListeners: 32,
  tokenListeners: 512,
  sockets: 16,
}

/** Sanity's documented limit for a mutation request body: 4 MB, in SI units. */
export const MUTATION_BODY_LIMIT = 4_000_000
/** A query request body (the query, its parameters): 10 MB. */
export const QUERY_BODY_LIMIT = 10_000_000
/** An uploaded asset: 200 MB. */
export const UPLOAD_LIMIT = 200_000_000
/** Mutations in one transaction at most. */
export const MAX_MUTATIONS = 100_000
/** Patches of one document in one transaction at most: each rewrites the document. */
export const MAX_PATCHES_PER_DOCUMENT = 1_000

/** The environment variable that sets the default query budget (milliseconds), e.g. for slow CI machines. */
export const QUERY_TIMEOUT_ENV = 'LAKE_QUERY_TIMEOUT_MS'

/**
 * The lake's limits: the defaults, the query budget from {@link QUERY_TIMEOUT_ENV} when set, then
 * what the caller gave.
 *
 * @param given - limits from the options (`--query-timeout` and the like)
 * @param env - the environment
 * @returns the limits to apply
 * @throws Error when the environment variable is not a positive number of milliseconds
 */
export function resolveLimits(given: Partial<LakeLimits> | undefined, env: NodeJS.ProcessEnv = process.env): LakeLimits {
  const raw = env[QUERY_TIMEOUT_ENV]?.trim()
  const fromEnv = raw ? Number(raw) : undefined
  if (fromEnv !== undefined && !(Number.isFinite(fromEnv) && fromEnv >= 100)) {
    throw new Error(`${QUERY_TIMEOUT_ENV} must be a number of milliseconds (at least 100), got "${raw}"`)
  }
  return {...DEFAULT_LIMITS, ...(fromEnv !== undefined ? {queryTimeoutMs: fromEnv} : {}), ...given}
}

/**
 * Refuse a query whose text is over the limit, before anything parses it.
 *
 * @param query - the GROQ text
 * @param limit - bytes allowed
 * @throws HttpError 413
 */
export function checkQuerySize(query: string, limit: number): void {
  const size = Buffer.byteLength(query)
  if (size > limit) {
    throw apiError(413, `The query is ${size} bytes; the limit is ${limit} bytes. Split it, or pass large values as parameters.`, 'queryTooLarge')
  }
}

/** Deepest JSON nesting a request body may have (documents nest a few dozen levels at most). */
export const MAX_JSON_DEPTH = 100

/**
 * Apply the limits Node enforces itself to the HTTP/1.1 server: keep-alive and socket idle
 * timeouts. Header, request and first-byte deadlines and the connection caps are
 * connections.ts's; the TLS handshake timeout is a server option (see transport.ts).
 *
 * @param plain - the HTTP/1.1 server
 * @param limits - the limits
 */
export function applyConnectionLimits(plain: HttpServer, limits: LakeLimits): void {
  plain.keepAliveTimeout = keepAliveMs(limits)
  // A socket silent for this long is closed (event streams send keep-alive comments meanwhile).
  plain.timeout = limits.idleTimeoutMs
}

/**
 * How long an idle HTTP/1.1 connection stays open between requests.
 *
 * @param limits - the limits
 * @returns milliseconds
 */
export function keepAliveMs(limits: LakeLimits): number {
  return Math.min(5_000, limits.idleTimeoutMs)
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
