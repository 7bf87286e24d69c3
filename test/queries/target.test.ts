/**
 * `npm run query` against what a user configures: a query name that does not exist, a real
 * project id next to the local lake's address, and a dataset the API does not have.
 */
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {startLake, type Lake} from '../../lake/index.ts'
import {runScript} from './cli-process.ts'

const TOKEN = 'query-target-token'
let dir: string
let lake: Lake

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'query-target-'))
  lake = await startLake({port: 0, dir, token: TOKEN, tls: false})
})
afterAll(async () => {
  await lake?.close()
  rmSync(dir, {recursive: true, force: true})
})

describe('npm run query', () => {
  test('an unknown query name exits non-zero, lists the named queries and prints no result', async () => {
    const result = await runScript('queries/cli.ts', ['nosuchquery'], {cwd: dir})
    expect(result.code).not.toBe(0)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(/no query named "nosuchquery"/)
    for (const name of ['reports', 'outline', 'report', 'section', 'project', 'author', 'search', 'paths']) expect(result.stderr).toContain(name)
  })

  test('a real project id with the local lake address is refused before any request, naming the variable to clear', async () => {
    const before = lake.requestLog.length
    const result = await runScript('queries/cli.ts', ['reports', '--remote'], {cwd: dir, env: {SANITY_PROJECT_ID: 'abc123xy', SANITY_API_HOST: lake.url}})
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(/SANITY_API_HOST=.*points at this machine.*clear SANITY_API_HOST/)
    expect(lake.requestLog.length).toBe(before)
  })

  test('a dataset the API does not have is named, with where its name came from', async () => {
    const result = await runScript('queries/cli.ts', ['reports', '--remote'], {cwd: dir, env: {SANITY_DATASET: 'nosuch', SANITY_API_HOST: lake.url}})
    expect(result.code).toBe(1)
    expect(result.stderr.trim().split('\n').at(-1)).toBe(`error: dataset "nosuch" (SANITY_DATASET in the environment) does not exist at ${lake.url}`)
  })
})
