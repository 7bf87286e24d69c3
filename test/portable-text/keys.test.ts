import {createHash} from 'node:crypto'
import {describe, expect, it} from 'vitest'
import {createKeyGenerator} from '../../importer/portable-text'

describe('createKeyGenerator', () => {
  it('derives keys from sha1(seed:counter)', () => {
    const keys = createKeyGenerator('section-2022-x')
    const expected = createHash('sha1').update('section-2022-x:0').digest('hex').slice(0, 12)
    expect(keys()).toBe(expected)
    expect(keys()).toMatch(/^[0-9a-f]{12}$/)
  })

  it('is deterministic per seed and differs across seeds', () => {
    const a = createKeyGenerator('a')
    const b = createKeyGenerator('a')
    const c = createKeyGenerator('c')
    const first = [a(), a(), a()]
    expect([b(), b(), b()]).toEqual(first)
    expect(c()).not.toBe(first[0])
  })

  it('never repeats a key', () => {
    const keys = createKeyGenerator('many')
    const seen = new Set(Array.from({length: 20_000}, () => keys()))
    expect(seen.size).toBe(20_000)
  })
})
