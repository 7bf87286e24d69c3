/**
 * One clear line per failure, with the token scrubbed: errors from the client may echo request
 * URLs or server messages, and a push must never print a credential.
 */
import {ImportError} from '../../diagnostics.ts'
import {scrubUrlCredentials} from './scrub.ts'

/** A push failure the CLI prints as one line (it is an {@link ImportError}). */
export class PushError extends ImportError {
  constructor(target: string, rule: string, message: string) {
    super({file: target, rule, message})
    this.name = 'PushError'
  }
}

// Network codes and HTTP statuses are read the same way by every command (config/request-errors.ts).
export {describeNetworkCode, httpStatus, isTimeout, networkCode} from '../../../config/request-errors.ts'
import {describeNetworkCode, networkCode} from '../../../config/request-errors.ts'

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
