/**
 * Budgets before work: no anonymous request can stall the lake. Query text is limited before it
 * is parsed, parsing happens in the budgeted workers, listener filters are checked like Sanity's
 * and matched within a budget, transactions are bounded, and per-client caps keep the token
 * holder served however many anonymous requests arrive. Where a test times an answer, the lake
 * runs in its own process: a lake in the test's process would block the test's timers too.
 */
import http from 'node:http'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {DEFAULT_LIMITS, startLake, type Lake} from '../../lake/index.ts'
import {spawnLake, type LakeProcess} from '../push/lake-process.ts'
import {clientFor, scratchDirs, TOKEN, useTestLake} from './setup.ts'

const newDir = scratchDirs()

/** A lake in its own process, for the file's tests that time answers. */
function useLakeProcess(prefix: string, started: (lake: LakeProcess) => void): void {
  let lake: LakeProcess | undefined
  beforeAll(async () => {
    lake = await spawnLake(newDir(prefix), TOKEN)
    started(lake)
  })
  afterAll(() => lake?.kill())
}

function ping(lake: Pick<Lake, 'url'>, withinMs: number): Promise<number> {
  return fetch(`${lake.url}/v1/ping`, {signal: AbortSignal.timeout(withinMs)}).then((answer) => answer.status)
}

function postQuery(lake: Pick<Lake, 'url'>, query: string, token?: string): Promise<Response> {
  return fetch(`${lake.url}/v2025-02-19/data/query/production`, {
    method: 'POST',
    headers: {'Content-Type': 'application/json', ...(token ? {Authorization: `Bearer ${token}`} : {})},
    body: JSON.stringify({query}),
  })
}

/** Opens an anonymous listener; resolves with its status once it answered (200: the stream is open). */
function listen(lake: Pick<Lake, 'url'>, query: string, signal: AbortSignal): Promise<{status: number; body?: string}> {
  return fetch(`${lake.url}/v2025-02-19/data/listen/production?query=${encodeURIComponent(query)}`, {signal}).then(
    async (answer) => (answer.status === 200 ? {status: 200} : {status: answer.status, body: await answer.text()}),
    () => ({status: 0}),
  )
}

describe('query text', () => {
  let lake: LakeProcess
  useLakeProcess('lake-qsize-', (started) => (lake = started))
  beforeAll(async () => {
    await clientFor(lake.url).create({_id: 'a', _type: 'item', a: 1})
  })

  it('answers a ping within a second while a 48 KB anonymous query is being parsed', async () => {
    const query = `*[${Array.from({length: 8_000}, () => 'a==1').join('||')}]`
    expect(Buffer.byteLength(query)).toBeGreaterThan(48_000)
    // Sent whole before the pings, so the lake is parsing it when they arrive.
    const heavy = http.request({host: '127.0.0.1', port: lake.port, path: '/v2025-02-19/data/query/production', method: 'POST', headers: {'Content-Type': 'application/json'}})
    heavy.on('error', () => undefined)
    await new Promise((resolve) => heavy.end(JSON.stringify({query}), () => resolve(undefined)))
    await new Promise((resolve) => setTimeout(resolve, 500))
    try {
      expect(await ping(lake, 1_000)).toBe(200)
      expect(await ping(lake, 1_000)).toBe(200)
    } finally {
      heavy.destroy()
    }
  })

  it('refuses a query over the documented size before parsing it, in bytes as Sanity counts them', async () => {
    const limit = DEFAULT_LIMITS.maxQueryBytes
    // Cheap to parse, but over the limit: one long string literal.
    const long = await postQuery(lake, `*[_id == "${'x'.repeat(limit)}"]`)
    expect(long.status).toBe(413)
    expect(await long.text()).toContain(String(limit))
    // Under the limit in characters, over it in UTF-8 bytes (each "é" is two bytes).
    const accented = await postQuery(lake, `*[_id == "${'é'.repeat(Math.ceil(limit / 2) + 10)}"]`)
    expect(accented.status).toBe(413)
  })

  it('counts the limit in UTF-8 bytes, not characters', async () => {
    const small = await startLake({port: 0, dir: newDir('lake-qbytes-'), token: TOKEN, tls: false, limits: {maxQueryBytes: 1_000}})
    try {
      const query = (text: string): string => `*[_id == "${text}"]`
      // 500 characters, 1,000 bytes of text: over the limit with the query around it.
      expect(query('é'.repeat(500)).length).toBeLessThan(1_000)
      expect((await postQuery(small, query('é'.repeat(500)))).status).toBe(413)
      expect((await postQuery(small, query('é'.repeat(490)))).status).toBe(200)
    } finally {
      await small.close()
    }
  })
})

describe('listener queries', () => {
  let lake: LakeProcess
  useLakeProcess('lake-listenq-', (started) => (lake = started))

  it('takes filters over one document, as Sanity does, and refuses joins and subqueries with 400', async () => {
    const controller = new AbortController()
    try {
      for (const query of ['*[_type == "post"]', '*[_type == "post"]{title}', '*[_type == "post"] | order(title)[0...10]', '*[references($id)]'.replace('$id', '"x"'), '*']) {
        expect((await listen(lake, query, controller.signal)).status, query).toBe(200)
      }
      for (const query of ['*[count(*[_type == "post"]) > 0]', '*[author->name == "x"]', 'count(*)', '*[_type == "post"][0]']) {
        const refused = await listen(lake, query, controller.signal)
        expect(refused.status, query).toBe(400)
        expect(refused.body, query).toMatch(/listener|filter|subquer|join/i)
      }
    } finally {
      controller.abort()
    }
  })

  it('keeps the token holder served while 400 anonymous listeners with costly filters follow a large write', async () => {
    const costly = `*[${Array.from({length: 200}, (_, i) => `body match "zz${i}*"`).join(' || ')}]`
    const controller = new AbortController()
    try {
      const answers = await Promise.all(Array.from({length: 400}, () => listen(lake, costly, controller.signal)))
      const open = answers.filter((answer) => answer.status === 200).length
      expect(open).toBeGreaterThan(0)
      // The rest were refused (429) or not admitted: an anonymous address holds its share only.
      expect(open).toBeLessThan(400)
      const client = clientFor(lake.url)
      await client.createOrReplace({_id: 'big', _type: 'post', body: 'lorem ipsum '.repeat(100_000)})
      await client.createOrReplace({_id: 'big', _type: 'post', body: 'dolor sit amet '.repeat(100_000)})
      const count = await client.fetch('count(*[_type == "post"])', {}, {signal: AbortSignal.timeout(2_000)})
      expect(count).toBe(1)
    } finally {
      controller.abort()
    }
  })
})

describe('per-client caps', () => {
  let lake: Lake
  useTestLake('lake-caps-', (started) => ({lake} = started), {tls: false, limits: {anonymousQueries: 2, queryTimeoutMs: 20_000}})
  beforeAll(async () => {
    const tx = clientFor(lake.url).transaction()
    for (let i = 0; i < 1000; i++) tx.create({_id: `doc-${i}`, _type: 'item', n: i})
    await tx.commit()
  })

  it('refuses an anonymous address more concurrent queries than its cap (429), and the token holder is served meanwhile', async () => {
    const heavy = '*[]{"n": count(*[_id != ^._id]{"m": count(*[_id == ^._id])})}'
    const controller = new AbortController()
    const running = [0, 1].map(() => fetch(`${lake.url}/v2025-02-19/data/query/production?query=${encodeURIComponent(heavy)}`, {signal: controller.signal}).catch(() => undefined))
    await new Promise((resolve) => setTimeout(resolve, 300))
    try {
      const third = await fetch(`${lake.url}/v2025-02-19/data/query/production?query=${encodeURIComponent('count(*)')}`)
      expect(third.status).toBe(429)
      expect(third.headers.get('retry-after')).toBe('1')
      expect(await clientFor(lake.url).fetch('count(*[_type == "item"])', {}, {signal: AbortSignal.timeout(5_000)})).toBe(1000)
    } finally {
      controller.abort()
      await Promise.all(running)
    }
  })
})

describe('transactions', () => {
  let lake: LakeProcess
  useLakeProcess('lake-tx-', (started) => (lake = started))
  beforeAll(async () => {
    await clientFor(lake.url).create({_id: 'list', _type: 'item', items: []})
  })

  const mutate = (mutations: unknown[]): Promise<Response> =>
    fetch(`${lake.url}/v2025-02-19/data/mutate/production`, {
      method: 'POST',
      headers: {Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json'},
      body: JSON.stringify({mutations}),
    })

  it('counts the 4 MB mutation limit as Sanity does: 4,000,000 bytes of UTF-8', async () => {
    // 1,999,000 characters, 3,998,000 bytes: under the limit in characters and in MiB, over it in bytes with the envelope.
    const over = await mutate([{createOrReplace: {_id: 'accented', _type: 'item', text: 'é'.repeat(1_999_000), pad: 'x'.repeat(2_100)}}])
    expect(over.status).toBe(413)
    expect(await over.text()).toContain('4000000')
    const under = await mutate([{createOrReplace: {_id: 'accented', _type: 'item', text: 'é'.repeat(1_990_000)}}])
    expect(under.status).toBe(200)
  })

  it('refuses 40,000 insert patches on one document at once with a clear 400, and pings are answered meanwhile', async () => {
    const patches = Array.from({length: 40_000}, (_, i) => ({patch: {id: 'list', insert: {after: 'items[-1]', items: [{_key: `k${i}`, n: i}]}}}))
    const answer = mutate(patches)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(await ping(lake, 1_000)).toBe(200)
    const refused = await answer
    expect(refused.status).toBe(400)
    expect(await refused.text()).toMatch(/patches.*"list"|"list".*patches/)
    expect((await clientFor(lake.url).getDocument('list'))?.items).toEqual([])
    // A few hundred in one transaction are fine.
    expect((await mutate(patches.slice(0, 300))).status).toBe(200)
    expect((await clientFor(lake.url).getDocument('list'))?.items).toHaveLength(300)
  })
})
