/**
 * A token bucket that keeps a push under Sanity's documented rate limit (about 25 requests/s
 * per IP): every request, retries included, takes one token first. In any one-second window at
 * most `burst + ratePerSecond` requests go out, so the defaults (20/s, burst 5) stay at 25.
 */

export const DEFAULT_RATE_PER_SECOND = 20
export const DEFAULT_BURST = 5

export interface Clock {
  now: () => number
  sleep: (ms: number) => Promise<void>
}

/** Real time. */
export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
}

export class TokenBucket {
  private tokens: number
  private last: number
  private queue: Promise<void> = Promise.resolve()

  private readonly ratePerSecond: number
  private readonly burst: number
  private readonly clock: Clock

  /**
   * @param ratePerSecond - sustained requests per second
   * @param burst - requests allowed at once after idling (at most `ratePerSecond`)
   * @param clock - time source, replaceable in tests
   */
  constructor(
    ratePerSecond: number,
    burst: number = ratePerSecond,
    clock: Clock = systemClock,
  ) {
    this.ratePerSecond = ratePerSecond
    this.burst = burst
    this.clock = clock
    if (!(ratePerSecond > 0)) throw new RangeError('rate must be positive')
    this.tokens = burst
    this.last = clock.now()
  }

  /**
   * Waits until a request may be sent, then takes its token. Callers are served in order.
   * @returns resolves when the request may go
   */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.takeNow())
    this.queue = turn
    return turn
  }

  private async takeNow(): Promise<void> {
    this.refill()
    if (this.tokens < 1) {
      await this.clock.sleep(((1 - this.tokens) * 1000) / this.ratePerSecond)
      this.refill()
    }
    this.tokens -= 1
  }

  private refill(): void {
    const now = this.clock.now()
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.ratePerSecond) / 1000)
    this.last = now
  }
}
