/**
 * The push as a user pointing it at a real project meets it: a dataset that does not exist
 * (stop, or `--create-dataset`), a real project id next to the local lake's address (refused
 * before any request), a server that accepts and never answers (ends, naming the host), an answer
 * that is not the API's, and a refused token (which one, from where, and what it needs).
 */
import {readdirSync, writeFileSync} from 'node:fs'
import {createServer as createHttpServer, type Server as HttpServer} from 'node:http'
import {createServer, type AddressInfo, type Server, type Socket} from 'node:net'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runCli} from '../../importer/main.ts'
import {lakeClient, startTestLake, tempDir, TOKEN} from './helpers.ts'
import {repoRoot} from './lake-process.ts'
import type {Lake} from '../../lake/index.ts'

const report = path.join(repoRoot, 'content/annual-report-2022.md')

/** Runs the importer's CLI in `cwd` with `env`; collects its lines. */
async function importer(args: string[], env: NodeJS.ProcessEnv, cwd = repoRoot): Promise<{code: number; out: string[]; err: string[]}> {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli([report, '--jobs', '1', ...args], {stdout: (line) => out.push(line), stderr: (line) => err.push(line), env, cwd, isTTY: false})
  // The conversion's located warnings are not what these tests are about.
  return {code, out, err: err.filter((line) => !/:\d+:\d+: warning: /.test(line))}
}

const lakeEnv = (lake: Lake, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  SANITY_API_HOST: lake.url,
  SANITY_LAKE_TOKEN: TOKEN,
  SANITY_PROJECT_ID: 'offline',
  SANITY_PUSH_RETRY_BASE_MS: '10',
  ...extra,
})

describe('a push into a dataset', () => {
  let lake: Lake
  let stop: () => Promise<void>
  beforeAll(async () => ({lake, stop} = await startTestLake()))
  afterAll(() => stop())

  it('that does not exist stops, naming the dataset and --create-dataset, and writes nothing', async () => {
    const before = lake.requestLog.length
    const result = await importer(['--push'], lakeEnv(lake, {SANITY_DATASET: 'staging'}))
    expect(result.code).toBe(1)
    expect(result.err).toHaveLength(1)
    expect(result.err[0]).toMatch(/dataset "staging" does not exist.*--create-dataset/)
    expect(lake.store.has('staging')).toBe(false)
    expect(lake.requestLog.slice(before).filter((entry) => entry.kind === 'mutate' || entry.kind === 'upload')).toEqual([])
  })

  it('is created by --create-dataset, then filled; a second --create-dataset changes nothing', async () => {
    const first = await importer(['--push', '--create-dataset'], lakeEnv(lake, {SANITY_DATASET: 'fresh'}))
    expect(first.code, first.err.join('\n')).toBe(0)
    expect(first.out).toContain('created dataset "fresh"')
    expect(await lakeClient(lake.url).datasets.list()).toEqual(expect.arrayContaining([expect.objectContaining({name: 'fresh'})]))
    const stored = await lakeClient(lake.url).withConfig({dataset: 'fresh'}).fetch<number>('count(*[_type == "report"])')
    expect(stored).toBe(1)
    const again = await importer(['--push', '--create-dataset'], lakeEnv(lake, {SANITY_DATASET: 'fresh'}))
    expect(again.code, again.err.join('\n')).toBe(0)
    expect(again.out.some((line) => line.startsWith('created dataset'))).toBe(false)
    expect(again.out.find((line) => line.startsWith('pushed'))).toMatch(/ 0 created, /)
  })

  it('with a refused token says which token it was and what it needs', async () => {
    const {dir, remove} = tempDir('push-dotenv-')
    try {
      writeFileSync(path.join(dir, '.env'), `SANITY_LAKE_TOKEN=not-the-lake-token\nSANITY_API_HOST=${lake.url}\n`)
      const result = await importer(['--push'], {SANITY_PUSH_RETRY_BASE_MS: '10'}, dir)
      expect(result.code).toBe(1)
      expect(result.err).toHaveLength(1)
      expect(result.err[0]).toMatch(/token from SANITY_LAKE_TOKEN in \.env .*\(401\).*write access/)
      expect(result.err[0]).not.toContain('not-the-lake-token')
      // A real project's token in .env, project id still "offline": not sent to the lake at all.
      writeFileSync(path.join(dir, '.env'), `SANITY_API_TOKEN=sk-real-project-token\nSANITY_API_HOST=${lake.url}\n`)
      const real = await importer(['--push'], {SANITY_PUSH_RETRY_BASE_MS: '10'}, dir)
      expect(real.code).toBe(1)
      expect(real.err).toHaveLength(1)
      expect(real.err[0]).toMatch(/none is set.*SANITY_LAKE_TOKEN/)
      expect(real.err[0]).not.toContain('sk-real-project-token')
    } finally {
      remove()
    }
  })
})

describe('a real project id next to a loopback host', () => {
  it('is refused before any request, naming the variable to clear (environment or .env)', async () => {
    const {lake, stop} = await startTestLake()
    const {dir, remove} = tempDir('push-real-')
    try {
      const fromEnv = await importer(['--push'], {SANITY_PROJECT_ID: 'abc123xy', SANITY_API_HOST: lake.url, SANITY_API_TOKEN: TOKEN})
      expect(fromEnv.code).toBe(1)
      expect(fromEnv.err.join('\n')).toMatch(/SANITY_API_HOST=.*points at this machine.*SANITY_PROJECT_ID="abc123xy".*clear SANITY_API_HOST/)
      // The same configuration copied into .env, as a user who filled in the example would have it.
      writeFileSync(path.join(dir, '.env'), `SANITY_PROJECT_ID=abc123xy\nSANITY_API_HOST=${lake.url}\nSANITY_API_TOKEN=${TOKEN}\n`)
      const fromFile = await importer(['--push'], {}, dir)
      expect(fromFile.code).toBe(1)
      expect(fromFile.err.join('\n')).toMatch(/SANITY_API_HOST=.*\(from \.env\).*clear SANITY_API_HOST/)
      expect(lake.requestLog).toEqual([])
    } finally {
      remove()
      await stop()
    }
  })
})

describe('a server that is not the API', () => {
  const sockets = new Set<Socket>()
  let silent: Server
  let html: HttpServer
  const url = (server: Server | HttpServer) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  beforeAll(async () => {
    // Accepts every connection and never answers (a firewall, a wrong port, a hung proxy).
    silent = createServer((socket) => void sockets.add(socket))
    html = createHttpServer((_req, res) => res.writeHead(200, {'content-type': 'text/html'}).end('<html><body>It works!</body></html>'))
    await Promise.all([silent, html].map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))))
  })
  afterAll(async () => {
    for (const socket of sockets) socket.destroy()
    await Promise.all([silent, html].map((server) => new Promise((resolve) => server.close(resolve))))
  })

  it('that never answers ends the push with one line naming the host', async () => {
    // Short timeouts and two attempts keep the test quick; the defaults end it within a minute.
    const env = {SANITY_API_HOST: url(silent), SANITY_API_TOKEN: TOKEN, SANITY_TIMEOUT_MS: '300', SANITY_PUSH_RETRY_BASE_MS: '10', SANITY_PUSH_RETRY_MAX_ATTEMPTS: '2'}
    const result = await importer(['--push'], env)
    expect(result.code).toBe(1)
    expect(result.err).toHaveLength(1)
    expect(result.err[0]).toContain(`cannot reach ${url(silent)}: timed out waiting for the response (after 2 attempts)`)
    expect(sockets.size).toBeGreaterThan(0)
  }, 60_000)

  it('that answers a web page ends the push with one line, not a push presented as done', async () => {
    const result = await importer(['--push'], {SANITY_API_HOST: url(html), SANITY_API_TOKEN: TOKEN, SANITY_PUSH_RETRY_BASE_MS: '10'})
    expect(result.code).toBe(1)
    expect(result.err).toHaveLength(1)
    expect(result.err[0]).toMatch(new RegExp(`${url(html)} answered HTTP 200 with text/html .*not the Sanity API's JSON`))
    expect(result.out.some((line) => line.startsWith('pushed'))).toBe(false)
  })
})

describe('names checked before anything is written', () => {
  it('a dataset name Sanity refuses is one error line and no file', async () => {
    const {dir, remove} = tempDir('bad-dataset-')
    try {
      const result = await importer([], {SANITY_DATASET: 'Bad Name!'}, dir)
      expect(result.code).toBe(1)
      expect(result.err).toEqual([expect.stringMatching(/SANITY_DATASET="Bad Name!".*not a Sanity dataset name/)])
      expect(readdirSync(dir)).toEqual([])
    } finally {
      remove()
    }
  })
})
