/**
 * Document ids checked with Sanity's rules ("IDs and Paths"): at most 128 characters of
 * a-zA-Z0-9._-, no leading "-", no "..", no path segment starting with "-", and "versions" only as
 * the first of at least three segments. Written through the real client, as a push would.
 */
import {describe, expect, it} from 'vitest'
import type {Lake} from '../../lake/index.ts'
import {clientFor, useTestLake} from './setup.ts'

const VALID = ['a', 'report-2022', 'drafts.section-2022-intro', 'versions.r1.section-a', 'animal.mammal.dog', '_.groups.editors', 'x'.repeat(128), 'A_b-9']
const INVALID = [
  '-abcde-12345',
  'a..b',
  'dog.-abcde-12345',
  'x'.repeat(129),
  'abc.versions.bar',
  'versions.abc',
  'has space',
  'fidêncio',
  'a/b',
  '.leading',
  'trailing..',
]

describe('document ids', () => {
  let lake: Lake
  useTestLake('lake-ids-', (started) => ({lake} = started), {tls: false})

  it('accepts the ids Sanity accepts', async () => {
    const client = clientFor(lake.url)
    for (const id of VALID) await client.createOrReplace({_id: id, _type: 'item'})
    expect(lake.store.dataset('production').all().map((doc) => doc._id).sort()).toEqual([...VALID].sort())
  })

  it('refuses every other id with 400 invalidDocumentIdError, naming the rule, and writes nothing', async () => {
    const client = clientFor(lake.url)
    for (const id of INVALID) {
      const error = await client.create({_id: id, _type: 'item'}).then(
        () => undefined,
        (failure: {statusCode?: number; message?: string; response?: {body?: unknown}}) => failure,
      )
      expect(error?.statusCode, id).toBe(400)
      expect(JSON.stringify(error?.response?.body), id).toContain('invalidDocumentIdError')
      expect(error?.message, id).toMatch(/not valid: /)
    }
    // Patches and deletes by id are checked too, and an invalid id in a transaction fails all of it.
    await expect(client.patch('a..b').set({x: 1}).commit()).rejects.toMatchObject({statusCode: 400})
    await expect(client.transaction().create({_id: 'fine-one', _type: 'item'}).delete('x.-bad').commit()).rejects.toMatchObject({statusCode: 400})
    expect(lake.store.dataset('production').get('fine-one')).toBeUndefined()
    for (const id of INVALID) expect(lake.store.dataset('production').get(id), id).toBeUndefined()
  })
})
