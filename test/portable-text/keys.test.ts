import {createHash} from 'node:crypto'
import {describe, expect, it} from 'vitest'
import {createKeyGenerator, stableKeys} from '../../importer/portable-text/index.ts'

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

describe('stableKeys', () => {
  const block = (text: string, href?: string) => ({
    _type: 'block',
    _key: 'provisional',
    style: 'normal',
    markDefs: href ? [{_type: 'link', _key: 'm0', href}] : [],
    children: [
      {_type: 'span', _key: 's0', text, marks: href ? ['m0'] : []},
      {_type: 'span', _key: 's1', text: '!', marks: ['strong']},
    ],
  })
  const keysOf = (members: Array<Record<string, unknown>>) =>
    members.map((m) => [m._key, ...(m.children as Array<{_key: string}>).map((c) => c._key), ...(m.markDefs as Array<{_key: string}>).map((d) => d._key)].join(' '))

  it('derives keys from content, not position: inserting a block moves no other key', () => {
    const before = stableKeys([block('one', 'https://a.example'), block('two'), block('three')])
    const after = stableKeys([block('one', 'https://a.example'), block('inserted'), block('two'), block('three')])
    expect(keysOf(after).filter((k) => !keysOf(before).includes(k))).toHaveLength(1)
    expect(keysOf(before).every((k) => keysOf(after).includes(k))).toBe(true)
  })

  it('editing or removing one block leaves the others unchanged', () => {
    const before = keysOf(stableKeys([block('one'), block('two'), block('three')]))
    expect(keysOf(stableKeys([block('one'), block('TWO'), block('three')]))).toEqual([before[0], expect.any(String), before[2]])
    expect(keysOf(stableKeys([block('one'), block('three')]))).toEqual([before[0], before[2]])
  })

  it('tells identical blocks apart deterministically and keeps marks pointing at their markDefs', () => {
    const members = stableKeys([block('same', 'https://a.example'), block('same', 'https://a.example')])
    expect(members[0]!._key).not.toBe(members[1]!._key)
    expect(stableKeys([block('same', 'https://a.example'), block('same', 'https://a.example')])).toEqual(members)
    for (const member of members) {
      const def = (member.markDefs as Array<{_key: string}>)[0]!
      expect((member.children as Array<{marks: string[]}>)[0]!.marks).toEqual([def._key])
      expect(def._key).toMatch(/^[0-9a-f]{12}$/)
    }
  })

  it('a markDef key change alone does not change the block key (keys are not content)', () => {
    const a = block('x', 'https://a.example')
    const b = {...block('x', 'https://a.example'), markDefs: [{_type: 'link', _key: 'other', href: 'https://a.example'}], children: [{...a.children[0]!, marks: ['other']}, a.children[1]!]}
    expect(stableKeys([a])[0]!._key).toBe(stableKeys([b])[0]!._key)
  })
})
