import {describe, expect, it} from 'vitest'
import type {SanityClient} from '@sanity/client'
import type {Lake} from '../../lake/index.ts'
import {clientFor, useTestLake} from './setup.ts'

let lake: Lake
let client: SanityClient

useTestLake('lake-mutate-', (started) => ({lake, client} = started))

describe('documents through the real @sanity/client', () => {
  it('creates, then queries with params and reads by id', async () => {
    const created = await client.create({_id: 'post-1', _type: 'post', title: 'Hello', rank: 1})
    expect(created).toMatchObject({_id: 'post-1', _type: 'post', title: 'Hello'})
    expect(created._rev).toMatch(/^\w{10,}$/)
    expect(created._createdAt).toBe(created._updatedAt)
    await client.create({_id: 'post-2', _type: 'post', title: 'World', rank: 2})
    const titles = await client.fetch<string[]>('*[_type == $type && rank >= $min] | order(rank asc).title', {
      type: 'post',
      min: 2,
    })
    expect(titles).toEqual(['World'])
    expect(await client.getDocument('post-1')).toMatchObject({title: 'Hello'})
    expect(await client.getDocument('nope')).toBeUndefined()
    const docs = await client.getDocuments(['post-2', 'missing', 'post-1'])
    expect(docs.map((doc) => doc?._id ?? null)).toEqual(['post-2', null, 'post-1'])
  })

  it('reports omitted ids on the doc endpoint', async () => {
    const response = await client.request<{documents: unknown[]; omitted: unknown[]}>({
      url: '/data/doc/production/post-1,ghost',
    })
    expect(response.documents).toHaveLength(1)
    expect(response.omitted).toEqual([{id: 'ghost', reason: 'existence'}])
  })

  it('applies every patch operation through the mutator', async () => {
    await client.createOrReplace({
      _id: 'patchme',
      _type: 'thing',
      title: 'The quick brown fox',
      count: 10,
      gone: true,
      tags: [{_key: 'a', v: 'a'}, {_key: 'c', v: 'c'}],
    })
    const patched = await client
      .patch('patchme')
      .set({subtitle: 'new'})
      .setIfMissing({count: 99, extra: 'x'})
      .unset(['gone'])
      .inc({count: 5})
      .dec({count: 2})
      .insert('after', 'tags[_key=="a"]', [{_key: 'b', v: 'b'}])
      .diffMatchPatch({title: '@@ -1,9 +1,10 @@\n The \n-quick\n+slow!\n  bro\n'})
      .commit()
    expect(patched).toMatchObject({subtitle: 'new', count: 13, extra: 'x', title: 'The slow! brown fox'})
    expect(patched).not.toHaveProperty('gone')
    expect((patched.tags as Array<{v: string}>).map((tag) => tag.v)).toEqual(['a', 'b', 'c'])
    const replaced = await client.patch('patchme').insert('replace', 'tags[0]', [{_key: 'z', v: 'z'}]).commit()
    expect((replaced.tags as Array<{v: string}>).map((tag) => tag.v)).toEqual(['z', 'b', 'c'])
  })

  it('rolls back a whole transaction when one mutation fails', async () => {
    const before = await client.getDocument('post-1')
    const attempt = client
      .transaction()
      .create({_id: 'tx-new', _type: 'post', title: 'never'})
      .patch('post-1', (patch) => patch.set({title: 'changed'}))
      .create({_id: 'post-2', _type: 'post', title: 'duplicate'})
      .commit()
    await expect(attempt).rejects.toMatchObject({statusCode: 409})
    expect(await client.getDocument('tx-new')).toBeUndefined()
    expect(await client.getDocument('post-1')).toEqual(before)
  })

  it('commits a transaction atomically with one revision', async () => {
    const result = await client
      .transaction()
      .createIfNotExists({_id: 'tx-a', _type: 'post', title: 'a'})
      .createIfNotExists({_id: 'post-1', _type: 'post', title: 'ignored'})
      .createOrReplace({_id: 'tx-b', _type: 'post', title: 'b'})
      .commit()
    expect(result.results).toEqual([
      {id: 'tx-a', operation: 'create'},
      {id: 'post-1', operation: 'none'},
      {id: 'tx-b', operation: 'create'},
    ])
    const [a, b] = await client.getDocuments(['tx-a', 'tx-b'])
    expect(a?._rev).toBe(result.transactionId)
    expect(b?._rev).toBe(result.transactionId)
  })

  it('rejects a patch whose ifRevisionID does not match', async () => {
    const doc = await client.getDocument('post-1')
    const ok = await client.patch('post-1').ifRevisionId(doc!._rev).set({title: 'v2'}).commit()
    expect(ok.title).toBe('v2')
    await expect(client.patch('post-1').ifRevisionId(doc!._rev).set({title: 'v3'}).commit()).rejects.toMatchObject({
      statusCode: 409,
    })
    expect((await client.getDocument('post-1'))?.title).toBe('v2')
  })

  it('answers a patch on a missing document with a not-found error', async () => {
    await expect(client.patch('ghost').set({a: 1}).commit()).rejects.toMatchObject({statusCode: 404})
  })

  it('deletes by query and by id', async () => {
    await client
      .transaction()
      .create({_id: 'tmp-1', _type: 'temp'})
      .create({_id: 'tmp-2', _type: 'temp'})
      .create({_id: 'tmp-3', _type: 'temp', keep: true})
      .commit()
    const result = await client.delete({query: '*[_type == "temp" && keep != true]'})
    expect(result.results.map((r) => r.id).sort()).toEqual(['tmp-1', 'tmp-2'])
    expect(await client.fetch('*[_type == "temp"]._id')).toEqual(['tmp-3'])
    await client.delete('tmp-3')
    expect(await client.fetch('count(*[_type == "temp"])')).toBe(0)
  })

  it('patches by query', async () => {
    await client.mutate([{patch: {query: '*[_type == "post"]', set: {flagged: true}}}])
    expect(await client.fetch('count(*[_type == "post" && flagged])')).toBe(await client.fetch('count(*[_type == "post"])'))
  })

  it('returns documents or ids as the client asks', async () => {
    const docs = await client.mutate([{create: {_id: 'ret-1', _type: 'r', n: 1}}], {returnDocuments: true})
    expect(docs).toEqual([expect.objectContaining({_id: 'ret-1', n: 1})])
    const ids = await client.mutate([{create: {_id: 'ret-2', _type: 'r', n: 2}}], {returnDocuments: false})
    expect(ids).toMatchObject({documentIds: ['ret-2'], results: [{id: 'ret-2', operation: 'create'}]})
  })

  it('does nothing on dryRun', async () => {
    await client.mutate([{create: {_id: 'dry', _type: 'r'}}], {dryRun: true})
    expect(await client.getDocument('dry')).toBeUndefined()
  })

  it('enforces strong references and accepts weak ones', async () => {
    await expect(
      client.create({_id: 'refs-bad', _type: 'r', to: {_type: 'reference', _ref: 'does-not-exist'}}),
    ).rejects.toMatchObject({statusCode: 409})
    await client.create({_id: 'refs-weak', _type: 'r', to: {_type: 'reference', _ref: 'later', _weak: true}})
    await client.create({_id: 'refs-ok', _type: 'r', to: {_type: 'reference', _ref: 'ret-1'}})
    await expect(client.delete('ret-1')).rejects.toMatchObject({statusCode: 409})
    expect(await client.getDocument('ret-1')).toBeDefined()
  })

  it('keeps _createdAt and moves _updatedAt when a document is replaced', async () => {
    const first = await client.createOrReplace({_id: 'times', _type: 'r', v: 1})
    // Wait for the clock to pass the first write (a condition, not a fixed time): the replace
    // then happens strictly later, and its _updatedAt must say so.
    while (Date.now() <= Date.parse(first._updatedAt)) await new Promise((resolve) => setTimeout(resolve, 1))
    const sent = Date.now()
    const second = await client.createOrReplace({_id: 'times', _type: 'r', v: 2})
    expect(second._createdAt).toBe(first._createdAt)
    expect(second._rev).not.toBe(first._rev)
    expect(Date.parse(second._updatedAt)).toBeGreaterThanOrEqual(sent)
    expect(Date.parse(second._updatedAt)).toBeGreaterThan(Date.parse(first._updatedAt))
    const stored = await client.getDocument('times')
    expect(stored).toMatchObject({v: 2, _createdAt: first._createdAt, _updatedAt: second._updatedAt, _rev: second._rev})
  })

  it('hides drafts in the published perspective and overlays them in drafts', async () => {
    await client.createOrReplace({_id: 'persp', _type: 'p', title: 'published'})
    await client.createOrReplace({_id: 'drafts.persp', _type: 'p', title: 'draft'})
    expect(await client.fetch('*[_type == "p"].title', {}, {perspective: 'raw'})).toHaveLength(2)
    expect(await client.fetch('*[_type == "p"].title', {}, {perspective: 'published'})).toEqual(['published'])
    expect(await client.fetch('*[_type == "p"]{_id, title}', {}, {perspective: 'drafts'})).toEqual([
      {_id: 'persp', title: 'draft'},
    ])
  })

  it('answers invalid GROQ with a 400 queryParseError', async () => {
    const error = await client.fetch('*[_type == ').catch((caught: unknown) => caught)
    expect(error).toMatchObject({statusCode: 400})
    expect((error as {response: {body: {error: {type: string}}}}).response.body.error.type).toBe('queryParseError')
  })

  it('uses POST for long queries', async () => {
    const long = `*[_type == "post" && !(_id in ${JSON.stringify(Array.from({length: 2000}, (_, i) => `x-${i}`))})]._id`
    const ids = await client.fetch<string[]>(long)
    expect(ids).toContain('post-1')
    expect(lake.requestLog.some((entry) => entry.kind === 'query' && entry.method === 'POST')).toBe(true)
  })
})

describe('auth and limits', () => {
  it('refuses writes without a token and anything with a wrong token', async () => {
    const anonymous = clientFor(lake.url, null)
    await expect(anonymous.create({_id: 'anon', _type: 'r'})).rejects.toMatchObject({statusCode: 401})
    expect(await anonymous.fetch('count(*[_id == "post-1"])')).toBe(1)
    const wrong = clientFor(lake.url, 'wrong-token')
    await expect(wrong.fetch('*')).rejects.toMatchObject({statusCode: 401})
    await expect(wrong.create({_id: 'w', _type: 'r'})).rejects.toMatchObject({statusCode: 401})
    expect(await client.getDocument('anon')).toBeUndefined()
  })

  it('answers 413 for a mutation body over 4 MB', async () => {
    const big = 'x'.repeat(4 * 1024 * 1024)
    await expect(client.create({_id: 'big', _type: 'r', big})).rejects.toMatchObject({statusCode: 413})
    expect(await client.getDocument('big')).toBeUndefined()
  })

  it('answers CORS preflights from the Studio dev server and reflects its origin', async () => {
    const response = await fetch(`${lake.url}/v2025-02-19/data/mutate/production`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:3334',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:3334')
    expect(response.headers.get('access-control-allow-credentials')).toBe('true')
    expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization/i)
  })

  it('serves the Studio endpoints and 404 JSON for others', async () => {
    expect(await client.request({url: '/users/me'})).toMatchObject({id: expect.any(String)})
    expect(await client.request({url: '/projects/offline/datasets'})).toContainEqual({name: 'production', aclMode: 'public'})
    await expect(client.request({url: '/nothing/here'})).rejects.toMatchObject({statusCode: 404})
  })

  it('logs each request with its kind and status', () => {
    const kinds = new Set(lake.requestLog.map((entry) => entry.kind))
    expect(kinds).toEqual(new Set(['query', 'doc', 'mutate', 'other']))
    expect(lake.requestLog.every((entry) => !entry.path.includes('?'))).toBe(true)
    expect(lake.requestLog.some((entry) => entry.status === 413)).toBe(true)
  })
})
