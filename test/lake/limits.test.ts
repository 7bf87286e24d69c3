/**
 * One client cannot stall the lake: expensive queries run off the event loop within a time
 * budget and are cancelled when it runs out or the client leaves; silent and slow connections
 * are closed; a token-less body is refused before it is read; open connections are capped.
 */
import net from 'node:net'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startLake, type Lake} from '../../lake/index.ts'
import {spawnLake} from '../push/lake-process.ts'
import {clientFor, scratchDirs, TOKEN} from './setup.ts'

const newDir = scratchDirs()

/** About 10^9 steps over 1,000 documents: minutes of work for groq-js. */
const HEAVY = '*[]{"n": count(*[_id != ^._id]{"m": count(*[_id == ^._id])})}'

async function seed(url: string): Promise<void> {
  const tx = clientFor(url).transaction()
  for (let i = 0; i < 1000; i++) tx.create({_id: `doc-${i}`, _type: 'item', n: i})
  await tx.commit()
}

/**
 * Pings the lake one after another until `until` settles; returns how many were answered (200)
 * before it did. No time limit: a loaded machine answers fewer, a blocked event loop none.
 */
async function pingsWhile(url: string, until: Promise<unknown>): Promise<number> {
  let settled = false
  void until.finally(() => (settled = true)).catch(() => undefined)
  let answered = 0
  while (!settled) {
    const status = await fetch(`${url}/v1/ping`).then((answer) => answer.status)
    if (!settled && status === 200) answered++
  }
  return answered
}

describe('the query budget', () => {
  let lake: Lake
  beforeAll(async () => {
    lake = await startLake({port: 0, dir: newDir('lake-budget-'), token: TOKEN, tls: false, limits: {queryTimeoutMs: 3_000, queryWorkers: 1}})
    await seed(lake.url)
  }, 30_000)
  afterAll(() => lake.close())

  it('answers pings while a heavy query runs, and cancels it when the budget runs out', async () => {
    const heavy = fetch(`${lake.url}/v2025-02-19/data/query/production?query=${encodeURIComponent(HEAVY)}`, {headers: {Authorization: `Bearer ${TOKEN}`}})
    // Answered while the heavy query was still running: its work is off the event loop. (Run on
    // the event loop, it would hold every ping until its budget ran out: none would count.)
    expect(await pingsWhile(lake.url, heavy)).toBeGreaterThanOrEqual(3)
    const answer = await heavy
    expect(answer.status).toBe(408)
    expect(await answer.text()).toMatch(/budget/)
    // The pool recovered: a cheap query runs on a fresh worker.
    expect(await clientFor(lake.url).fetch('count(*[_type == "item"])')).toBe(1000)
  }, 30_000)

  it('cancels a query whose client went away, freeing its worker for the next', async () => {
    const patient = await startLake({port: 0, dir: newDir('lake-cancel-'), token: TOKEN, tls: false, limits: {queryTimeoutMs: 600_000, queryWorkers: 1}})
    try {
      await seed(patient.url)
      const controller = new AbortController()
      const heavy = fetch(`${patient.url}/v2025-02-19/data/query/production?query=${encodeURIComponent(HEAVY)}`, {signal: controller.signal}).then(
        (answer) => `answered ${answer.status}`,
        (error: Error) => error.name,
      )
      await new Promise((resolve) => setTimeout(resolve, 300))
      controller.abort()
      // Abandoned unanswered: the query was still running (or queued) when its client left.
      expect(await heavy).toBe('AbortError')
      // With one worker and a 10-minute budget, this could only answer if the abandoned query
      // was stopped; and it answers right, from a fresh worker.
      const cheap = await fetch(`${patient.url}/v2025-02-19/data/query/production?query=${encodeURIComponent('count(*)')}`, {signal: AbortSignal.timeout(30_000)})
      expect(cheap.status).toBe(200)
      expect(await cheap.json()).toMatchObject({result: 1000})
    } finally {
      await patient.close()
    }
  }, 60_000)

  it('still shuts down on SIGTERM while a heavy query runs', async () => {
    const child = await spawnLake(newDir('lake-sigterm-'), TOKEN)
    try {
      await seed(child.url)
      void fetch(`${child.url}/v2025-02-19/data/query/production?query=${encodeURIComponent(HEAVY)}`).catch(() => undefined)
      await new Promise((resolve) => setTimeout(resolve, 300))
      const exited = new Promise<number | null>((resolve) => child.child.once('exit', (code) => resolve(code)))
      child.child.kill('SIGTERM')
      const code = await Promise.race([exited, new Promise<string>((resolve) => setTimeout(() => resolve('still running'), 15_000))])
      expect(code).toBe(0)
    } finally {
      await child.kill()
    }
  }, 60_000)
})


/** The start of a mutation whose declared body is 100 MB: the lake must answer before reading it. */
function hugeMutationHead(headers: string[]): string {
  return [
    'POST /v2025-02-19/data/mutate/production HTTP/1.1',
    'Host: 127.0.0.1',
    ...headers,
    'Content-Type: application/json',
    `Content-Length: ${100 * 1024 * 1024}`,
    '',
    '{"mutations":[',
  ].join('\r\n')
}
describe('connections', () => {
  let lake: Lake
  beforeAll(async () => {
    lake = await startLake({
      port: 0,
      dir: newDir('lake-conn-'),
      token: TOKEN,
      limits: {headersTimeoutMs: 300, requestTimeoutMs: 600, idleTimeoutMs: 600, handshakeTimeoutMs: 300, maxConnections: 4},
    })
  })
  afterAll(() => lake.close())

  /** Open a raw connection, send `bytes`, and resolve with what came back once the lake closes it. */
  function closedBy(bytes: Buffer | string, within = 10_000, port = lake.port): Promise<{closed: boolean; received: string}> {
    return new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1')
      let received = ''
      const timer = setTimeout(() => {
        socket.destroy()
        resolve({closed: false, received})
      }, within)
      socket.on('data', (chunk) => (received += chunk.toString('latin1')))
      socket.on('error', () => undefined)
      socket.on('close', () => {
        clearTimeout(timer)
        resolve({closed: true, received})
      })
      if (bytes.length > 0) socket.write(bytes)
    })
  }

  it('closes a connection that never sends a byte', async () => {
    expect((await closedBy('')).closed).toBe(true)
  })

  it('closes a connection whose headers never end (slowloris)', async () => {
    expect((await closedBy('GET /v1/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1\r\n')).closed).toBe(true)
  })

  it('closes a TLS handshake that never completes', async () => {
    expect((await closedBy(Buffer.from([0x16, 0x03, 0x01]))).closed).toBe(true)
  })

  it('refuses a token-less write before reading its body', async () => {
    const {received} = await closedBy(hugeMutationHead([]))
    expect(received).toMatch(/^HTTP\/1\.1 401/)
  })

  it('refuses a body declared over the limit before reading it', async () => {
    const {received} = await closedBy(hugeMutationHead([`Authorization: Bearer ${TOKEN}`]))
    expect(received).toMatch(/^HTTP\/1\.1 413/)
  })

  it('caps open connections', async () => {
    // Its own lake with default timeouts: the short ones above could close a busy stream on a
    // loaded machine before its first byte, which is not what this test is about.
    const capped = await startLake({port: 0, dir: newDir('lake-cap-'), token: TOKEN, limits: {maxConnections: 4}})
    // Busy connections (open event streams): idle ones would be closed to make room.
    const sockets = await Promise.all(
      Array.from({length: 4}, () => new Promise<net.Socket>((resolve, reject) => {
        const socket = net.connect(capped.port, '127.0.0.1', () => {
          socket.write('GET /v1/data/listen/production?query=* HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')
          socket.once('data', () => resolve(socket))
        })
        socket.on('error', () => undefined)
        socket.once('close', () => reject(new Error('an event stream was closed before it answered')))
      })),
    )
    try {
      const extra = await closedBy('GET /v1/ping HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 5_000, capped.port)
      expect(extra.closed).toBe(true)
      expect(extra.received).not.toMatch(/200/)
    } finally {
      sockets.forEach((socket) => socket.destroy())
      await capped.close()
    }
  })
})
