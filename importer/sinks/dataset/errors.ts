/**
 * One clear line per failure, with the token scrubbed: errors from the client may echo request
 * URLs or server messages, and a push must never print a credential.
 */
import {ImportError} from '../../diagnostics'
import {scrubUrlCredentials} from './scrub'

/** A push failure the CLI prints as one line (it is an {@link ImportError}). */
export class PushError extends ImportError {
  constructor(target: string, rule: string, message: string) {
    super({file: target, rule, message})
    this.name = 'PushError'
  }
}

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

/**
 * Removes a secret from a message (and any `Bearer …` credential or password in a URL, whatever its value).
 * @param message - text that may echo a request or a server answer
 * @param token - the configured token, if any
 * @returns the message, safe to print
 */
export function redact(message: string, token: string | undefined): string {
  let safe = scrubUrlCredentials(message).replace(/Bearer\s+[^\s"']+/gi, 'Bearer [redacted]')
  if (token) safe = safe.split(token).join('[redacted]')
  return safe
}

/**
 * A short, token-free description of why a request failed.
 * @param error - anything thrown by the client
 * @param token - the configured token, for redaction
 * @returns one line
 */
export function describeError(error: unknown, token: string | undefined): string {
  const code = networkCode(error)
  if (code) return describeNetworkCode(code)
  const message = error instanceof Error ? error.message : String(error)
  const firstLine = message.split('\n')[0] ?? message
  return redact(firstLine, token)
}
