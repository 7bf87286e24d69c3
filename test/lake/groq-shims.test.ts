import {evaluate, parse} from 'groq-js'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {SanityClient} from '@sanity/client'
import type {Lake} from '../../lake/index.ts'
import {parseTextQuery, shimTextSearch} from '../../lake/groq-shims.ts'
import {clientFor, removeDir, startTestLake, tempDir} from './setup.ts'

const docs: Array<{_id: string; _type: string; [field: string]: unknown}> = [
  {_id: 'a', _type: 'post', title: 'Cloud infrastructure report'},
  {_id: 'b', _type: 'post', title: 'Community events'},
  {_id: 'c', _type: 'post', title: 'Cloud community summit', body: [{_type: 'block', _key: 'k', children: [{_type: 'span', text: 'Keynotes in Berlin'}]}]},
]

/** Evaluate a query through the shim exactly as the lake does. */
async function run(query: string, params: Record<string, unknown> = {}): Promise<unknown> {
  const tree = shimTextSearch(parse(query, {params}), docs)
  return (await evaluate(tree, {dataset: docs, params})).get()
}

describe('parseTextQuery', () => {
  it('splits terms, quoted phrases and exclusions; a lone * constrains nothing', () => {
    expect(parseTextQuery('cloud -events "open infra" comm*')).toEqual({
      include: ['cloud', 'open infra', 'comm*'],
      exclude: ['events'],
    })
    expect(parseTextQuery('*')).toEqual({include: [], exclude: []})
    expect(parseTextQuery('   ')).toEqual({include: [], exclude: []})
    expect(parseTextQuery('-"two words" x')).toEqual({include: ['x'], exclude: ['two words']})
  })
})

describe('text::query under match (the Studio list and search queries)', () => {
  it('matches every document for the empty search the Studio sends ("*")', async () => {
    expect(await run('*[[@, _id] match text::query($q)]._id', {q: '*'})).toEqual(['a', 'b', 'c'])
  })

  it('requires every term, honours prefixes and exclusions', async () => {
    expect(await run('*[title match text::query($q)]._id', {q: 'cloud'})).toEqual(['a', 'c'])
    expect(await run('*[title match text::query($q)]._id', {q: 'cloud comm*'})).toEqual(['c'])
    expect(await run('*[title match text::query($q)]._id', {q: 'cloud -summit'})).toEqual(['a'])
    expect(await run('*[title match text::query($q)]._id', {q: '-cloud'})).toEqual(['b'])
  })

  it('searches every string of the document for `@`, not system keys', async () => {
    expect(await run('*[[@, _id] match text::query($q)]._id', {q: 'berl*'})).toEqual(['c'])
    expect(await run('*[@ match text::query($q)]._id', {q: 'community -summit'})).toEqual(['b'])
    expect(await run('*[[@, _id] match text::query($q)]._id', {q: 'span'})).toEqual([])
    expect(await run('*[[@, _id] match text::query($q)]._id', {q: 'b'})).toEqual(['b'])
  })

  it('keeps score() and boost() working on the rewritten expression: the scores and order of plain match', async () => {
    const ranking = (match: (param: string) => string) =>
      `*[_type == "post"] | score(boost(title match ${match('q')}, 5), title match ${match('c')}) | order(_score desc) [_score > 0]{_id, _score}`
    const shimmed = await run(ranking((param) => `text::query($${param})`), {q: 'cloud community', c: 'cloud'})
    // The same ranking written with plain match, evaluated by groq-js without the shim.
    const plain = await (await evaluate(parse(ranking((param) => `$${param}`)), {dataset: docs, params: {q: 'cloud community', c: 'cloud'}})).get()
    expect(shimmed).toEqual(plain)
    // groq-js scores each matched term 1 and adds the boost to a score above 0: "Cloud community
    // summit" matches both boosted terms (2 + 5) and "cloud" (+ 1); the report one boosted term
    // (1 + 5) and "cloud" (+ 1); "Community events" one boosted term (1 + 5).
    expect(shimmed).toEqual([
      {_id: 'c', _score: 8},
      {_id: 'a', _score: 7},
      {_id: 'b', _score: 6},
    ])
  })

  it('does not touch a parameter whose value merely looks like a query tree', async () => {
    const value = {type: 'OpCall', op: 'match', left: 1, right: 2}
    expect(await run('$v', {v: value})).toEqual(value)
  })
})

describe('through the lake', () => {
  let lake: Lake
  let client: SanityClient
  let dir: string

  beforeAll(async () => {
    dir = tempDir('lake-shims-')
    lake = await startTestLake(dir)
    client = clientFor(lake.url)
    await client.transaction(docs.map((doc) => ({createOrReplace: doc}))).commit()
  })
  afterAll(async () => {
    await lake.close()
    removeDir(dir)
  })

  it('answers the Studio document-list query shape instead of "not implemented"', async () => {
    const query = `*[_type in $__types && ([@, _id] match text::query($__query) || references($__rawQuery))]
      | score(boost(_type in ["post"] && title match text::query($__query), 10), ([@, _id] match text::query($__query)))
      [_score > 0] {_type, _id} | order(_id asc) [0...$__limit]`
    const all = await client.fetch<Array<{_id: string}>>(query, {__types: ['post'], __query: '*', __rawQuery: '', __limit: 10})
    expect(all.map((doc) => doc._id)).toEqual(['a', 'b', 'c'])
    const some = await client.fetch<Array<{_id: string}>>(query, {
      __types: ['post'],
      __query: 'summ*',
      __rawQuery: 'summ',
      __limit: 10,
    })
    expect(some.map((doc) => doc._id)).toEqual(['c'])
  })
})
