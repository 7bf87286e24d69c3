/**
 * The lake's sockets: one TCP port for plain HTTP/1.1 and TLS (HTTP/2, HTTP/1.1 by ALPN),
 * with every connection admitted, timed and capped by connections.ts, request bodies bounded in
 * time, HTTP/2 streams per session capped, and WebSocket upgrades handed over with an idle timeout.
 */
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import {createSecureServer, type Http2Session} from 'node:http2'
import type {Server as NetServer, Socket} from 'node:net'
import type {Duplex} from 'node:stream'
import {Connections} from './connections.ts'
import {applyConnectionLimits, keepAliveMs, type LakeLimits} from './limits.ts'
import {switchProtocols} from './protocols.ts'
import type {TlsCredentials} from './tls.ts'

/** Streams one HTTP/2 session may have open at once (the Studio holds about ten listeners). */
const MAX_STREAMS_PER_SESSION = 128

/** What the transport calls. */
export interface TransportHandlers {
  request: (req: IncomingMessage, res: ServerResponse) => void
  /** A WebSocket upgrade; returns false when it refused (and closed) the socket. */
  upgrade: (req: IncomingMessage, socket: Duplex) => boolean
}

/** The listening side of a lake. */
export interface Transport {
  /** Listen on this one. */
  server: NetServer
  /** Stop accepting; close idle connections now, busy ones once they finish. */
  close(): Promise<void>
}

/**
 * Build the servers.
 *
 * @param limits - timeouts and caps
 * @param credentials - TLS key and certificate, or undefined for plain HTTP only
 * @param handlers - request and upgrade handlers
 * @returns the transport
 */
export function createTransport(limits: LakeLimits, credentials: TlsCredentials | undefined, handlers: TransportHandlers): Transport {
  const connections = new Connections({...limits, keepAliveMs: keepAliveMs(limits)})
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    // HTTP/2 streams are counted per session (below).
    if (req.httpVersionMajor === 1) {
      const key = Connections.keyOf(req.socket)
      connections.started(key)
      res.once('close', () => connections.ended(key, 1))
    }
    // A request body trickled in too slowly ends the request (Node checks its own requestTimeout
    // only for servers that listen themselves).
    const timer = setTimeout(() => {
      if (!req.complete && !req.readableEnded) req.destroy()
    }, limits.requestTimeoutMs)
    timer.unref()
    req.once('end', () => clearTimeout(timer))
    res.once('close', () => clearTimeout(timer))
    handlers.request(req, res)
  }
  const plain = createServer(onRequest)
  applyConnectionLimits(plain, limits)
  // The HTTP/2 compatibility API mirrors IncomingMessage/ServerResponse for everything used here.
  const secure = credentials
    ? createSecureServer(
        {...credentials, allowHTTP1: true, handshakeTimeout: limits.handshakeTimeoutMs, settings: {maxConcurrentStreams: MAX_STREAMS_PER_SESSION}},
        (req, res) => onRequest(req as unknown as IncomingMessage, res as unknown as ServerResponse),
      )
    : undefined
  const sessions = new Set<Http2Session>()
  secure?.on('session', (session: Http2Session) => {
    sessions.add(session)
    session.once('close', () => sessions.delete(session))
    const key = Connections.keyOf(session.socket)
    session.on('stream', (stream) => {
      connections.started(key)
      stream.once('close', () => connections.ended(key, 2))
    })
  })
  // TLS connections speaking HTTP/1.1 keep the keep-alive and idle timeouts of plain ones.
  secure?.on('secureConnection', (socket: Socket & {alpnProtocol?: string | false}) => {
    if (socket.alpnProtocol !== 'h2') socket.setTimeout(limits.idleTimeoutMs, () => socket.destroy())
  })
  const onUpgrade = (req: IncomingMessage, socket: Duplex): void => {
    if (!handlers.upgrade(req, socket)) return
    connections.pin(Connections.keyOf(req.socket))
    // A WebSocket with no frame in either direction for this long is closed.
    ;(socket as Socket).setTimeout?.(limits.idleTimeoutMs, () => socket.destroy())
  }
  plain.on('upgrade', onUpgrade)
  secure?.on('upgrade', onUpgrade)
  const {server, dropUndecided} = switchProtocols(plain, secure, limits.handshakeTimeoutMs, (socket) => connections.admit(socket))
  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        dropUndecided()
        connections.close()
        for (const session of sessions) session.close()
      }),
  }
}
