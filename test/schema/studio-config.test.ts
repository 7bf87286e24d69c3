import {describe, expect, test} from 'vitest'
import {resolveStudioEnv, studioDefines} from '../../studio/env.ts'
import {outlineEntries} from '../../studio/outline.ts'

describe('studio environment resolution', () => {
  test('SANITY_STUDIO_* wins over SANITY_*, which wins over the offline defaults', () => {
    expect(resolveStudioEnv({})).toEqual({projectId: 'offline', dataset: 'production', apiHost: 'https://127.0.0.1:3333'})
    expect(resolveStudioEnv({SANITY_PROJECT_ID: 'abc', SANITY_DATASET: 'staging'})).toMatchObject({
      projectId: 'abc',
      dataset: 'staging',
    })
    expect(
      resolveStudioEnv({SANITY_STUDIO_PROJECT_ID: 'studio', SANITY_PROJECT_ID: 'abc', SANITY_STUDIO_DATASET: 'x'}),
    ).toMatchObject({projectId: 'studio', dataset: 'x'})
  })

  test('empty values count as unset', () => {
    expect(resolveStudioEnv({SANITY_STUDIO_PROJECT_ID: '', SANITY_PROJECT_ID: ' ', SANITY_API_HOST: ''})).toEqual({
      projectId: 'offline',
      dataset: 'production',
      apiHost: 'https://127.0.0.1:3333',
    })
  })

  test('the API host comes from SANITY_STUDIO_API_HOST as given, else SANITY_API_HOST', () => {
    expect(
      resolveStudioEnv({SANITY_STUDIO_API_HOST: 'http://localhost:4000', SANITY_API_HOST: 'http://x'}).apiHost,
    ).toBe('http://localhost:4000')
    expect(resolveStudioEnv({SANITY_API_HOST: 'https://api.example.org', SANITY_PROJECT_ID: 'abc'}).apiHost).toBe(
      'https://api.example.org',
    )
  })

  test("the tools' plain-HTTP lake address becomes HTTPS on the same port for the browser (loopback only)", () => {
    expect(resolveStudioEnv({SANITY_API_HOST: 'http://127.0.0.1:3333'}).apiHost).toBe('https://127.0.0.1:3333')
    expect(resolveStudioEnv({SANITY_API_HOST: 'http://localhost:4100'}).apiHost).toBe('https://localhost:4100')
    expect(resolveStudioEnv({SANITY_API_HOST: 'http://lake.internal:3333'}).apiHost).toBe('http://lake.internal:3333')
  })

  test('offline project without a host: the local lake over HTTPS; a real project without one: sanity.io', () => {
    expect(resolveStudioEnv({SANITY_PROJECT_ID: 'offline'}).apiHost).toBe('https://127.0.0.1:3333')
    expect(resolveStudioEnv({SANITY_STUDIO_PROJECT_ID: 'abc123'}).apiHost).toBeUndefined()
  })

  test('the bundle defines are JSON literals for exactly the four studio variables; a token only with an API host', () => {
    const defines = studioDefines({projectId: 'p', dataset: 'd', apiHost: undefined, token: 'secret'})
    expect(defines).toEqual({
      'process.env.SANITY_STUDIO_PROJECT_ID': '"p"',
      'process.env.SANITY_STUDIO_DATASET': '"d"',
      'process.env.SANITY_STUDIO_API_HOST': '""',
      'process.env.SANITY_STUDIO_API_TOKEN': '""',
    })
    expect(studioDefines({projectId: 'p', dataset: 'd', apiHost: 'https://127.0.0.1:3333', token: 'secret'})['process.env.SANITY_STUDIO_API_TOKEN']).toBe('"secret"')
  })
})

describe('studio outline pane entries', () => {
  test('keeps array order and indents by depth relative to the shallowest section', () => {
    const entries = outlineEntries([
      {_id: 'a', title: 'Intro', level: 2},
      {_id: 'b', title: 'Deep', level: 4},
      null,
      {_id: 'c', title: ' Next ', level: 2},
    ])
    expect(entries.map((entry) => entry.id)).toEqual(['a', 'b', 'c'])
    expect(entries.map((entry) => entry.title)).toEqual(['Intro', '\u2003\u2003Deep', 'Next'])
  })

  test('untitled or level-less sections still get a line', () => {
    expect(outlineEntries([{_id: 'x', title: null, level: null}])).toEqual([
      {id: 'x', title: 'Untitled section', level: 1},
    ])
    expect(outlineEntries([])).toEqual([])
  })
})
