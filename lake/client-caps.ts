/**
 * Per-client caps on what stays open: queries in progress, listeners, WebSockets. A client is
 * the token holder, or an anonymous address, so anonymous clients (however many requests they
 * send) can hold only their own share and the token holder is never locked out. Over a cap the
 * request is answered 429 with `Retry-After`, before any work.
 */
import {HttpError} from './http.ts'
import type {LakeLimits} from './limits.ts'

/** What a client holds open. */
export type Holding = 'query' | 'listener' | 'socket'

/** Who a request comes from, for the caps. */
export interface Client {
  /** `token`, or `anonymous@<address>`. */
  key: string
  anonymous: boolean
}

/**
 * The client of a request.
 *
 * @param peer - its socket
 * @param authenticated - it carried the lake's token
 * @returns the client
 */
export function clientOf(peer: {remoteAddress?: string}, authenticated: boolean): Client {
  return authenticated ? {key: 'token', anonymous: false} : {key: `anonymous@${peer.remoteAddress ?? '?'}`, anonymous: true}
}

const NAMES: Readonly<Record<Holding, string>> = {query: 'queries in progress', listener: 'open listeners', socket: 'open WebSockets'}

/** Counts what each client holds open. */
export class ClientCaps {
  private readonly held = new Map<string, number>()

  private readonly limits: Pick<LakeLimits, 'anonymousQueries' | 'tokenQueries' | 'anonymousListeners' | 'tokenListeners' | 'sockets'>

  /** @param limits - the caps */
  constructor(limits: Pick<LakeLimits, 'anonymousQueries' | 'tokenQueries' | 'anonymousListeners' | 'tokenListeners' | 'sockets'>) {
    this.limits = limits
  }

  /**
   * Take one of the client's places, or refuse.
   *
   * @param holding - what is opened
   * @param client - who opens it
   * @returns a function giving the place back (idempotent)
   * @throws HttpError 429 when the client holds its cap already
   */
  acquire(holding: Holding, client: Client): () => void {
    const cap = this.capOf(holding, client)
    const key = `${holding}:${client.key}`
    const count = this.held.get(key) ?? 0
    if (count >= cap) {
      const who = client.anonymous ? 'this address (without a token)' : 'the token holder'
      throw new HttpError(
        429,
        {error: {description: `Too many ${NAMES[holding]} from ${who}: at most ${cap}. Close one, then retry.`, type: 'rateLimited'}, statusCode: 429},
        {'Retry-After': '1'},
      )
    }
    this.held.set(key, count + 1)
    let released = false
    return () => {
      if (released) return
      released = true
      const left = (this.held.get(key) ?? 1) - 1
      if (left > 0) this.held.set(key, left)
      else this.held.delete(key)
    }
  }

  private capOf(holding: Holding, client: Client): number {
    if (holding === 'socket') return this.limits.sockets
    if (holding === 'query') return client.anonymous ? this.limits.anonymousQueries : this.limits.tokenQueries
    return client.anonymous ? this.limits.anonymousListeners : this.limits.tokenListeners
  }
}
