/**
 * The Studio's presence WebSocket (`/v…/socket/:dataset`, Sanity's "bifur" JSON-RPC 2.0 protocol),
 * answered so the Studio connects instead of retrying a 404 in the console. The lake has one user,
 * so presence is empty: `authorization`, `presence_announce`, `presence_rollcall` and
 * `presence_disconnect` succeed, `presence_subscribe` returns a subscription that never fires,
 * and other methods get JSON-RPC's "method not found". WebSocket framing (RFC 6455) by hand:
 * text, ping and close frames from the client, unfragmented text frames to it.
 */
import {createHash, randomUUID} from 'node:crypto'
import type {IncomingMessage} from 'node:http'
import type {Duplex} from 'node:stream'

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'
const SOCKET_PATH = /^\/v(\d+|X|\d{4}-\d{2}-\d{2})\/socket\/[^/?]+(\?.*)?$/
const MAX_FRAME = 1024 * 1024

/**
 * Handle an HTTP upgrade request: the presence socket, or a refusal for any other path.
 *
 * @param req - the upgrade request
 * @param socket - its connection
 * @param sockets - open presence sockets (destroyed at shutdown)
 */
export function handleUpgrade(req: IncomingMessage, socket: Duplex, sockets: Set<Duplex>): void {
  const key = req.headers['sec-websocket-key']
  if (!SOCKET_PATH.test(req.url ?? '') || typeof key !== 'string' || req.headers.upgrade?.toLowerCase() !== 'websocket') {
    socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n')
    return
  }
  const accept = createHash('sha1').update(key + GUID).digest('base64')
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`)
  sockets.add(socket)
  socket.on('close', () => sockets.delete(socket))
  socket.on('error', () => socket.destroy())
  let buffer = Buffer.alloc(0)
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk])
    for (;;) {
      const frame = readFrame(buffer)
      if (frame === 'incomplete') return
      if (frame === 'invalid') {
        socket.destroy()
        return
      }
      buffer = buffer.subarray(frame.size)
      if (frame.opcode === 0x8) {
        socket.end(encodeFrame(0x8, frame.payload.subarray(0, 2)))
        return
      }
      if (frame.opcode === 0x9) socket.write(encodeFrame(0xa, frame.payload))
      if (frame.opcode === 0x1) {
        const answer = answerRpc(frame.payload.toString('utf8'))
        if (answer) socket.write(encodeFrame(0x1, Buffer.from(answer)))
      }
    }
  })
}

/**
 * The JSON-RPC answer to one message from the Studio.
 *
 * @param text - the message
 * @returns the answer to send, or undefined (notifications, unparsable input)
 */
export function answerRpc(text: string): string | undefined {
  let message: {id?: unknown; method?: unknown}
  try {
    message = JSON.parse(text) as typeof message
  } catch {
    return undefined
  }
  if (message.id === undefined || typeof message.method !== 'string') return undefined
  const reply = (body: Record<string, unknown>): string => JSON.stringify({jsonrpc: '2.0', id: message.id, ...body})
  const method = message.method
  if (method === 'authorization' || method.startsWith('presence_') && !method.endsWith('_subscribe')) return reply({result: true})
  if (method.endsWith('_subscribe')) return reply({result: randomUUID()})
  return reply({error: {code: -32601, message: `Method "${method}" is not available in the local lake`}})
}

type Frame = {opcode: number; payload: Buffer; size: number}

function readFrame(buffer: Buffer): Frame | 'incomplete' | 'invalid' {
  if (buffer.length < 2) return 'incomplete'
  const first = buffer[0] ?? 0
  const second = buffer[1] ?? 0
  const masked = (second & 0x80) !== 0
  let length = second & 0x7f
  let offset = 2
  if (length === 126) {
    if (buffer.length < 4) return 'incomplete'
    length = buffer.readUInt16BE(2)
    offset = 4
  } else if (length === 127) {
    if (buffer.length < 10) return 'incomplete'
    const big = buffer.readBigUInt64BE(2)
    if (big > BigInt(MAX_FRAME)) return 'invalid'
    length = Number(big)
    offset = 10
  }
  // Clients must mask their frames (RFC 6455 5.1); fragmented messages are not expected.
  if (!masked || length > MAX_FRAME || (first & 0x80) === 0) return 'invalid'
  if (buffer.length < offset + 4 + length) return 'incomplete'
  const mask = buffer.subarray(offset, offset + 4)
  const payload = Buffer.from(buffer.subarray(offset + 4, offset + 4 + length))
  for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0)
  return {opcode: first & 0x0f, payload, size: offset + 4 + length}
}

function encodeFrame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length
  const header = length < 126 ? Buffer.alloc(2) : length < 65536 ? Buffer.alloc(4) : Buffer.alloc(10)
  header[0] = 0x80 | opcode
  if (length < 126) header[1] = length
  else if (length < 65536) {
    header[1] = 126
    header.writeUInt16BE(length, 2)
  } else {
    header[1] = 127
    header.writeBigUInt64BE(BigInt(length), 2)
  }
  return Buffer.concat([header, payload])
}
