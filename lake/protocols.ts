/**
 * Plain HTTP/1.1 and TLS (HTTP/2, HTTP/1.1 by ALPN) on one TCP port. Node tools speak plain HTTP
 * to the lake while a browser needs HTTP/2, hence TLS, for the Studio's many event streams; one
 * address for both means nobody has to choose. Each connection's first byte tells them apart:
 * a TLS connection opens with a handshake record (content type 0x16), an HTTP request with a
 * method name in ASCII.
 */
import type {Server as HttpServer} from 'node:http'
import type {Http2SecureServer} from 'node:http2'
import {createServer, type Server, type Socket} from 'node:net'

/** The first byte of every TLS connection: a handshake record. */
const TLS_HANDSHAKE = 0x16

/** A TCP server handing each connection to the plain or the TLS server. */
export interface ProtocolSwitch {
  /** Listens; `plain` and `secure` never listen themselves. */
  server: Server
  /** Destroy connections that have not sent a byte yet (idle pre-connections at shutdown). */
  dropUndecided(): void
}

/**
 * Route every connection of one TCP server by its first byte.
 *
 * @param plain - the HTTP/1.1 server (given the socket as is)
 * @param secure - the TLS server, or undefined to serve plain HTTP only
 * @param firstByteTimeoutMs - a connection silent this long before its first byte is closed
 * @param admit - decides whether a new connection may stay (it destroys the ones it refuses)
 * @returns the TCP server to listen on, and a way to drop undecided connections
 */
export function switchProtocols(
  plain: HttpServer,
  secure: Http2SecureServer | undefined,
  firstByteTimeoutMs = 10_000,
  admit: (socket: Socket) => boolean = () => true,
): ProtocolSwitch {
  const undecided = new Set<Socket>()
  const server = createServer((socket) => {
    if (!admit(socket)) return
    if (!secure) {
      plain.emit('connection', socket)
      return
    }
    // Until a server owns it, nothing else times a silent connection out.
    socket.setTimeout(firstByteTimeoutMs, () => socket.destroy())
    undecided.add(socket)
    // Until a server owns the socket, a reset must not become an unhandled 'error' event.
    const onEarlyError = (): void => void socket.destroy()
    socket.on('error', onEarlyError)
    socket.once('close', () => undecided.delete(socket))
    socket.once('data', (chunk: Buffer) => {
      undecided.delete(socket)
      socket.setTimeout(0)
      socket.off('error', onEarlyError)
      // Put the peeked bytes back so the chosen server reads the connection from its start.
      socket.pause()
      socket.unshift(chunk)
      if (chunk[0] === TLS_HANDSHAKE) {
        // TLSSocket drains the buffered bytes into its handshake on the next tick; resuming
        // here would hand them to no one.
        secure.emit('connection', socket)
      } else {
        // http's parser reads the buffered bytes through its 'data' listener, once flowing.
        plain.emit('connection', socket)
        socket.resume()
      }
    })
  })
  return {
    server,
    dropUndecided: () => {
      for (const socket of undecided) socket.destroy()
    },
  }
}
