/**
 * Connections nobody can hold: with the lake's default limits, on the shared plain/TLS port and
 * with plain HTTP only, a silent connection and ones trickling bytes (HTTP/1.1 headers in clear or
 * over TLS, HTTP/2 pings without a stream) are closed within 30 s. WebSocket upgrades get the
 * Host and Origin checks requests get, and an idle timeout. Connections per client are capped
 * without locking anyone out: idle ones make room, busy ones are kept.
 */
import {connect as http2Connect} from 'node:http2'
import net from 'node:net'
import tls from 'node:tls'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startLake, type Lake} from '../../lake/index.ts'
import {scratchDirs, TOKEN, useTestLake} from './setup.ts'

const newDir = scratchDirs()

/** Resolves with how the connection ended: closed by the lake, or still open after `withinMs`. */
function closedWithin(socket: net.Socket | tls.TLSSocket, withinMs: number, trickle?: () => void): Promise<'closed' | 'open'> {
  return new Promise((resolve) => {
    const ticker = trickle ? setInterval(trickle, 3_000) : undefined
    const timer = setTimeout(() => finish('open'), withinMs)
    function finish(how: 'closed' | 'open'): void {
      clearInterval(ticker)
      clearTimeout(timer)
      socket.destroy()
      resolve(how)
    }
    socket.on('error', () => undefined)
    socket.once('close', () => finish('closed'))
  })
}

/** A request whose header lines arrive one every 3 s and never end. */
function trickler(socket: net.Socket): () => void {
  let line = 0
  return () => {
    if (!socket.destroyed) socket.write(line++ === 0 ? 'GET /v1/ping HTTP/1.1\r\nHost: 127.0.0.1\r\n' : `X-Trickle-${line}: 1\r\n`)
  }
}

describe('with the default limits', () => {
  let shared: Lake
  let plainOnly: Lake
  beforeAll(async () => {
    shared = await startLake({port: 0, dir: newDir('lake-conn-tls-'), token: TOKEN})
    plainOnly = await startLake({port: 0, dir: newDir('lake-conn-plain-'), token: TOKEN, tls: false})
  })
  afterAll(async () => {
    await shared.close()
    await plainOnly.close()
  })

  it('closes silent and trickling connections within 30 s, on every protocol', async () => {
    const within = 30_000
    const cases: Record<string, Promise<'closed' | 'open'>> = {}
    for (const [name, lake] of [['shared port', shared], ['plain only', plainOnly]] as const) {
      cases[`${name}: silent`] = closedWithin(net.connect(lake.port, '127.0.0.1'), within)
      const slow = net.connect(lake.port, '127.0.0.1')
      cases[`${name}: trickled headers`] = closedWithin(slow, within, trickler(slow))
    }
    // HTTP/1.1 over TLS, trickled after the handshake.
    const secure = tls.connect({port: shared.port, host: '127.0.0.1', rejectUnauthorized: false, ALPNProtocols: ['http/1.1']})
    cases['TLS: trickled headers'] = closedWithin(secure, within, trickler(secure))
    // HTTP/2: a session that only pings, never opening a stream.
    const session = http2Connect(shared.secureUrl!, {rejectUnauthorized: false})
    session.on('error', () => undefined)
    const h2 = new Promise<'closed' | 'open'>((resolve) => {
      const ticker = setInterval(() => session.ping(() => undefined), 3_000)
      const timer = setTimeout(() => done('open'), within)
      function done(how: 'closed' | 'open'): void {
        clearInterval(ticker)
        clearTimeout(timer)
        session.destroy()
        resolve(how)
      }
      session.once('close', () => done('closed'))
    })
    cases['HTTP/2: pings only'] = h2
    const results = Object.fromEntries(await Promise.all(Object.entries(cases).map(async ([name, result]) => [name, await result])))
    expect(results).toEqual(Object.fromEntries(Object.keys(cases).map((name) => [name, 'closed'])))
  }, 60_000)
})

/** Sends a WebSocket upgrade; resolves with the status line the lake answers. */
function upgrade(lake: Lake, headers: Record<string, string>): Promise<{status: string; socket: net.Socket}> {
  return new Promise((resolve) => {
    const socket = net.connect(lake.port, '127.0.0.1', () => {
      const lines = [
        'GET /v2025-02-19/socket/production HTTP/1.1',
        ...Object.entries({Host: `127.0.0.1:${lake.port}`, Upgrade: 'websocket', Connection: 'Upgrade', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version': '13', ...headers}).map(([name, value]) => `${name}: ${value}`),
        '',
        '',
      ]
      socket.write(lines.join('\r\n'))
    })
    let received = ''
    socket.on('error', () => undefined)
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1')
      if (received.includes('\r\n')) resolve({status: received.split('\r\n')[0] ?? '', socket})
    })
    socket.once('close', () => resolve({status: received.split('\r\n')[0] ?? '', socket}))
  })
}

describe('WebSocket upgrades', () => {
  let lake: Lake
  useTestLake('lake-ws-', (started) => ({lake} = started), {tls: false, limits: {idleTimeoutMs: 1_500}})

  it('refuses a foreign Origin and a foreign Host, like requests', async () => {
    const foreign = await upgrade(lake, {Origin: 'https://evil.example'})
    expect(foreign.status).toMatch(/^HTTP\/1\.1 403/)
    foreign.socket.destroy()
    const rebound = await upgrade(lake, {Host: `rebind.evil.example:${lake.port}`})
    expect(rebound.status).toMatch(/^HTTP\/1\.1 403/)
    rebound.socket.destroy()
    const unknown = await new Promise<string>((resolve) => {
      const socket = net.connect(lake.port, '127.0.0.1', () =>
        socket.write(`GET /v2025-02-19/socket/nosuch HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`),
      )
      socket.on('data', (chunk) => {
        resolve(chunk.toString('latin1').split('\r\n')[0] ?? '')
        socket.destroy()
      })
    })
    expect(unknown).toMatch(/^HTTP\/1\.1 404/)
  })

  it('accepts the Studio origin and closes the socket once it is idle', async () => {
    const studio = await upgrade(lake, {Origin: 'http://localhost:3334'})
    expect(studio.status).toMatch(/^HTTP\/1\.1 101/)
    expect(await closedWithin(studio.socket, 10_000)).toBe('closed')
  })
})

describe('connections per client', () => {
  let lake: Lake
  useTestLake('lake-conn-cap-', (started) => ({lake} = started), {tls: false, limits: {maxConnectionsPerClient: 4}})

  const connect = (localAddress = '127.0.0.1'): Promise<net.Socket> =>
    new Promise((resolve) => {
      const socket = net.connect({port: lake.port, host: '127.0.0.1', localAddress}, () => resolve(socket))
      socket.on('error', () => undefined)
    })
  /** A request on a fresh connection; resolves with its status line, or `closed`. */
  const ping = (localAddress?: string): Promise<string> =>
    connect(localAddress).then(
      (socket) =>
        new Promise((resolve) => {
          socket.write('GET /v1/ping HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')
          socket.once('data', (chunk) => {
            resolve(chunk.toString('latin1').split('\r\n')[0] ?? '')
            socket.destroy()
          })
          socket.once('close', () => resolve('closed'))
        }),
    )

  it('makes room by closing an idle connection of the same client', async () => {
    const idle = await Promise.all([connect(), connect(), connect(), connect()])
    try {
      expect(await ping()).toMatch(/^HTTP\/1\.1 200/)
      expect(idle.filter((socket) => socket.destroyed || socket.readyState === 'closed').length).toBeGreaterThan(0)
    } finally {
      idle.forEach((socket) => socket.destroy())
    }
  })

  it('refuses a client whose connections are all busy, and serves another client meanwhile', async () => {
    const controller = new AbortController()
    const listeners = await Promise.all(
      Array.from({length: 4}, async () => {
        const answer = await fetch(`${lake.url}/v2025-02-19/data/listen/production?query=*`, {signal: controller.signal})
        expect(answer.status).toBe(200)
        return answer
      }),
    )
    try {
      expect(await ping()).toBe('closed')
      // Another loopback address is another client.
      expect(await ping('127.0.0.2')).toMatch(/^HTTP\/1\.1 200/)
    } finally {
      controller.abort()
      void listeners
    }
  })
})
