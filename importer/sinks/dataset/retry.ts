/**
 * Retries for requests that failed for a passing reason (429, 5xx, a dropped or refused
 * connection while the server restarts), with exponential backoff that honours `Retry-After`,
 * bounded in attempts and in total time.
 */
import {describeNetworkCode, httpStatus, isTimeout, networkCode} from './errors.ts'
import {systemClock, type Clock} from './rate-limit.ts'

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number
  /** The first backoff; doubles each attempt. Small in tests (`SANITY_PUSH_RETRY_BASE_MS`). */
  baseDelayMs: number
  /** No single wait longer than this (a longer `Retry-After` ends the retries). */
  maxDelayMs: number
  /** Give up when the next wait would end later than this after the first attempt. */
  maxTotalMs: number
  /**
   * How long one attempt may take before it times out (the response timeout). After a timed-out
   * attempt no retry starts that could not time out within `maxTotalMs`: a silent server ends
   * the push within that time.
   */
  attemptTimeoutMs?: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 250,
  maxDelayMs: 15_000,
  maxTotalMs: 60_000,
}

export interface RetryInfo {
  attempt: number
  delayMs: number
  reason: string
}

/** Why a failure is worth another attempt, or undefined when it is not. */
export function transientReason(error: unknown): string | undefined {
  const status = httpStatus(error)
  if (status === 429) return 'rate limited (429)'
  if (status !== undefined && status >= 500) return `server error (${status})`
  const code = networkCode(error)
  return code ? describeNetworkCode(code) : undefined
}

/**
 * The wait a server asked for, from `Retry-After` (seconds or an HTTP date).
 * @param error - a client error carrying response headers
 * @param now - current epoch milliseconds, for the date form
 * @returns milliseconds, or undefined when absent or unreadable
 */
export function retryAfterMs(error: unknown, now: number = Date.now()): number | undefined {
  const headers = (error as {response?: {headers?: Record<string, unknown>}} | null)?.response
    ?.headers
  const value = headers?.['retry-after']
  if (typeof value !== 'string' || value.trim() === '') return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/**
 * The backoff before attempt `attempt + 1`: base·2^(attempt-1), with jitter in its upper half
 * so parallel clients spread out, at least what the server asked for.
 */
export function backoffMs(
  attempt: number,
  policy: RetryPolicy,
  requested: number | undefined,
  random: () => number = Math.random,
): number {
  const exponential = policy.baseDelayMs * 2 ** (attempt - 1)
  const jittered = exponential * (0.5 + random() / 2)
  return Math.min(policy.maxDelayMs, Math.max(requested ?? 0, jittered))
}

/** Thrown when retries are exhausted; `cause` is the last failure. */
export class RetriesExhaustedError extends Error {
  readonly attempts: number
  readonly reason: string
  readonly lastError: unknown

  constructor(
    attempts: number,
    reason: string,
    lastError: unknown,
  ) {
    super(`gave up after ${attempts} attempts: ${reason}`)
    this.attempts = attempts
    this.reason = reason
    this.lastError = lastError
    this.name = 'RetriesExhaustedError'
  }
}

/**
 * Runs `operation` until it succeeds, fails for a lasting reason (rethrown as is), or the
 * policy's attempts or time are spent ({@link RetriesExhaustedError}).
 * @param operation - one attempt; receives the 1-based attempt number
 * @param policy - bounds
 * @param onRetry - called before each wait (for logging)
 * @param clock - time source, replaceable in tests
 * @returns the operation's result
 */
export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  onRetry: (info: RetryInfo) => void = () => {},
  clock: Clock = systemClock,
): Promise<T> {
  const started = clock.now()
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt)
    } catch (error) {
      const reason = transientReason(error)
      if (reason === undefined) throw error
      const requested = retryAfterMs(error)
      const delayMs = backoffMs(attempt, policy, requested)
      const tooLong = requested !== undefined && requested > policy.maxDelayMs
      const nextAttempt = isTimeout(error) ? (policy.attemptTimeoutMs ?? 0) : 0
      const outOfTime = clock.now() - started + delayMs + nextAttempt > policy.maxTotalMs
      if (attempt >= policy.maxAttempts || tooLong || outOfTime) {
        throw new RetriesExhaustedError(attempt, reason, error)
      }
      onRetry({attempt, delayMs, reason})
      await clock.sleep(delayMs)
    }
  }
}

function positiveNumber(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined
  const number = Number(value)
  return Number.isFinite(number) && number > 0 ? number : undefined
}

/**
 * The retry policy, with environment overrides (tests and CI shorten the waits):
 * `SANITY_PUSH_RETRY_BASE_MS`, `SANITY_PUSH_RETRY_MAX_ATTEMPTS`, `SANITY_PUSH_RETRY_MAX_TOTAL_MS`.
 * @param env - variables to read
 * @param overrides - explicit settings (win over the environment)
 * @returns the policy
 */
export function retryPolicyFrom(
  env: NodeJS.ProcessEnv,
  overrides: Partial<RetryPolicy> = {},
): RetryPolicy {
  const fromEnv: Partial<RetryPolicy> = {}
  const base = positiveNumber(env.SANITY_PUSH_RETRY_BASE_MS)
  const attempts = positiveNumber(env.SANITY_PUSH_RETRY_MAX_ATTEMPTS)
  const total = positiveNumber(env.SANITY_PUSH_RETRY_MAX_TOTAL_MS)
  if (base !== undefined) fromEnv.baseDelayMs = base
  if (attempts !== undefined) fromEnv.maxAttempts = Math.floor(attempts)
  if (total !== undefined) fromEnv.maxTotalMs = total
  return {...DEFAULT_RETRY_POLICY, ...fromEnv, ...overrides}
}
