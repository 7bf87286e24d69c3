/**
 * The one target resolution every command and the Studio read (config/): where each value comes
 * from, the offline target chosen only by project id `offline`, contradictions refused with the
 * variable to clear, Sanity's naming rules, relative image sources, and request timeouts.
 */
import {existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {afterAll, describe, expect, it} from 'vitest'
import {relativeAssetSource, resolveAssetSource} from '../../config/asset-source.ts'
import {timeoutsFrom} from '../../config/http.ts'
import {loadTarget, readVariables} from '../../config/load.ts'
import {datasetNameProblem, documentIdProblem} from '../../config/names.ts'
import {describeRequestFailure} from '../../config/request-errors.ts'
import {describeSource, resolveStudioTarget, resolveTarget, TargetError, type Sourced, type TargetVariables} from '../../config/target.ts'
import {withRetry} from '../../importer/sinks/dataset/retry.ts'

const dirs: string[] = []
const scratch = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'config-target-'))
  dirs.push(dir)
  return dir
}
afterAll(() => dirs.forEach((dir) => rmSync(dir, {recursive: true, force: true})))

const env = (values: Record<string, string>): TargetVariables =>
  Object.fromEntries(Object.entries(values).map(([name, value]) => [name, {value, source: 'environment', name} satisfies Sourced]))

describe('resolveTarget', () => {
  it('nothing set: the offline lake, its address and its token, each marked as a default or the lake token', () => {
    const lakeToken: Sourced = {value: 'lake-secret', source: 'lake-token', name: '.data/lake-token'}
    const target = resolveTarget({}, {lakeToken: () => lakeToken})
    expect(target).toMatchObject({offline: true, projectId: {value: 'offline', source: 'default'}, dataset: {value: 'production', source: 'default'}})
    expect(target.apiHost).toMatchObject({value: 'http://127.0.0.1:3333', source: 'default'})
    expect(target.token).toBe(lakeToken)
  })

  it('a real project id: Sanity itself, no host, and never the lake token', () => {
    let asked = false
    const target = resolveTarget(env({SANITY_PROJECT_ID: 'abc123xy'}), {lakeToken: () => ((asked = true), {value: 'x', source: 'lake-token', name: 'f'})})
    expect(target.offline).toBe(false)
    expect(target.apiHost).toBeUndefined()
    expect(target.token).toBeUndefined()
    expect(asked).toBe(false)
  })

  it('a real project id may use a custom non-loopback host; the trailing slash goes', () => {
    expect(resolveTarget(env({SANITY_PROJECT_ID: 'abc123xy', SANITY_API_HOST: 'https://proxy.example.org/'})).apiHost?.value).toBe('https://proxy.example.org')
  })

  it('a real project id with a loopback host is refused, naming the variable and where it was set', () => {
    for (const host of ['http://127.0.0.1:3333', 'http://localhost:4000', 'http://[::1]:3333', 'http://127.1.2.3']) {
      const vars = {...env({SANITY_PROJECT_ID: 'abc123xy'}), SANITY_API_HOST: {value: host, source: '.env', name: 'SANITY_API_HOST'} satisfies Sourced}
      expect(() => resolveTarget(vars), host).toThrow(TargetError)
      expect(() => resolveTarget(vars)).toThrow(/SANITY_API_HOST=.*\(from \.env\) points at this machine, but SANITY_PROJECT_ID="abc123xy".*clear SANITY_API_HOST/)
    }
  })

  it('refuses a dataset or project id Sanity would refuse, naming the value', () => {
    expect(() => resolveTarget(env({SANITY_DATASET: 'Bad Name!'}))).toThrow(/SANITY_DATASET="Bad Name!" \(from the environment\) is not a Sanity dataset name/)
    expect(() => resolveTarget(env({SANITY_PROJECT_ID: 'not a project'}))).toThrow(/SANITY_PROJECT_ID="not a project".*not a Sanity project id/)
    expect(() => resolveTarget(env({SANITY_API_HOST: '127.0.0.1:3333'}))).toThrow(/is not a URL/)
  })

  it("never sends SANITY_API_TOKEN (a real project's token) to the offline lake, nor the lake's token to a real project", () => {
    const lakeToken = () => ({value: 'lake-file-token', source: 'lake-token' as const, name: '.data/lake-token'})
    // A .env copied from the example with a real token filled in, project id still "offline".
    const offline = resolveTarget(env({SANITY_API_TOKEN: 'sk-real-project-token'}), {lakeToken})
    expect(offline.token).toEqual(lakeToken())
    expect(resolveTarget(env({SANITY_API_TOKEN: 'sk-real', SANITY_API_HOST: 'http://127.0.0.1:4000'}), {lakeToken}).token?.value).toBe('lake-file-token')
    expect(resolveTarget(env({SANITY_API_TOKEN: 'sk-real', SANITY_LAKE_TOKEN: 'lake-env'}), {lakeToken}).token).toEqual({value: 'lake-env', source: 'environment', name: 'SANITY_LAKE_TOKEN'})
    // A real project: its token, never the lake's.
    const real = resolveTarget(env({SANITY_PROJECT_ID: 'abc123xy', SANITY_API_TOKEN: 'sk-real', SANITY_LAKE_TOKEN: 'lake-env'}), {lakeToken})
    expect(real.token).toEqual({value: 'sk-real', source: 'environment', name: 'SANITY_API_TOKEN'})
    expect(resolveTarget(env({SANITY_PROJECT_ID: 'abc123xy', SANITY_LAKE_TOKEN: 'lake-env'}), {lakeToken}).token).toBeUndefined()
  })

  it('command-line values win and say so', () => {
    const target = resolveTarget(env({SANITY_API_TOKEN: 'from-env', SANITY_DATASET: 'production'}), {flags: {token: 'from-flag', dataset: 'staging'}})
    expect(target.token).toEqual({value: 'from-flag', source: 'flag', name: '--token'})
    expect(target.dataset).toEqual({value: 'staging', source: 'flag', name: '--dataset'})
    expect(describeSource(target.token!)).toBe('--token')
  })
})

describe('loadTarget (environment, .env, the lake token file)', () => {
  it('reads .env, lets the environment win (an empty variable clears a .env line), and reads the lake token without creating one', () => {
    const dir = scratch()
    const envFile = path.join(dir, '.env')
    writeFileSync(envFile, 'SANITY_DATASET=staging\nSANITY_LAKE_TOKEN=filetoken\nSANITY_API_HOST=http://127.0.0.1:4000\n')
    const lakeDir = path.join(dir, '.data')
    const target = loadTarget({env: {SANITY_API_HOST: ''}, envFile, lakeDir})
    expect(target.dataset).toEqual({value: 'staging', source: '.env', name: 'SANITY_DATASET'})
    expect(target.token).toEqual({value: 'filetoken', source: '.env', name: 'SANITY_LAKE_TOKEN'})
    expect(target.apiHost).toMatchObject({value: 'http://127.0.0.1:3333', source: 'default'})
    expect(describeSource(target.token!)).toBe('SANITY_LAKE_TOKEN in .env')
    // No token anywhere and no lake ever ran here: no token, and no file made.
    expect(loadTarget({env: {}, envFile: false, lakeDir}).token).toBeUndefined()
    expect(existsSync(lakeDir)).toBe(false)
    mkdirSync(lakeDir)
    writeFileSync(path.join(lakeDir, 'lake-token'), 'lake-made-this\n')
    expect(loadTarget({env: {}, envFile: false, lakeDir}).token).toMatchObject({value: 'lake-made-this', source: 'lake-token'})
    expect(readdirSync(lakeDir)).toEqual(['lake-token'])
  })

  it('marks where each variable came from', () => {
    const dir = scratch()
    const envFile = path.join(dir, '.env')
    writeFileSync(envFile, 'SANITY_PROJECT_ID=fromfile\nSANITY_DATASET=filed\n')
    const vars = readVariables({env: {SANITY_PROJECT_ID: 'fromenv'}, envFile})
    expect(vars.SANITY_PROJECT_ID).toEqual({value: 'fromenv', source: 'environment', name: 'SANITY_PROJECT_ID'})
    expect(vars.SANITY_DATASET).toEqual({value: 'filed', source: '.env', name: 'SANITY_DATASET'})
  })
})

describe('resolveStudioTarget', () => {
  it('offline: the lake over HTTPS; the tools’ http lake address becomes https for the browser', () => {
    expect(resolveStudioTarget({}).target.apiHost?.value).toBe('https://127.0.0.1:3333')
    expect(resolveStudioTarget(env({SANITY_API_HOST: 'http://127.0.0.1:4100'})).target.apiHost?.value).toBe('https://127.0.0.1:4100')
    expect(resolveStudioTarget(env({SANITY_STUDIO_API_HOST: 'same-origin'})).problem).toBeUndefined()
  })

  it('a real project id with a loopback Studio host (or same-origin) is a problem naming the variable', () => {
    expect(resolveStudioTarget(env({SANITY_PROJECT_ID: 'abc123xy'})).problem).toBeUndefined()
    expect(resolveStudioTarget(env({SANITY_PROJECT_ID: 'abc123xy'})).target.apiHost).toBeUndefined()
    expect(resolveStudioTarget(env({SANITY_STUDIO_PROJECT_ID: 'abc123xy', SANITY_STUDIO_API_HOST: 'https://localhost:3333'})).problem).toMatch(/clear SANITY_STUDIO_API_HOST.*set SANITY_STUDIO_PROJECT_ID=offline/)
    expect(resolveStudioTarget(env({SANITY_PROJECT_ID: 'abc123xy', SANITY_API_HOST: 'http://127.0.0.1:3333'})).problem).toMatch(/clear SANITY_API_HOST/)
    expect(resolveStudioTarget(env({SANITY_PROJECT_ID: 'abc123xy', SANITY_STUDIO_API_HOST: 'same-origin'})).problem).toMatch(/clear SANITY_STUDIO_API_HOST/)
  })
})

describe("Sanity's names", () => {
  it('dataset names: 1–64 lowercase letters, digits, - and _, beginning and ending with a letter or digit', () => {
    for (const good of ['production', 'a', 'staging-2', 'my_data', 'x'.repeat(64)]) expect(datasetNameProblem(good), good).toBeUndefined()
    for (const bad of ['', 'Production', 'Bad Name!', 'ends-', '_starts', 'has.dot', 'x'.repeat(65)]) expect(datasetNameProblem(bad), bad).toBeDefined()
  })

  it('document ids: letters, digits, . _ -, at most 128, no segment starting with - and no empty segment', () => {
    for (const good of ['report-2022', 'drafts.section-1', 'a.b.c', '_private', 'x'.repeat(128)]) expect(documentIdProblem(good), good).toBeUndefined()
    for (const bad of ['', '-x', 'a.-b', 'a..b', '.a', 'has space', 'ümlaut', 'x'.repeat(129), 42]) expect(documentIdProblem(bad), String(bad)).toBeDefined()
  })
})

describe('image sources relative to the NDJSON file', () => {
  it('round-trips an absolute file source through its relative form, spaces and parent folders included', () => {
    const file = path.join(tmpdir(), 'site', 'content', 'img', 'a b#1.png')
    const folder = path.join(tmpdir(), 'site', 'data')
    const relative = relativeAssetSource(`image@${pathToFileURL(file).href}`, folder)
    expect(relative).toBe('image@file://./../content/img/a%20b%231.png')
    expect(resolveAssetSource(relative, folder)).toEqual({kind: 'image', file})
    // Moved together, it resolves in the new place.
    expect(resolveAssetSource(relative, path.join('/elsewhere', 'data'))).toEqual({kind: 'image', file: path.join('/elsewhere', 'content', 'img', 'a b#1.png')})
    expect(relativeAssetSource('image@https://example.org/a.png', folder)).toBe('image@https://example.org/a.png')
    expect(resolveAssetSource('image@https://example.org/a.png', folder)).toBeUndefined()
  })
})

describe('request timeouts', () => {
  it('come from SANITY_TIMEOUT_MS or one variable per phase; defaults end a silent request in 20 s', () => {
    expect(timeoutsFrom({})).toEqual({connectMs: 10_000, responseMs: 20_000, idleMs: 20_000})
    expect(timeoutsFrom({SANITY_TIMEOUT_MS: '300'})).toEqual({connectMs: 300, responseMs: 300, idleMs: 300})
    expect(timeoutsFrom({SANITY_TIMEOUT_MS: '300', SANITY_IDLE_TIMEOUT_MS: '900', SANITY_CONNECT_TIMEOUT_MS: 'soon'})).toEqual({connectMs: 300, responseMs: 300, idleMs: 900})
  })

  it('a timed-out attempt is retried only while another could still time out within the budget', async () => {
    let now = 0
    const clock = {now: () => now, sleep: async (ms: number) => void (now += ms)}
    let attempts = 0
    const timeout = () => {
      attempts++
      now += 20_000 // the attempt waited its whole response timeout
      return Promise.reject(Object.assign(new TypeError('fetch failed'), {cause: {code: 'UND_ERR_HEADERS_TIMEOUT'}}))
    }
    const policy = {maxAttempts: 8, baseDelayMs: 250, maxDelayMs: 15_000, maxTotalMs: 60_000, attemptTimeoutMs: 20_000}
    await expect(withRetry(timeout, policy, () => {}, clock)).rejects.toMatchObject({attempts: 2})
    expect(now).toBeLessThan(60_000)
    expect(attempts).toBe(2)
  })
})

describe('describeRequestFailure', () => {
  const dataset: Sourced = {value: 'staging', source: '.env', name: 'SANITY_DATASET'}
  const token: Sourced = {value: 's3cret', source: 'environment', name: 'SANITY_API_TOKEN'}
  const context = {origin: 'https://abc.api.sanity.io', dataset, token, need: 'read drafts' as const}
  const http = (statusCode: number, message: string) => Object.assign(new Error(message), {statusCode})

  it('names the token source and what it needs, the missing dataset and its source, or the unreachable host', () => {
    expect(describeRequestFailure(http(401, 'Unauthorized'), context)).toBe('the token from SANITY_API_TOKEN in the environment was refused (401): this needs a token with read access (role Viewer or higher)')
    expect(describeRequestFailure(http(404, 'Dataset "staging" not found'), context)).toBe('dataset "staging" (SANITY_DATASET in .env) does not exist at https://abc.api.sanity.io')
    expect(describeRequestFailure(Object.assign(new TypeError('fetch failed'), {cause: {code: 'ECONNREFUSED'}}), context)).toBe('cannot reach https://abc.api.sanity.io: connection refused')
    expect(describeRequestFailure(http(401, 'x'), {...context, token: undefined})).toMatch(/^the API needs a token with read access .* none is set/)
  })
})
