/**
 * Every TCP connection the lake holds, with deadlines and caps that do not depend on which
 * protocol it turns out to speak (plain HTTP/1.1, TLS with HTTP/1.1 or HTTP/2, a WebSocket):
 *
 * - a connection must bring its first request within the handshake and header timeouts of
 *   connecting, and its next one within the keep-alive and header timeouts of the last answer
 *   (HTTP/2: within the idle timeout of its last stream), however slowly it trickles bytes;
 * - at most `maxConnections` in all and `maxConnectionsPerClient` per address; when full, the
 *   oldest connection with nothing in progress is closed to make room, so connections that only
 *   sit there cannot lock anyone out. A WebSocket counts as in progress.
 *
 * Node's own header and request timeouts are not used: the lake's HTTP servers never listen
 * themselves (protocols.ts hands them connections), and Node only checks those timeouts for
 * servers that do.
 */
import type {Socket} from 'node:net'

/** The deadlines and caps, in milliseconds and connections. */
export interface ConnectionLimits {
  headersTimeoutMs: number
  handshakeTimeoutMs: number
  /** How long an idle keep-alive connection stays open. */
  keepAliveMs: number
  /** How long an HTTP/2 session with no stream stays open. */
  idleTimeoutMs: number
  maxConnections: number
  maxConnectionsPerClient: number
}

interface Entry {
  socket: Socket
  address: string
  opened: number
  /** Requests or streams in progress. */
  active: number
  /** A WebSocket: never idle, never evicted. */
  pinned: boolean
  deadline?: NodeJS.Timeout
}

/** Something with the peer's address (a socket, an HTTP/2 session's socket proxy). */
export interface Peer {
  remoteAddress?: string
  remotePort?: number
}

/** The lake's open connections. */
export class Connections {
  private readonly entries = new Map<string, Entry>()
  private sequence = 0
  private closing = false

  private readonly limits: ConnectionLimits

  /** @param limits - deadlines and caps */
  constructor(limits: ConnectionLimits) {
    this.limits = limits
  }

  /**
   * The key of a connection, the same for the raw socket, its TLS socket and its requests.
   *
   * @param peer - the socket
   * @returns `address:port`
   */
  static keyOf(peer: Peer): string {
    return `${peer.remoteAddress ?? '?'}:${peer.remotePort ?? 0}`
  }

  /**
   * A new TCP connection: admitted, evicting the oldest idle one when a cap is reached, or
   * refused (destroyed) when every connection it competes with is busy.
   *
   * @param socket - the raw socket
   * @returns true when admitted
   */
  admit(socket: Socket): boolean {
    const address = socket.remoteAddress ?? '?'
    if (this.closing) return refuse(socket)
    const sameClient = [...this.entries.values()].filter((entry) => entry.address === address)
    if (sameClient.length >= this.limits.maxConnectionsPerClient && !this.evictIdle(sameClient)) return refuse(socket)
    if (this.entries.size >= this.limits.maxConnections && !this.evictIdle([...this.entries.values()])) return refuse(socket)
    const key = Connections.keyOf(socket)
    const entry: Entry = {socket, address, opened: this.sequence++, active: 0, pinned: false}
    this.entries.set(key, entry)
    socket.once('close', () => {
      clearTimeout(entry.deadline)
      if (this.entries.get(key) === entry) this.entries.delete(key)
    })
    this.expect(entry, this.limits.handshakeTimeoutMs + this.limits.headersTimeoutMs)
    return true
  }

  /**
   * A request (HTTP/1.1) or stream (HTTP/2) started on a connection.
   *
   * @param key - the connection's {@link Connections.keyOf} (taken while its socket is attached)
   */
  started(key: string): void {
    const entry = this.entries.get(key)
    if (!entry) return
    entry.active++
    clearTimeout(entry.deadline)
  }

  /**
   * A request or stream ended: the connection must bring its next one in time, or go.
   *
   * @param key - the connection's {@link Connections.keyOf}
   * @param protocol - HTTP/2 sessions wait the idle timeout, HTTP/1.1 the keep-alive one
   */
  ended(key: string, protocol: 1 | 2): void {
    const entry = this.entries.get(key)
    if (!entry) return
    entry.active = Math.max(0, entry.active - 1)
    if (entry.active > 0 || entry.pinned) return
    if (this.closing) {
      entry.socket.destroy()
      return
    }
    this.expect(entry, protocol === 2 ? this.limits.idleTimeoutMs : this.limits.keepAliveMs + this.limits.headersTimeoutMs)
  }

  /**
   * The connection became a WebSocket: its own idle timeout applies from now on.
   *
   * @param key - the connection's {@link Connections.keyOf}
   */
  pin(key: string): void {
    const entry = this.entries.get(key)
    if (!entry) return
    entry.pinned = true
    clearTimeout(entry.deadline)
  }

  /** Shutdown: refuse new connections, close idle ones now and busy ones when they finish. */
  close(): void {
    this.closing = true
    for (const entry of this.entries.values()) if (entry.active === 0 || entry.pinned) entry.socket.destroy()
  }

  private expect(entry: Entry, withinMs: number): void {
    clearTimeout(entry.deadline)
    entry.deadline = setTimeout(() => entry.socket.destroy(), withinMs)
    entry.deadline.unref()
  }

  private evictIdle(candidates: Entry[]): boolean {
    const idle = candidates.filter((entry) => entry.active === 0 && !entry.pinned).sort((a, b) => a.opened - b.opened)[0]
    if (!idle) return false
    this.entries.delete(Connections.keyOf(idle.socket))
    clearTimeout(idle.deadline)
    idle.socket.destroy()
    return true
  }
}

function refuse(socket: Socket): false {
  socket.destroy()
  return false
}
