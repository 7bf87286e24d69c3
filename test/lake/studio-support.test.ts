/** What the Studio needs from the lake beyond @sanity/client's data endpoints. */
import fs from 'node:fs'
import {connect} from 'node:http2'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {OFFLINE_TOKEN, resolveToken, startLake, type Lake} from '../../lake'
import {createSelfSignedCertificate} from '../../lake/tls'
import {removeDir, startTestLake, tempDir} from './setup'

describe('project endpoints the Studio asks for', () => {
  let lake: Lake
  let dir: string
  beforeAll(async () => {
    dir = tempDir('lake-studio-')
    fs.writeFileSync(path.join(dir, 'production.ndjson'), `${JSON.stringify({_id: 'x', _type: 't'})}\n`)
    lake = await startTestLake(dir)
  })
  afterAll(async () => {
    await lake.close()
    removeDir(dir)
  })
  const get = async (route: string): Promise<{status: number; body: unknown}> => {
    const response = await fetch(`${lake.url}${route}`)
    return {status: response.status, body: await response.json()}
  }

  it('grants full document access on an existing dataset and 404s an unknown one', async () => {
    const acl = await get('/v2021-06-07/projects/offline/datasets/production/acl')
    expect(acl.status).toBe(200)
    expect(acl.body).toEqual([expect.objectContaining({filter: '_id in path("**")', permissions: expect.arrayContaining(['read', 'update', 'create'])})])
    expect((await get('/v2021-06-07/projects/offline/datasets/nope/acl')).status).toBe(404)
  })

  it('answers grants, user applications, ping and user look-ups', async () => {
    expect(await get('/v2025-02-19/projects/offline/grants')).toEqual({status: 200, body: {}})
    expect(await get('/v2025-02-19/projects/offline/user-applications')).toEqual({status: 200, body: []})
    expect((await get('/v2025-03-01/ping')).status).toBe(200)
    const me = (await get('/v1/users/me')).body as {id: string}
    expect((await get(`/v2021-06-07/users/${me.id}`)).body).toMatchObject({id: me.id})
    expect((await get(`/v2021-06-07/users/${me.id},someone-else`)).body).toEqual([expect.objectContaining({id: me.id})])
  })

  it('stamps the system fields an imported snapshot lacks, stably across restarts', async () => {
    const doc = lake.store.dataset('production').get('x')
    expect(doc).toMatchObject({_rev: expect.stringMatching(/^[\w-]{10,}$/), _createdAt: expect.any(String)})
    expect(doc?._updatedAt).toBe(doc?._createdAt)
    const before = doc?._rev
    await lake.close()
    lake = await startTestLake(dir)
    expect(lake.store.dataset('production').get('x')?._rev).toBe(before)
  })
})

describe('token', () => {
  it('treats a blank token (SANITY_API_TOKEN= in .env) as unset', () => {
    expect(resolveToken('', '')).toBe(OFFLINE_TOKEN)
    expect(resolveToken(undefined, '  ')).toBe(OFFLINE_TOKEN)
    expect(resolveToken(' ', 'from-env')).toBe('from-env')
    expect(resolveToken('flag', 'from-env')).toBe('flag')
  })
})

describe('HTTPS with HTTP/2 (tls)', () => {
  it('multiplexes more concurrent event streams than HTTP/1.1 allows a browser, plus queries, on one connection', async () => {
    const dir = tempDir('lake-tls-')
    const credentials = createSelfSignedCertificate()
    const lake = await startLake({port: 0, dir, token: 'secret', tls: credentials})
    expect(lake.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    const session = connect(lake.url, {ca: credentials.cert})
    try {
      const open = (route: string): Promise<{status: number; first: string}> =>
        new Promise((resolve, reject) => {
          const stream = session.request({':path': route})
          let status = 0
          stream.on('response', (headers) => (status = Number(headers[':status'])))
          stream.setEncoding('utf8')
          stream.once('data', (chunk: string) => resolve({status, first: chunk}))
          stream.on('error', reject)
        })
      const listens = await Promise.all(
        Array.from({length: 8}, () => open(`/v2025-02-19/data/listen/production?query=${encodeURIComponent('*')}`)),
      )
      expect(listens.every((answer) => answer.status === 200 && answer.first.includes('event: welcome'))).toBe(true)
      const query = await open(`/v2025-02-19/data/query/production?query=${encodeURIComponent('count(*)')}`)
      expect(query.status).toBe(200)
      expect(JSON.parse(query.first)).toMatchObject({result: 0})
    } finally {
      session.destroy()
      await lake.close()
      removeDir(dir)
    }
  })

  it('keeps a generated certificate in the data folder and reuses it', async () => {
    const dir = tempDir('lake-tls-')
    const first = await startLake({port: 0, dir, tls: true})
    await first.close()
    const cert = fs.readFileSync(path.join(dir, 'tls', 'cert.pem'), 'utf8')
    expect(cert).toMatch(/^-----BEGIN CERTIFICATE-----/)
    const second = await startLake({port: 0, dir, tls: true})
    await second.close()
    expect(fs.readFileSync(path.join(dir, 'tls', 'cert.pem'), 'utf8')).toBe(cert)
    removeDir(dir)
  })
})
