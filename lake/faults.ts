/**
 * Fault injection: answers a share of requests with 429 or 503 before any work is done,
 * so clients' retry and back-off paths can be tested against the local lake.
 */

/** What the injector decided for one request. */
export type Fault = 'throttle' | 'fail' | null

/** Shares of requests to disturb, and an optional seed for a reproducible sequence. */
export interface FaultOptions {
  /** Share (0..1) of requests answered 503. */
  failRate?: number
  /** Share (0..1) of requests answered 429 with `Retry-After: 1`. */
  throttleRate?: number
  /** Seed for a deterministic sequence; `Math.random` when absent. */
  seed?: number
}

/**
 * mulberry32: a tiny seeded PRNG; enough for spreading faults, not for anything secret.
 *
 * @param seed - any 32-bit integer
 * @returns a function yielding numbers in [0, 1)
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Build the per-request fault decision.
 *
 * @param options - rates (clamped to 0..1) and optional seed
 * @returns a function called once per eligible request
 */
export function createFaultInjector(options: FaultOptions): () => Fault {
  const throttle = clamp(options.throttleRate ?? 0)
  const fail = clamp(options.failRate ?? 0)
  if (throttle === 0 && fail === 0) return () => null
  const random = options.seed === undefined ? Math.random : seededRandom(options.seed)
  return () => {
    const r = random()
    if (r < throttle) return 'throttle'
    if (r < throttle + fail) return 'fail'
    return null
  }
}

function clamp(rate: number): number {
  return Number.isFinite(rate) ? Math.min(1, Math.max(0, rate)) : 0
}
