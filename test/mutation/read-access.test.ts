/**
 * Reads that need a token (lake/security/read-access.ts), as an anonymous client meets them over
 * HTTP: the answer's status and body say what was refused and why, as Sanity's 401s do. Written
 * against the mutants `npm run mutation -- lake/security/read-access.ts` found alive.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Lake} from '../../lake/index.ts'
import {clientFor, removeDir, startTestLake, tempDir} from '../lake/setup.ts'

let lake: Lake
let dir: string
beforeAll(async () => {
  dir = tempDir('read-access-kill-')
  lake = await startTestLake(dir)
  await clientFor(lake.url).transaction().create({_id: 'post-1', _type: 'post'}).create({_id: 'drafts.post-1', _type: 'post'}).create({_id: 'some.path', _type: 'post'}).commit()
})
afterAll(async () => {
  await lake.close()
  removeDir(dir)
})

describe('an anonymous reader', () => {
  it.each([
    ['a draft by id', '/v2025-02-19/data/doc/production/drafts.post-1'],
    ['the drafts perspective', `/v2025-02-19/data/query/production?query=${encodeURIComponent('*')}&perspective=drafts`],
  ])('asking for %s gets a 401 that says a token is needed', async (_what, route) => {
    const answer = await fetch(`${lake.url}${route}`)
    expect(answer.status).toBe(401)
    const body = (await answer.json()) as Record<string, unknown>
    expect(body).toEqual({error: 'Unauthorized', statusCode: 401, message: expect.stringMatching(/^Not authorized: reading .+ needs a token$/)})
  })

  it('sees no document whose id has a dot, drafts or not', async () => {
    const answer = await fetch(`${lake.url}/v2025-02-19/data/query/production?query=${encodeURIComponent('*[_type == "post"]._id')}`)
    expect(((await answer.json()) as {result: string[]}).result).toEqual(['post-1'])
  })
})
