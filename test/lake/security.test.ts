/**
 * The lake next to a browser that visits arbitrary sites: foreign origins, DNS rebinding, the
 * token, who may read drafts, files named by documents, uploaded SVG.
 */
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {lakeTokenFile, startLake, type Lake} from '../../lake/index.ts'
import {clientFor, scratchDirs, TOKEN} from './setup.ts'

const newDir = scratchDirs()

/** A raw HTTP/1.1 request with any Host header (fetch does not let a test set Host). */
function rawRequest(port: number, options: {path: string; method?: string; headers?: Record<string, string>; body?: string}): Promise<{status: number; headers: http.IncomingHttpHeaders; body: string}> {
  return new Promise((resolve, reject) => {
    const req = http.request({host: '127.0.0.1', port, path: options.path, method: options.method ?? 'GET', headers: options.headers}, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({status: res.statusCode ?? 0, headers: res.headers, body}))
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

describe('origins, hosts and the token', () => {
  let lake: Lake
  let dir: string
  beforeAll(async () => {
    dir = newDir('lake-sec-')
    lake = await startLake({port: 0, dir, token: TOKEN, tls: false})
  })
  afterAll(() => lake.close())

  it('refuses a foreign Origin, even with the token, and allows the Studio dev server and its own origin', async () => {
    const mutate = `${lake.url}/v2025-02-19/data/mutate/production`
    const write = (origin: string) =>
      fetch(mutate, {
        method: 'POST',
        headers: {Origin: origin, Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json'},
        body: JSON.stringify({mutations: [{createOrReplace: {_id: 'from-browser', _type: 'item'}}]}),
      })
    const evil = await write('https://evil.example')
    expect(evil.status).toBe(403)
    expect(evil.headers.get('access-control-allow-origin')).toBeNull()
    expect(await clientFor(lake.url).getDocument('from-browser')).toBeUndefined()
    const preflight = await fetch(mutate, {
      method: 'OPTIONS',
      headers: {Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'x-anything'},
    })
    expect(preflight.status).toBe(403)
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
    // A lookalike of an allowed origin is foreign too.
    expect((await write('http://localhost:3334.evil.example')).status).toBe(403)
    expect((await write('null')).status).toBe(403)

    const studio = await write('http://localhost:3334')
    expect(studio.status).toBe(200)
    expect(studio.headers.get('access-control-allow-origin')).toBe('http://localhost:3334')
    const own = await fetch(`${lake.url}/v1/ping`, {headers: {Origin: lake.url}})
    expect(own.headers.get('access-control-allow-origin')).toBe(lake.url)
    // Only a fixed list of request headers is allowed, never whatever a page asks for.
    const allowed = await fetch(mutate, {method: 'OPTIONS', headers: {Origin: 'http://127.0.0.1:3334', 'Access-Control-Request-Headers': 'x-anything'}})
    expect(allowed.status).toBe(204)
    expect(allowed.headers.get('access-control-allow-headers')).not.toMatch(/x-anything/i)
  })

  it('serves asset bytes to any page (as a CDN does, a sandboxed frame sends Origin: null), never readable cross-origin', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')
    const upload = await fetch(`${lake.url}/v2025-02-19/assets/images/production`, {method: 'POST', headers: {Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'image/png'}, body: png})
    expect(upload.status).toBe(200)
    const {document} = (await upload.json()) as {document: {url: string}}
    const path = new URL(document.url).pathname
    for (const origin of ['null', 'https://evil.example']) {
      const image = await fetch(`${lake.url}${path}`, {headers: {Origin: origin}})
      expect(image.status, origin).toBe(200)
      expect(image.headers.get('access-control-allow-origin'), origin).toBeNull()
      // Everything else still answers only allowed origins.
      expect((await fetch(`${lake.url}/v2025-02-19/data/query/production?query=*`, {headers: {Origin: origin}})).status, origin).toBe(403)
    }
  })

  it('refuses requests addressed to a non-loopback name (DNS rebinding)', async () => {
    const rebound = await rawRequest(lake.port, {path: '/v2025-02-19/data/query/production?query=*', headers: {Host: `rebind.evil.example:${lake.port}`}})
    expect(rebound.status).toBe(403)
    expect(rebound.body).not.toContain('"result"')
    for (const host of [`localhost:${lake.port}`, `127.0.0.1:${lake.port}`, `127.1.2.3:${lake.port}`, `[::1]:${lake.port}`]) {
      expect((await rawRequest(lake.port, {path: '/v1/ping', headers: {Host: host}})).status).toBe(200)
    }
    expect((await rawRequest(lake.port, {path: '/v1/ping', headers: {Host: '127.0.0.1.evil.example'}})).status).toBe(403)
  })
})

describe('the token of a data folder', () => {
  it('is random, created on first start in a file only its owner can read, and reused; a real project token in SANITY_API_TOKEN is not it', async () => {
    const saved = {api: process.env.SANITY_API_TOKEN, lake: process.env.SANITY_LAKE_TOKEN}
    // A .env with a real project's token filled in: the lake must neither take nor accept it.
    process.env.SANITY_API_TOKEN = 'sk-real-project-token'
    delete process.env.SANITY_LAKE_TOKEN
    const dir = newDir('lake-token-')
    try {
      const lake = await startLake({port: 0, dir, tls: false})
      const file = lakeTokenFile(dir)
      const token = fs.readFileSync(file, 'utf8').trim()
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect(fs.statSync(file).mode & 0o777).toBe(0o600)
      await expect(clientFor(lake.url, 'offline-token').create({_id: 'x', _type: 'item'})).rejects.toMatchObject({statusCode: 401})
      await expect(clientFor(lake.url, 'sk-real-project-token').create({_id: 'x', _type: 'item'})).rejects.toMatchObject({statusCode: 401})
      await clientFor(lake.url, token).create({_id: 'x', _type: 'item'})
      await lake.close()
      const again = await startLake({port: 0, dir, tls: false})
      expect(fs.readFileSync(file, 'utf8').trim()).toBe(token)
      expect(await clientFor(again.url, token).getDocument('x')).toMatchObject({_id: 'x'})
      await again.close()
      // Another folder, another token.
      const other = newDir('lake-token-')
      const third = await startLake({port: 0, dir: other, tls: false})
      expect(fs.readFileSync(lakeTokenFile(other), 'utf8').trim()).not.toBe(token)
      await third.close()
      // SANITY_LAKE_TOKEN is the lake's own variable.
      process.env.SANITY_LAKE_TOKEN = 'lake-env-token'
      const fourth = await startLake({port: 0, dir: other, tls: false})
      await expect(clientFor(fourth.url, token).create({_id: 'y', _type: 'item'})).rejects.toMatchObject({statusCode: 401})
      await clientFor(fourth.url, 'lake-env-token').create({_id: 'y', _type: 'item'})
      await fourth.close()
    } finally {
      for (const [name, value] of [['SANITY_API_TOKEN', saved.api], ['SANITY_LAKE_TOKEN', saved.lake]] as const) {
        if (value === undefined) delete process.env[name]
        else process.env[name] = value
      }
    }
  })
})

describe('reads, as in Sanity', () => {
  let lake: Lake
  let dir: string
  beforeAll(async () => {
    dir = newDir('lake-read-')
    lake = await startLake({port: 0, dir, token: TOKEN, tls: false})
    await clientFor(lake.url).transaction().create({_id: 'post-1', _type: 'post', title: 'Published'}).create({_id: 'drafts.post-1', _type: 'post', title: 'Secret draft'}).create({_id: 'versions.r1.post-1', _type: 'post', title: 'Release'}).commit()
  })
  afterAll(() => lake.close())

  const get = (route: string, token?: string) => fetch(`${lake.url}${route}`, token ? {headers: {Authorization: `Bearer ${token}`}} : {})

  it('shows anonymous readers published documents only, whatever the API version', async () => {
    const q = encodeURIComponent('*[_type == "post"].title')
    for (const version of ['v1', 'v2021-10-21', 'v2025-02-19']) {
      const answer = await get(`/${version}/data/query/production?query=${q}`)
      expect(answer.status).toBe(200)
      expect((await answer.json()).result).toEqual(['Published'])
    }
    const withToken = await get(`/v1/data/query/production?query=${q}`, TOKEN)
    expect(((await withToken.json()) as {result: string[]}).result.sort()).toEqual(['Published', 'Release', 'Secret draft'])
  })

  it('needs a token for the raw and drafts perspectives and for drafts by id', async () => {
    const q = encodeURIComponent('*[_type == "post"].title')
    for (const perspective of ['raw', 'drafts', 'previewDrafts']) {
      expect((await get(`/v2025-02-19/data/query/production?query=${q}&perspective=${perspective}`)).status).toBe(401)
      expect((await get(`/v2025-02-19/data/query/production?query=${q}&perspective=${perspective}`, TOKEN)).status).toBe(200)
    }
    expect((await get('/v2025-02-19/data/doc/production/drafts.post-1')).status).toBe(401)
    expect((await get('/v2025-02-19/data/doc/production/post-1,versions.r1.post-1')).status).toBe(401)
    expect((await get('/v2025-02-19/data/doc/production/post-1')).status).toBe(200)
    const byToken = await get('/v2025-02-19/data/doc/production/drafts.post-1', TOKEN)
    expect((await byToken.json()).documents[0]).toMatchObject({title: 'Secret draft'})
  })

  it('sends anonymous listeners no events about drafts', async () => {
    const controller = new AbortController()
    const response = await fetch(`${lake.url}/v2025-02-19/data/listen/production?query=${encodeURIComponent('*[_type == "post"]')}`, {signal: controller.signal})
    const reader = response.body!.getReader()
    let text = ''
    const readUntil = async (needle: string): Promise<void> => {
      while (!text.includes(needle)) {
        const {value, done} = await reader.read()
        if (done) return
        text += Buffer.from(value).toString()
      }
    }
    await readUntil('welcome')
    const client = clientFor(lake.url)
    await client.createOrReplace({_id: 'drafts.post-2', _type: 'post', title: 'Draft two'})
    await client.createOrReplace({_id: 'post-3', _type: 'post', title: 'Published three'})
    await readUntil('post-3')
    controller.abort()
    expect(text).toContain('Published three')
    expect(text).not.toContain('Draft two')
    expect(text).not.toContain('drafts.post-2')
  })

  it('never creates a dataset on a read: unknown datasets are 404', async () => {
    const before = fs.readdirSync(dir).sort()
    expect((await get('/v2025-02-19/data/query/nosuch?query=*')).status).toBe(404)
    expect((await get('/v2025-02-19/data/doc/nosuch2/x')).status).toBe(404)
    expect((await get('/v2025-02-19/data/listen/nosuch3?query=*')).status).toBe(404)
    expect(fs.readdirSync(dir).sort()).toEqual(before)
  })

  it('with --private, published reads need the token too', async () => {
    const privateDir = newDir('lake-private-')
    const privateLake = await startLake({port: 0, dir: privateDir, token: TOKEN, tls: false, private: true})
    try {
      await clientFor(privateLake.url).create({_id: 'p', _type: 'post'})
      await expect(clientFor(privateLake.url, null).fetch('*')).rejects.toMatchObject({statusCode: 401})
      expect(await clientFor(privateLake.url).fetch('count(*)')).toBe(1)
    } finally {
      await privateLake.close()
    }
  })
})

describe('files named by documents', () => {
  it('never reads a file for a document written through the API, not even after a restart', async () => {
    const dir = newDir('lake-files-')
    const first = await startLake({port: 0, dir, token: TOKEN, tls: true, assetRoots: ['/', dir, path.dirname(dir)]})
    const key = path.join(dir, 'tls', fs.readdirSync(path.join(dir, 'tls')).find((name) => name.includes('key')) ?? 'key.pem')
    // Even a plain file inside an allowed asset folder is not read: the document came through the API.
    const allowed = path.join(newDir('lake-files-plain-'), 'notes.txt')
    fs.writeFileSync(allowed, 'private notes')
    const sources = ['file@file:///etc/passwd', `file@file://${key}`, 'file@file:///proc/self/environ', `image@file://${key}`, `file@file://${allowed}`]
    await clientFor(first.url).create({_id: 'trap', _type: 'item', files: sources.map((source, index) => ({_key: `k${index}`, _type: 'file', _sanityAsset: source}))})
    await first.close()
    const second = await startLake({port: 0, dir, token: TOKEN, tls: false, assetRoots: ['/', dir, path.dirname(dir)]})
    try {
      const assets = second.store.dataset('production').all().filter((doc) => doc._type.startsWith('sanity.'))
      expect(assets).toEqual([])
      expect(fs.existsSync(path.join(dir, 'assets'))).toBe(false)
      // The document is kept exactly as written.
      expect((second.store.dataset('production').get('trap')?.files as Array<{_sanityAsset: string}>).map((file) => file._sanityAsset)).toEqual(sources)
    } finally {
      await second.close()
    }
  })

  it('reads an importer snapshot\'s files only from inside the asset folders, by real path, regular files only', async () => {
    const dir = newDir('lake-snap-')
    const assets = newDir('lake-snap-assets-')
    const outside = newDir('lake-snap-outside-')
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c63f8cfc0f01f0005000201e221bc330000000049454e44ae426082', 'hex')
    fs.writeFileSync(path.join(assets, 'ok.png'), png)
    fs.writeFileSync(path.join(outside, 'secret.png'), Buffer.concat([png, Buffer.from('secret')]))
    fs.symlinkSync(path.join(outside, 'secret.png'), path.join(assets, 'link.png'))
    fs.mkdirSync(path.join(assets, '.hidden'))
    fs.writeFileSync(path.join(assets, '.hidden', 'h.png'), Buffer.concat([png, Buffer.from('hidden')]))
    const fifo = path.join(assets, 'pipe.png')
    const {execFileSync} = await import('node:child_process')
    execFileSync('mkfifo', [fifo])
    const named = {
      ok: path.join(assets, 'ok.png'),
      link: path.join(assets, 'link.png'),
      dotdot: `${assets}/../${path.basename(outside)}/secret.png`,
      hidden: path.join(assets, '.hidden', 'h.png'),
      fifo,
      proc: '/proc/self/environ',
    }
    const doc = {_id: 'snap', _type: 'item', ...Object.fromEntries(Object.entries(named).map(([key, file]) => [key, {_type: 'image', _sanityAsset: `image@file://${file}`}]))}
    fs.writeFileSync(path.join(dir, 'production.ndjson'), `${JSON.stringify(doc)}\n`)
    const reports: Array<{reason: string; path: string}> = []
    const lake = await startLake({port: 0, dir, token: TOKEN, tls: false, assetRoots: [assets], onDatasetOpen: (report) => reports.push(...(report.snapshotAssets?.problems ?? []))})
    try {
      const stored = lake.store.dataset('production').get('snap') as Record<string, {asset?: unknown; _sanityAsset?: string}>
      expect(stored.ok?.asset).toBeDefined()
      for (const key of ['link', 'dotdot', 'hidden', 'fifo', 'proc']) expect(stored[key]?._sanityAsset, key).toBeDefined()
      expect(reports.map((problem) => problem.path).sort()).toEqual(['dotdot', 'fifo', 'hidden', 'link', 'proc'])
      expect(lake.store.dataset('production').all().filter((d) => d._type === 'sanity.imageAsset')).toHaveLength(1)
    } finally {
      await lake.close()
    }
  })
})

describe('uploads', () => {
  let lake: Lake
  let dir: string
  beforeAll(async () => {
    dir = newDir('lake-upload-')
    lake = await startLake({port: 0, dir, token: TOKEN, tls: false})
  })
  afterAll(() => lake.close())

  const svg = (inner: string) => Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">${inner}</svg>`)

  it('refuses SVG with script or event handlers, with a clear message', async () => {
    const client = clientFor(lake.url)
    for (const inner of ['<script>alert(1)</script>', '<rect onload="alert(1)"/>', '<a href="javascript:alert(1)"><rect/></a>', '<foreignObject><div/></foreignObject>']) {
      await expect(client.assets.upload('image', svg(inner), {filename: 'x.svg'}), inner).rejects.toMatchObject({statusCode: 400, message: expect.stringMatching(/Refused SVG/)})
    }
    await expect(client.assets.upload('file', svg('<script>alert(1)</script>'), {filename: 'x.svg'})).rejects.toMatchObject({statusCode: 400})
  })

  it('serves uploads with nosniff and a sandboxing Content-Security-Policy', async () => {
    const asset = await clientFor(lake.url).assets.upload('image', svg('<rect width="10" height="10"/>'), {filename: 'ok.svg'})
    const served = await fetch(asset.url)
    expect(served.status).toBe(200)
    expect(served.headers.get('x-content-type-options')).toBe('nosniff')
    expect(served.headers.get('content-security-policy')).toMatch(/sandbox/)
    expect(served.headers.get('content-security-policy')).toMatch(/default-src 'none'/)
  })
})

describe('clean errors', () => {
  let lake: Lake
  beforeAll(async () => {
    lake = await startLake({port: 0, dir: newDir('lake-errors-'), token: TOKEN, tls: false})
  })
  afterAll(() => lake.close())

  it('answers 400 for a mutation nested 2,000 deep, not 500', async () => {
    let deep: unknown = 'leaf'
    for (let i = 0; i < 2000; i++) deep = {a: deep}
    const answer = await fetch(`${lake.url}/v2025-02-19/data/mutate/production`, {
      method: 'POST',
      headers: {Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json'},
      body: JSON.stringify({mutations: [{create: {_id: 'deep', _type: 'item', deep}}]}),
    })
    expect(answer.status).toBe(400)
    expect(await answer.text()).toMatch(/nested too deeply/)
    const param = encodeURIComponent(`${'['.repeat(2000)}${']'.repeat(2000)}`)
    const query = await fetch(`${lake.url}/v2025-02-19/data/query/production?query=${encodeURIComponent('$p')}&$p=${param}`)
    expect(query.status).toBe(400)
  })

  it('answers a full disk 507 and anything unexpected 500, naming no internals', async () => {
    const {answerFor} = await import('../../lake/limits.ts')
    const full = answerFor(Object.assign(new Error("ENOSPC: no space left on device, write '/home/editor/.data/production.journal.ndjson'"), {code: 'ENOSPC'}))
    expect(full.answer.status).toBe(507)
    expect(JSON.stringify(full.answer.body)).toMatch(/disk is full/)
    const bug = answerFor(new TypeError("Cannot read properties of undefined (reading '_id') at /work/lake/store.ts:12"))
    expect(bug.answer.status).toBe(500)
    for (const answer of [full.answer, bug.answer]) expect(JSON.stringify(answer.body)).not.toMatch(/ENOSPC|\/home|store\.ts|_id/)
  })
})

describe('command-line flags', () => {
  it("takes the lake's token from --token or SANITY_LAKE_TOKEN, never from SANITY_API_TOKEN", async () => {
    const {parseCliArgs} = await import('../../lake/cli-args.ts')
    const saved = {api: process.env.SANITY_API_TOKEN, lake: process.env.SANITY_LAKE_TOKEN}
    try {
      process.env.SANITY_API_TOKEN = 'sk-real-project-token'
      delete process.env.SANITY_LAKE_TOKEN
      expect(parseCliArgs([]).token).toBeUndefined()
      process.env.SANITY_LAKE_TOKEN = 'lake-env-token'
      expect(parseCliArgs([]).token).toBe('lake-env-token')
      expect(parseCliArgs(['--token', 'flag-token']).token).toBe('flag-token')
    } finally {
      for (const [name, value] of [['SANITY_API_TOKEN', saved.api], ['SANITY_LAKE_TOKEN', saved.lake]] as const) {
        if (value === undefined) delete process.env[name]
        else process.env[name] = value
      }
    }
  })

  it('adds --studio-origin to the dev server origins and takes --private and --query-timeout', async () => {
    const {parseCliArgs, UsageError} = await import('../../lake/cli-args.ts')
    const options = parseCliArgs(['--studio-origin', 'https://reports.example.org/', '--private', '--query-timeout', '2000', '--assets-root', 'content'])
    expect(options.studioOrigins).toEqual(['http://localhost:3334', 'http://127.0.0.1:3334', 'https://reports.example.org'])
    expect(options).toMatchObject({private: true, limits: {queryTimeoutMs: 2000}, assetRoots: ['content']})
    expect(() => parseCliArgs(['--studio-origin', 'evil'])).toThrow(UsageError)
  })
})
