/**
 * Portable Text keys (importer/portable-text/keys.ts) as its TSDoc specifies them: provisional
 * keys count in hex, content keys are sha1 of the identity (`#n` for repeats), nested keys are a
 * 6-hex hash of where the array sits plus a 6-hex index, marks follow their markDefs. Expected
 * keys are computed here from that scheme with node:crypto. Written against the mutants
 * `npm run mutation -- importer/portable-text/keys.ts` found alive.
 */
import {createHash} from 'node:crypto'
import {describe, expect, it} from 'vitest'
import {createContentKeys, createKeyGenerator, createProvisionalKeys, stableKeys} from '../../importer/portable-text/keys.ts'

const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex')
/** A nested member's key: where its array sits (6 hex) and its index (6 hex). */
const nested = (base: string, index: number): string => `${sha1(base).slice(0, 6)}${index.toString(16).padStart(6, '0')}`

describe('createProvisionalKeys', () => {
  it('counts from 1 in 12 hex digits, per generator', () => {
    const keys = createProvisionalKeys()
    const first = Array.from({length: 17}, () => keys())
    expect(first.slice(0, 2)).toEqual(['000000000001', '000000000002'])
    expect(first[15]).toBe('000000000010')
    expect(createProvisionalKeys()()).toBe('000000000001')
  })
})

describe('createKeyGenerator', () => {
  it('counts on from 0 and keeps separate generators separate', () => {
    const keys = createKeyGenerator('seed')
    expect([keys(), keys(), keys()]).toEqual([0, 1, 2].map((n) => sha1(`seed:${n}`).slice(0, 12)))
  })
})

describe('createContentKeys', () => {
  it('keys an identity by its sha1, and repeats of it by identity#1, #2 …', () => {
    const keyOf = createContentKeys()
    expect([keyOf('a'), keyOf('b'), keyOf('a'), keyOf('a')]).toEqual([sha1('a'), sha1('b'), sha1('a#1'), sha1('a#2')].map((key) => key.slice(0, 12)))
  })

  it('skips a key another identity already took', () => {
    const keyOf = createContentKeys()
    // "x#1" taken first as an identity of its own: the second "x" moves on to "x#2".
    expect([keyOf('x#1'), keyOf('x'), keyOf('x')]).toEqual([sha1('x#1'), sha1('x'), sha1('x#2')].map((key) => key.slice(0, 12)))
  })
})

describe('stableKeys', () => {
  const linked = () => ({
    _type: 'block',
    _key: 'p1',
    style: 'normal',
    markDefs: [
      {_type: 'link', _key: 'm-a', href: 'https://a.example'},
      {_type: 'link', _key: 'm-b', href: 'https://b.example'},
    ],
    children: [
      {_type: 'span', _key: 's0', text: 'a', marks: ['m-b', 'strong']},
      {_type: 'span', _key: 's1', text: 'b', marks: ['m-a']},
      {_type: 'inlineImage', _key: 's2', src: '/x.png'},
    ],
  })

  it('keys a block by its content without keys, marks counted by their markDef’s place', () => {
    const [block] = stableKeys([linked()])
    const identity = {
      _type: 'block',
      children: [
        {_type: 'span', marks: ['@1', 'strong'], text: 'a'},
        {_type: 'span', marks: ['@0'], text: 'b'},
        {_type: 'inlineImage', src: '/x.png'},
      ],
      markDefs: [
        {_type: 'link', href: 'https://a.example'},
        {_type: 'link', href: 'https://b.example'},
      ],
      style: 'normal',
    }
    const key = sha1(JSON.stringify(identity)).slice(0, 12)
    expect(block).toEqual({
      ...linked(),
      _key: key,
      markDefs: [
        {_type: 'link', _key: nested(`${key}/markDefs`, 0), href: 'https://a.example'},
        {_type: 'link', _key: nested(`${key}/markDefs`, 1), href: 'https://b.example'},
      ],
      children: [
        {_type: 'span', _key: nested(`${key}/children`, 0), text: 'a', marks: [nested(`${key}/markDefs`, 1), 'strong']},
        {_type: 'span', _key: nested(`${key}/children`, 1), text: 'b', marks: [nested(`${key}/markDefs`, 0)]},
        {_type: 'inlineImage', _key: nested(`${key}/children`, 2), src: '/x.png'},
      ],
    })
  })

  it('keys members nested in objects and in unkeyed items by their path', () => {
    const table = {
      _type: 'table',
      _key: 'p',
      rows: [{_type: 'row', _key: 'r', cells: [{_key: 'c', text: 'x'}]}],
      caption: {_type: 'caption', parts: [{_key: 'q', text: 'y'}]},
      grid: [[{_key: 'g'}], 'plain', null],
      plain: [{text: 'unkeyed', inner: [{_key: 'i'}]}],
    }
    const [member] = stableKeys([table]) as Array<Record<string, unknown>>
    const key = member!._key as string
    expect(key).toBe(sha1(JSON.stringify({_type: 'table', caption: {_type: 'caption', parts: [{text: 'y'}]}, grid: [[{}], 'plain', null], plain: [{inner: [{}], text: 'unkeyed'}], rows: [{_type: 'row', cells: [{text: 'x'}]}]})).slice(0, 12))
    const row = (member!.rows as Array<Record<string, unknown>>)[0]!
    expect(row._key).toBe(nested(`${key}/rows`, 0))
    expect((row.cells as Array<{_key: string}>)[0]!._key).toBe(nested(`${row._key}/cells`, 0))
    expect(((member!.caption as {parts: Array<{_key: string}>}).parts)[0]!._key).toBe(nested(`${key}/caption/parts`, 0))
    expect(((member!.plain as Array<{inner: Array<{_key: string}>}>)[0]!.inner)[0]!._key).toBe(nested(`${key}/plain/0/inner`, 0))
    expect(member!.grid).toEqual([[{_key: 'g'}], 'plain', null])
  })

  it('leaves marks alone in a block without markDefs, and marks that name no markDef', () => {
    const [block] = stableKeys([{_type: 'block', _key: 'p', markDefs: [], children: [{_type: 'span', _key: 's', text: 't', marks: ['em', 'dangling']}]}])
    expect((block!.children as Array<{marks: string[]}>)[0]!.marks).toEqual(['em', 'dangling'])
  })

  it('copes with any JSON: only objects with a string _key are keyed, only string marks remapped', () => {
    const odd = {
      _type: 'block',
      _key: 'p',
      markDefs: [null, 'text', ['array'], {_type: 'link'}, {_type: 'link', _key: 'm', href: 'https://a.example'}],
      children: [null, 'text', 7, {_type: 'span', _key: 's', text: 'x', marks: ['m', 5, 'em']}, {_type: 'span', text: 'no key', marks: ['m']}, {_type: 'span', _key: 't', text: 'no marks'}],
      count: 3,
      nothing: null,
    }
    const [block] = stableKeys([structuredClone(odd)]) as Array<Record<string, unknown>>
    const identity = {
      _type: 'block',
      children: [null, 'text', 7, {_type: 'span', marks: ['@4', 5, 'em'], text: 'x'}, {_type: 'span', marks: ['@4'], text: 'no key'}, {_type: 'span', text: 'no marks'}],
      count: 3,
      markDefs: [null, 'text', ['array'], {_type: 'link'}, {_type: 'link', href: 'https://a.example'}],
      nothing: null,
    }
    const key = sha1(JSON.stringify(identity)).slice(0, 12)
    const def = nested(`${key}/markDefs`, 4)
    expect(block).toEqual({
      ...odd,
      _key: key,
      markDefs: [null, 'text', ['array'], {_type: 'link'}, {_type: 'link', _key: def, href: 'https://a.example'}],
      children: [
        null,
        'text',
        7,
        {_type: 'span', _key: nested(`${key}/children`, 3), text: 'x', marks: [def, 5, 'em']},
        {_type: 'span', text: 'no key', marks: [def]},
        {_type: 'span', _key: nested(`${key}/children`, 5), text: 'no marks'},
      ],
    })
  })
})
