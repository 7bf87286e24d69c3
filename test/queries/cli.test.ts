import {copyFileSync, mkdirSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {toNdjson} from '../../importer/index.ts'
import {writeFileSync} from 'node:fs'
import {startLake, type Lake} from '../../lake/index.ts'
import {clientFor} from '../lake/setup.ts'
import {resolveTarget} from '../../config/target.ts'
import {applyPerspective} from '../../queries/data-view.ts'
import {createReadClient} from '../../queries/read-client.ts'
import {runScript} from './cli-process.ts'
import {multiYearDocuments} from './helpers.ts'

const TOKEN = 'query-test-token'
let dir: string
let snapshot: string
let lake: Lake

/** A working folder whose `.data/production.ndjson` is the snapshot the lake started from. */
let cwd: string

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'query-cli-'))
  const documents = await multiYearDocuments()
  cwd = path.join(dir, 'work')
  mkdirSync(path.join(cwd, '.data'), {recursive: true})
  snapshot = path.join(cwd, '.data', 'production.ndjson')
  writeFileSync(snapshot, toNdjson(documents as never))
  mkdirSync(path.join(dir, 'lake'))
  copyFileSync(snapshot, path.join(dir, 'lake', 'production.ndjson'))
  lake = await startLake({port: 0, dir: path.join(dir, 'lake'), token: TOKEN})
  const client = clientFor(lake.url, TOKEN)
  // An editor's unpublished draft, and an edit they published after the snapshot was taken.
  await client.createOrReplace({_id: 'drafts.report-2022', _type: 'report', title: 'UNPUBLISHED DRAFT', year: 2022, slug: {_type: 'slug', current: '2022'}, sections: []})
  await client.patch('report-2021').set({subtitle: 'Published in the Studio'}).commit()
})
afterAll(async () => {
  await lake?.close()
  rmSync(dir, {recursive: true, force: true})
})

const lakeEnv = () => ({SANITY_API_HOST: lake.url, SANITY_LAKE_TOKEN: TOKEN})

describe('npm run query', () => {
  test('--remote reads the published perspective: no draft', async () => {
    const result = await runScript('queries/cli.ts', ['reports', '--remote'], {cwd, env: lakeEnv()})
    expect(result.code, result.stderr).toBe(0)
    const titles = (JSON.parse(result.stdout) as Array<{title: string}>).map((report) => report.title)
    expect(titles).not.toContain('UNPUBLISHED DRAFT')
    expect(result.stderr).toMatch(/reading published documents/)
    const raw = await runScript('queries/cli.ts', ['*[_id in path("drafts.**")]._id', '--remote'], {cwd, env: lakeEnv()})
    expect(JSON.parse(raw.stdout)).toEqual([])
  })

  test('--perspective drafts shows the draft over the published document; raw shows both', async () => {
    const drafts = await runScript('queries/cli.ts', ['*[_type == "report" && year == 2022][0].title', '--remote', '--perspective', 'drafts'], {cwd, env: lakeEnv()})
    expect(drafts.code, drafts.stderr).toBe(0)
    expect(JSON.parse(drafts.stdout)).toBe('UNPUBLISHED DRAFT')
    const raw = await runScript('queries/cli.ts', ['*[_type == "report" && year == 2022]._id', '--remote', '--perspective', 'raw'], {cwd, env: lakeEnv()})
    expect(new Set(JSON.parse(raw.stdout) as string[])).toEqual(new Set(['report-2022', 'drafts.report-2022']))
  })

  test('one view of the data: the running lake (published edits, no drafts), else the snapshot; stderr says which', async () => {
    const query = '*[_type == "report" && year == 2021][0].subtitle'
    const live = await runScript('queries/cli.ts', [query], {cwd, env: lakeEnv()})
    expect(live.code, live.stderr).toBe(0)
    expect(JSON.parse(live.stdout)).toBe('Published in the Studio')
    expect(live.stderr).toMatch(/running lake at http:\/\/127\.0\.0\.1:\d+/)
    const drafts = await runScript('queries/cli.ts', ['count(*[_id in path("drafts.**")])'], {cwd, env: lakeEnv()})
    expect(JSON.parse(drafts.stdout)).toBe(0)

    const offline = await runScript('queries/cli.ts', [query], {cwd})
    expect(offline.code, offline.stderr).toBe(0)
    expect(JSON.parse(offline.stdout)).not.toBe('Published in the Studio')
    expect(offline.stderr).toMatch(/reading the snapshot \.data\/production\.ndjson \(the lake at http:\/\/127\.0\.0\.1:9 is not running\)/)
  })

  test('named queries take --param; bad usage is one line and exit 2; a missing snapshot is exit 1', async () => {
    const project = await runScript('queries/cli.ts', ['project', '--param', 'slug=openstack', '--dataset', snapshot])
    expect(project.code, project.stderr).toBe(0)
    const years = (JSON.parse(project.stdout) as {sections: Array<{year: number}>}).sections.map((section) => section.year)
    expect(years).toEqual([...years].sort((a, b) => b - a))
    const bad = await runScript('queries/cli.ts', ['reports', '--perspective', 'previewDrafts', '--remote'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/^error: --perspective must be one of published, drafts, raw/)
    const missing = await runScript('queries/cli.ts', ['reports', '--dataset', path.join(dir, 'nope.ndjson')])
    expect(missing.code).toBe(1)
    expect(missing.stderr.trim().split('\n')).toHaveLength(1)
    expect(missing.stderr).not.toMatch(/\bat \S+:\d+/)
  })
})

test('published reads carry no token; drafts and raw use the configured one', () => {
  const config = resolveTarget({SANITY_LAKE_TOKEN: {value: 'secret', source: 'environment', name: 'SANITY_LAKE_TOKEN'}, SANITY_API_HOST: {value: 'http://127.0.0.1:9', source: 'environment', name: 'SANITY_API_HOST'}})
  expect(createReadClient(config, 'published').config()).toMatchObject({perspective: 'published'})
  expect(createReadClient(config, 'published').config().token).toBeUndefined()
  expect(createReadClient(config, 'drafts').config()).toMatchObject({perspective: 'drafts', token: 'secret'})
  expect(createReadClient(config, 'raw').config().token).toBe('secret')
})

test('a snapshot is read like the API: published hides drafts and versions; drafts overlays them; raw shows all', () => {
  const doc = (id: string, title: string) => ({_id: id, _type: 'report', title})
  const snapshot = [doc('a', 'A'), doc('drafts.a', 'A draft'), doc('drafts.b', 'B new'), doc('versions.r1.a', 'A in a release')]
  expect(applyPerspective(snapshot, 'published').map((d) => d._id)).toEqual(['a'])
  expect(applyPerspective(snapshot, 'drafts').map((d) => `${d._id}:${d.title}`)).toEqual(['a:A draft', 'b:B new'])
  expect(applyPerspective(snapshot, 'raw')).toHaveLength(4)
})

test('the query command on a snapshot that holds a draft shows it only when asked', async () => {
  const file = path.join(dir, 'with-draft.ndjson')
  writeFileSync(file, `${JSON.stringify({_id: 'report-1999', _type: 'report', title: 'Published', year: 1999})}\n${JSON.stringify({_id: 'drafts.report-1999', _type: 'report', title: 'Draft', year: 1999})}\n`)
  const published = await runScript('queries/cli.ts', ['*[_type == "report"].title', '--dataset', file])
  expect(JSON.parse(published.stdout)).toEqual(['Published'])
  const drafts = await runScript('queries/cli.ts', ['*[_type == "report"].title', '--dataset', file, '--perspective', 'drafts'])
  expect(JSON.parse(drafts.stdout)).toEqual(['Draft'])
  expect(drafts.stderr).toMatch(/^reading drafts documents of the snapshot /)
})
