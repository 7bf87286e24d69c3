/**
 * The lake as an anonymous client on the same machine sees it (no token, any path): history never
 * without a token, `--private` closes everything that reads documents, reads of unknown datasets
 * create nothing, and every route the lake serves is refused or public by design.
 */
import fs from 'node:fs'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startLake, type Lake} from '../../lake/index.ts'
import {clientFor, scratchDirs, TOKEN} from './setup.ts'

const newDir = scratchDirs()
const SECRET = 'Unreleased figures: revenue up 40 percent'
const DRAFT = 'drafts.section-q4'
const HISTORY_ROUTES = [
  `documents/${DRAFT}?lastRevision=true`,
  `documents/${DRAFT}?time=2999-01-01T00:00:00Z`,
  `transactions/${DRAFT}`,
  `events/documents/${DRAFT}`,
  `documents/section-q4?lastRevision=true`,
  `transactions/section-q4,${DRAFT}`,
  'events/documents/section-q4',
]

async function seeded(options: {private?: boolean} = {}): Promise<{lake: Lake; dir: string}> {
  const dir = newDir('lake-anon-')
  const lake = await startLake({port: 0, dir, token: TOKEN, tls: false, ...options})
  const client = clientFor(lake.url)
  await client.create({_id: 'section-q4', _type: 'section', title: 'Q4 (published)'})
  await client.create({_id: DRAFT, _type: 'section', title: SECRET})
  await client.patch(DRAFT).set({title: `${SECRET}, revised`}).commit()
  return {lake, dir}
}

function get(lake: Lake, route: string, token?: string): Promise<Response> {
  return fetch(`${lake.url}${route}`, token ? {headers: {Authorization: `Bearer ${token}`}} : {})
}

describe('document history', () => {
  let lake: Lake
  beforeAll(async () => ({lake} = await seeded()))
  afterAll(() => lake.close())

  it('answers the token holder on every history route', async () => {
    for (const route of HISTORY_ROUTES) {
      const answer = await get(lake, `/v2025-02-19/data/history/production/${route}`, TOKEN)
      expect(answer.status, route).toBe(200)
    }
    const draft = await get(lake, `/v2025-02-19/data/history/production/documents/${DRAFT}?lastRevision=true`, TOKEN)
    expect(await draft.text()).toContain(SECRET)
  })

  it('refuses anonymous readers on every history route, drafts and published alike, and names nothing', async () => {
    for (const version of ['v1', 'v2021-06-07', 'v2025-02-19', 'vX']) {
      for (const route of HISTORY_ROUTES) {
        const answer = await get(lake, `/${version}/data/history/production/${route}`)
        const body = await answer.text()
        expect(answer.status, `${version} ${route}`).toBe(401)
        expect(body, route).not.toContain(SECRET)
        expect(body, route).not.toContain('section-q4')
      }
    }
  })

  it('refuses a wrong token like no token', async () => {
    const answer = await get(lake, `/v2025-02-19/data/history/production/transactions/${DRAFT}`, 'not-the-token')
    expect(answer.status).toBe(401)
    expect(await answer.text()).not.toContain(SECRET)
  })
})

describe('--private', () => {
  let lake: Lake
  beforeAll(async () => ({lake} = await seeded({private: true})))
  afterAll(() => lake.close())

  it('closes history, documents, queries, listeners, references and the dataset ping to anonymous readers', async () => {
    const routes = [
      ...HISTORY_ROUTES.map((route) => `/v2025-02-19/data/history/production/${route}`),
      '/v2025-02-19/data/doc/production/section-q4',
      `/v2025-02-19/data/query/production?query=${encodeURIComponent('*')}`,
      `/v2025-02-19/data/listen/production?query=${encodeURIComponent('*')}`,
      '/v2025-02-19/data/references/production/documents/section-q4/to',
      // It would tell which datasets exist.
      '/v2025-02-19/data/ping/production',
    ]
    for (const route of routes) {
      const answer = await get(lake, route)
      const body = await answer.text()
      expect(answer.status, route).toBe(401)
      expect(body, route).not.toContain('Q4 (published)')
    }
    expect((await get(lake, '/v2025-02-19/data/doc/production/section-q4', TOKEN)).status).toBe(200)
  })
})

describe('reads of unknown datasets', () => {
  let lake: Lake
  let dir: string
  beforeAll(async () => ({lake, dir} = await seeded()))
  afterAll(() => lake.close())

  it('answer 401 or 404 and leave nothing on disk, with or without the token', async () => {
    const before = fs.readdirSync(dir).sort()
    const reads: Array<Promise<number>> = []
    for (let i = 0; i < 50; i++) {
      const name = `ghost-${i}`
      reads.push(get(lake, `/v2025-02-19/data/history/${name}/documents/x?lastRevision=true`).then((answer) => answer.status))
      reads.push(get(lake, `/v2025-02-19/data/query/${name}?query=*`).then((answer) => answer.status))
    }
    for (const route of ['documents/x?lastRevision=true', 'transactions/x', 'events/documents/x']) {
      reads.push(get(lake, `/v2025-02-19/data/history/ghost-token/${route}`, TOKEN).then((answer) => answer.status))
    }
    reads.push(get(lake, '/v2025-02-19/data/references/ghost-ref/documents/x/to').then((answer) => answer.status))
    reads.push(get(lake, '/v2025-02-19/data/ping/ghost-ping').then((answer) => answer.status))
    const statuses = await Promise.all(reads)
    expect(statuses.filter((status) => status !== 401 && status !== 404)).toEqual([])
    expect(fs.readdirSync(dir).sort()).toEqual(before)
    expect(lake.store.names()).toEqual(['production'])
  })
})

/**
 * One anonymous call per route the lake serves; `public` routes answer by design and may not
 * name a draft, every other route refuses. A route added to the lake without an example here
 * fails the last test, so nobody adds one without deciding who may call it.
 */
const EXAMPLES: Record<string, Array<{method?: string; path: string; public?: boolean}>> = {
  query: [{path: `/v2025-02-19/data/query/production?query=${encodeURIComponent('*[_id == "drafts.section-q4"]')}&perspective=raw`}],
  doc: [{path: `/v2025-02-19/data/doc/production/${DRAFT}`}],
  mutate: [{method: 'POST', path: '/v2025-02-19/data/mutate/production'}],
  actions: [{method: 'POST', path: '/v2025-02-19/data/actions/production'}],
  listen: [{path: `/v2025-02-19/data/listen/production?query=${encodeURIComponent('*')}&perspective=raw`, public: true}],
  upload: [{method: 'POST', path: '/v2025-02-19/assets/images/production'}],
  dataPing: [{path: '/v2025-02-19/data/ping/production', public: true}],
  history: HISTORY_ROUTES.map((route) => ({path: `/v2025-02-19/data/history/production/${route}`})),
  references: [{path: `/v2025-02-19/data/references/production/documents/${DRAFT}/to`, public: true}],
  schedules: [{path: '/v2025-02-19/schedules/offline/production', public: true}],
  schedulesWrite: [{method: 'POST', path: '/v2025-02-19/schedules/offline/production'}],
  studioExtra: [
    {path: '/v2025-02-19/intake/telemetry-status', public: true},
    {method: 'POST', path: '/v2025-02-19/intake/batch', public: true},
    {path: '/v2025-02-19/journey/scheduled-publishing', public: true},
    {path: '/v1/help', public: true},
  ],
  datasets: [{path: '/v2025-02-19/datasets'}, {path: '/v2025-02-19/projects/offline/datasets'}, {method: 'PUT', path: '/v2025-02-19/datasets/new-one'}, {method: 'DELETE', path: '/v2025-02-19/projects/offline/datasets/production'}],
  datasetAcl: [{path: '/v2025-02-19/projects/offline/datasets/production/acl', public: true}],
  project: [
    {path: '/v1/ping', public: true},
    {path: '/v2025-02-19/users/me', public: true},
    {path: '/v2025-02-19/projects/offline', public: true},
  ],
  asset: [{path: '/images/offline/production/nosuch-1x1.png'}],
  socket: [{path: '/v2025-02-19/socket/production', public: true}],
}

describe('every route', () => {
  let lake: Lake
  beforeAll(async () => ({lake} = await seeded()))
  afterAll(() => lake.close())

  it('refuses anonymous callers, or answers them without a draft', async () => {
    for (const [name, examples] of Object.entries(EXAMPLES)) {
      for (const example of examples) {
        const controller = new AbortController()
        const answer = await fetch(`${lake.url}${example.path}`, {method: example.method ?? 'GET', signal: controller.signal, body: example.method === 'POST' ? '{}' : undefined})
        // Event streams never end: what they sent within a moment is what a client would see.
        const body = answer.headers.get('content-type')?.includes('event-stream') ? await firstChunk(answer) : await answer.text()
        controller.abort()
        const label = `${name}: ${example.method ?? 'GET'} ${example.path}`
        if (example.public) expect(answer.status, label).toBeLessThan(500)
        else expect([401, 403, 404, 426], label).toContain(answer.status)
        expect(body, label).not.toContain(SECRET)
        // An error may repeat the id the caller sent; nothing may name a draft it did not ask for.
        if (!example.path.includes(DRAFT)) expect(body, label).not.toContain(DRAFT)
      }
    }
  })

  it('has an example above for each of the lake\'s routes', async () => {
    const {LAKE_ROUTES} = await import('../../lake/routes.ts')
    const names = [...new Set(LAKE_ROUTES.map((route) => route.name))]
    expect(names.filter((name) => !(name in EXAMPLES))).toEqual([])
  })
})

async function firstChunk(answer: Response): Promise<string> {
  const reader = answer.body!.getReader()
  const {value} = await reader.read()
  await reader.cancel()
  return Buffer.from(value ?? new Uint8Array()).toString()
}
