/** What the Studio needs from the lake beyond @sanity/client's data endpoints. */
import fs from 'node:fs'
import {connect} from 'node:http2'
import {request as httpsRequest} from 'node:https'
import {connect as netConnect} from 'node:net'
import path from 'node:path'
import zlib from 'node:zlib'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {readOrCreateLakeToken, resolveToken, startLake, type Lake} from '../../lake/index.ts'
import {parseCliArgs} from '../../lake/cli-args.ts'
import {createSelfSignedCertificate} from '../../lake/tls.ts'
import {precompressStatic} from '../../studio/offline/precompress.ts'
import {clientFor, removeDir, startTestLake, tempDir} from './setup.ts'

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
  it('treats a blank token (SANITY_LAKE_TOKEN= in .env) as unset and then uses the data folder\'s random token', () => {
    const dir = tempDir('lake-token-')
    try {
      const fromFile = resolveToken('', '', dir)
      expect(fromFile).toBe(readOrCreateLakeToken(dir))
      expect(fromFile).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect(resolveToken(undefined, '  ', dir)).toBe(fromFile)
      expect(resolveToken(' ', 'from-env', dir)).toBe('from-env')
      expect(resolveToken('flag', 'from-env', dir)).toBe('flag')
    } finally {
      removeDir(dir)
    }
  })
})

describe('plain HTTP and TLS (HTTP/2) on one port', () => {
  let lake: Lake
  let dir: string
  const credentials = createSelfSignedCertificate()
  beforeAll(async () => {
    dir = tempDir('lake-tls-')
    lake = await startLake({port: 0, dir, token: 'secret', tls: credentials})
  })
  afterAll(async () => {
    await lake.close()
    removeDir(dir)
  })

  it('names both addresses on the same port', () => {
    expect(lake.url).toBe(`http://127.0.0.1:${lake.port}`)
    expect(lake.secureUrl).toBe(`https://127.0.0.1:${lake.port}`)
  })

  it('multiplexes more concurrent event streams than HTTP/1.1 allows a browser, plus queries, on one connection', async () => {
    const session = connect(lake.secureUrl!, {ca: credentials.cert})
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
      expect(JSON.parse(query.first)).toMatchObject({result: expect.any(Number)})
    } finally {
      session.destroy()
    }
  })

  it('takes large writes over plain HTTP/1.1 (the peeked first bytes are not lost) and reads them back over TLS', async () => {
    const client = clientFor(lake.url, 'secret')
    const text = 'x'.repeat(2 * 1024 * 1024)
    // Several requests on kept-alive connections, each body spanning many TCP reads.
    for (let i = 0; i < 3; i++) await client.createOrReplace({_id: `big-${i}`, _type: 'big', text})
    expect(await client.fetch('count(*[_type == "big" && length(text) == $n])', {n: text.length})).toBe(3)

    const overTls = await new Promise<{protocol: string; body: string}>((resolve, reject) => {
      // Node's https client offers no ALPN: HTTP/1.1 over TLS, as a client without HTTP/2 gets it.
      const req = httpsRequest(
        `${lake.secureUrl}/v2025-02-19/data/doc/production/big-1`,
        {ca: credentials.cert},
        (res) => {
          let body = ''
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => (body += chunk))
          res.on('end', () => resolve({protocol: `HTTP/${res.httpVersion}`, body}))
        },
      )
      req.on('error', reject)
      req.end()
    })
    expect(overTls.protocol).toBe('HTTP/1.1')
    expect(JSON.parse(overTls.body)).toMatchObject({documents: [{_id: 'big-1', text}]})
  })
})

describe('TLS settings', () => {
  it('keeps a generated certificate in the data folder and reuses it (TLS is the default)', async () => {
    const dir = tempDir('lake-tls-')
    const first = await startLake({port: 0, dir})
    expect(first.secureUrl).toMatch(/^https:/)
    await first.close()
    const cert = fs.readFileSync(path.join(dir, 'tls', 'cert.pem'), 'utf8')
    expect(cert).toMatch(/^-----BEGIN CERTIFICATE-----/)
    const second = await startLake({port: 0, dir})
    await second.close()
    expect(fs.readFileSync(path.join(dir, 'tls', 'cert.pem'), 'utf8')).toBe(cert)
    removeDir(dir)
  })

  it('serves plain HTTP only with tls: false, and no certificate is made', async () => {
    const dir = tempDir('lake-notls-')
    const lake = await startLake({port: 0, dir, tls: false})
    try {
      expect(lake.secureUrl).toBeUndefined()
      expect((await fetch(`${lake.url}/v1/ping`)).status).toBe(200)
      expect(fs.existsSync(path.join(dir, 'tls'))).toBe(false)
      // A TLS handshake reaches the HTTP parser, which refuses it.
      const handshake = await new Promise<string>((resolve) => {
        const req = httpsRequest(`https://127.0.0.1:${lake.port}/v1/ping`, {rejectUnauthorized: false}, () => resolve('answered'))
        req.on('error', () => resolve('refused'))
        req.end()
      })
      expect(handshake).toBe('refused')
    } finally {
      await lake.close()
      removeDir(dir)
    }
  })

  it('closes while a connection has not sent its first byte', async () => {
    const dir = tempDir('lake-idle-')
    const lake = await startLake({port: 0, dir})
    const socket = netConnect(lake.port, '127.0.0.1')
    await new Promise((resolve) => socket.once('connect', resolve))
    const closed = new Promise((resolve) => socket.once('close', resolve))
    await lake.close()
    await closed
    removeDir(dir)
  })

  it('--no-tls turns TLS off; --tls is still accepted', () => {
    expect(parseCliArgs([]).tls).toBeUndefined()
    expect(parseCliArgs(['--no-tls']).tls).toBe(false)
    expect(parseCliArgs(['--tls']).tls).toBe(true)
  })
})

describe('the built Studio, served from the lake’s HTTPS origin', () => {
  let lake: Lake
  let dir: string
  const credentials = createSelfSignedCertificate()
  // A build's shape: index.html, content-hashed files under static/, compressed as the offline build does.
  const script = `export const words = ${JSON.stringify(Array.from({length: 2000}, (_, i) => `word-${i % 97}`))}\n`
  beforeAll(async () => {
    dir = tempDir('lake-studio-host-')
    const build = path.join(dir, 'studio')
    fs.mkdirSync(path.join(build, 'static'), {recursive: true})
    fs.writeFileSync(path.join(build, 'index.html'), '<!doctype html><title>Studio</title>')
    fs.writeFileSync(path.join(build, 'static', 'app-1a2b3c.js'), script)
    expect(precompressStatic(build)).toMatchObject({files: 1})
    lake = await startLake({port: 0, dir, token: 'secret', tls: credentials, studio: {dir: build}})
  })
  afterAll(async () => {
    await lake.close()
    removeDir(dir)
  })

  /** One HTTP/2 GET, as a browser makes it, with the raw (undecoded) body. */
  const get = (route: string, headers: Record<string, string> = {}): Promise<{headers: Record<string, unknown>; body: Buffer}> =>
    new Promise((resolve, reject) => {
      const session = connect(lake.secureUrl!, {ca: credentials.cert})
      const stream = session.request({':path': route, ...headers})
      const chunks: Buffer[] = []
      let answer: Record<string, unknown> = {}
      stream.on('response', (received) => (answer = received))
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        session.close()
        resolve({headers: answer, body: Buffer.concat(chunks)})
      })
      stream.on('error', reject)
    })

  it('serves the brotli copy to a browser that takes it, gzip to one that takes only gzip, the file otherwise', async () => {
    const br = await get('/static/app-1a2b3c.js', {'accept-encoding': 'gzip, deflate, br, zstd'})
    expect(br.headers).toMatchObject({':status': 200, 'content-encoding': 'br', vary: 'Accept-Encoding', 'cache-control': expect.stringContaining('immutable')})
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(script)
    expect(br.body.length).toBeLessThan(script.length / 3)
    const gzip = await get('/static/app-1a2b3c.js', {'accept-encoding': 'gzip'})
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(zlib.gunzipSync(gzip.body).toString()).toBe(script)
    const plain = await get('/static/app-1a2b3c.js', {'accept-encoding': 'br;q=0'})
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString()).toBe(script)
  })

  it('answers Studio routes with the index page and unknown files with 404', async () => {
    const route = await get('/structure/reports;report-2022')
    expect(route.headers).toMatchObject({':status': 200, 'cache-control': 'no-cache'})
    expect(route.body.toString()).toContain('<title>Studio</title>')
    expect((await get('/static/missing-000.js')).headers[':status']).toBe(404)
    // A path that climbs out of the build is only ever a Studio route.
    expect((await get('/static/../../../../etc/passwd')).body.toString()).toContain('<title>Studio</title>')
  })
})
