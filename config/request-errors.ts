/**
 * How a failed request is read, the same way by every command: the network code behind an error
 * (undici wraps it in `fetch failed`), the HTTP status, and one line for a failed read.
 */
import {UnexpectedResponseError} from './http.ts'
import {authFailureMessage, isMissingDataset, type TokenNeed} from './messages.ts'
import {describeSource, type Sourced} from './target.ts'

/** Network error codes (Node/undici) that mean "try again later", e.g. while a server restarts. */
const TRANSIENT_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  ETIMEDOUT: 'timed out',
  EAI_AGAIN: 'name lookup failed (temporary)',
  ENOTFOUND: 'host not found',
  UND_ERR_SOCKET: 'connection closed by the server',
  UND_ERR_CONNECT_TIMEOUT: 'connect timed out',
  UND_ERR_HEADERS_TIMEOUT: 'timed out waiting for the response',
  UND_ERR_BODY_TIMEOUT: 'timed out reading the response',
}

/**
 * The network error code behind an error, looking through `cause` chains (fetch wraps them).
 * @param error - anything thrown by the client
 * @returns e.g. `ECONNREFUSED`, or undefined for HTTP or programming errors
 */
export function networkCode(error: unknown): string | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as {code?: unknown}).code
    if (typeof code === 'string' && code in TRANSIENT_CODES) return code
    current = (current as {cause?: unknown}).cause
  }
  return undefined
}

/** Codes of a request that ran out of time: the server may never answer. */
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'])

/**
 * Did this request time out (connect, response or idle)?
 * @param error - anything thrown by the client
 * @returns true for a timeout
 */
export function isTimeout(error: unknown): boolean {
  const code = networkCode(error)
  return code !== undefined && TIMEOUT_CODES.has(code)
}

/**
 * A human description of a network error code.
 * @param code - from {@link networkCode}
 * @returns e.g. `connection refused`
 */
export function describeNetworkCode(code: string): string {
  return TRANSIENT_CODES[code] ?? code
}

/**
 * The HTTP status of a client error, if it is one.
 * @param error - anything thrown by the client
 * @returns the status code, or undefined
 */
export function httpStatus(error: unknown): number | undefined {
  if (!error || typeof error !== 'object') return undefined
  const status = (error as {statusCode?: unknown}).statusCode
  return typeof status === 'number' ? status : undefined
}

/** What a failed request was for, to say what went wrong in the user's terms. */
export interface FailureContext {
  /** Who was asked, e.g. `http://127.0.0.1:3333`. */
  origin: string
  dataset: Sourced
  /** The token sent, if any. */
  token: Sourced | undefined
  need: TokenNeed
}

/**
 * One line for a request that failed: a refused token (which one, and what it needs), a missing
 * dataset (named, with where its name came from), a server that cannot be reached or did not
 * answer in time, or an answer that is not the API's.
 * @param error - anything the client threw
 * @param context - origin, dataset, token and what the request needed
 * @returns the line (no stack, no token)
 */
export function describeRequestFailure(error: unknown, context: FailureContext): string {
  if (error instanceof UnexpectedResponseError) return `${error.message}: is the API host right?`
  const status = httpStatus(error)
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''
  if (status === 401 || status === 403) return authFailureMessage(status, context.token, context.need)
  if (isMissingDataset(status, message)) {
    return `dataset "${context.dataset.value}" (${describeSource(context.dataset)}) does not exist at ${context.origin}`
  }
  const code = networkCode(error)
  if (code) return `cannot reach ${context.origin}: ${describeNetworkCode(code)}`
  if (status !== undefined) return `${context.origin} answered ${status}: ${message}`
  return message
}
