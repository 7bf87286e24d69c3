/**
 * What a new user meets first: the Studio's dataset ping is answered, and the query budget is
 * close to the real Content Lake's ("maximum query execution time: 1 minute"), set from the
 * environment (LAKE_QUERY_TIMEOUT_MS) or `--query-timeout`, never a fixed 5 s.
 */
import {describe, expect, it} from 'vitest'
import {DEFAULT_LIMITS, startLake, type Lake} from '../../lake/index.ts'
import {parseCliArgs} from '../../lake/cli-args.ts'
import {QUERY_TIMEOUT_ENV, resolveLimits} from '../../lake/limits.ts'
import {clientFor, scratchDirs, TOKEN, useTestLake} from './setup.ts'

const newDir = scratchDirs()

describe("the Studio's dataset ping", () => {
  let lake: Lake
  useTestLake('lake-ping-', (started) => ({lake} = started), {tls: false})

  it('answers GET /v…/data/ping/:dataset without credentials, from the Studio origin, and 404s an unknown dataset', async () => {
    const answer = await fetch(`${lake.url}/v2025-02-19/data/ping/production`, {headers: {Origin: 'http://localhost:3334'}})
    expect(answer.status).toBe(200)
    expect(answer.headers.get('access-control-allow-origin')).toBe('http://localhost:3334')
    await answer.arrayBuffer()
    expect((await fetch(`${lake.url}/v2025-02-19/data/ping/nosuch`)).status).toBe(404)
  })
})

describe('the query budget', () => {
  it("defaults to the real Content Lake's one minute", () => {
    expect(DEFAULT_LIMITS.queryTimeoutMs).toBe(60_000)
    expect(resolveLimits(undefined, {}).queryTimeoutMs).toBe(60_000)
  })

  it('comes from LAKE_QUERY_TIMEOUT_MS, and --query-timeout wins over it', () => {
    expect(resolveLimits(undefined, {[QUERY_TIMEOUT_ENV]: '120000'}).queryTimeoutMs).toBe(120_000)
    const fromFlag = parseCliArgs(['--query-timeout', '2000']).limits
    expect(resolveLimits(fromFlag, {[QUERY_TIMEOUT_ENV]: '120000'}).queryTimeoutMs).toBe(2_000)
    expect(() => resolveLimits(undefined, {[QUERY_TIMEOUT_ENV]: 'soon'})).toThrow(QUERY_TIMEOUT_ENV)
  })

  it('applies the environment budget to a lake started without one', async () => {
    const saved = process.env[QUERY_TIMEOUT_ENV]
    process.env[QUERY_TIMEOUT_ENV] = '1500'
    let lake: Lake | undefined
    try {
      lake = await startLake({port: 0, dir: newDir('lake-budget-env-'), token: TOKEN, tls: false})
      const tx = clientFor(lake.url).transaction()
      for (let i = 0; i < 1000; i++) tx.create({_id: `doc-${i}`, _type: 'item'})
      await tx.commit()
      const heavy = encodeURIComponent('*[]{"n": count(*[_id != ^._id]{"m": count(*[_id == ^._id])})}')
      const answer = await fetch(`${lake.url}/v2025-02-19/data/query/production?query=${heavy}`, {headers: {Authorization: `Bearer ${TOKEN}`}, signal: AbortSignal.timeout(30_000)})
      expect(answer.status).toBe(408)
      expect(await answer.text()).toContain('1500 ms')
    } finally {
      if (saved === undefined) delete process.env[QUERY_TIMEOUT_ENV]
      else process.env[QUERY_TIMEOUT_ENV] = saved
      await lake?.close()
    }
  })
})
