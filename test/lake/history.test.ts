/**
 * Document history as the Studio's History panel reads it (events, transactions with mendoza
 * effects, documents at a revision), kept across a restart; and publishing semantics
 * (`_strengthenOnPublish`, deleting a referenced document refused).
 */
import fs from 'node:fs'
import path from 'node:path'
import {applyPatch} from 'mendoza'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {SanityClient} from '@sanity/client'
import type {Lake} from '../../lake/index.ts'
import {clientFor, removeDir, startTestLake, tempDir, TOKEN} from './setup.ts'

let dir: string
let lake: Lake
let client: SanityClient

const edit = (id: string, set: Record<string, unknown>) =>
  client.action({actionType: 'sanity.action.document.edit', draftId: `drafts.${id}`, publishedId: id, patch: {set}})
const publish = (id: string) => client.action({actionType: 'sanity.action.document.publish', draftId: `drafts.${id}`, publishedId: id})
// The History API needs a token, as Sanity's does.
const history = async (pathAndQuery: string): Promise<Response> =>
  fetch(`${lake.url}/v2025-02-19/data/history/production/${pathAndQuery}`, {headers: {Authorization: `Bearer ${TOKEN}`}})
const json = async <T>(pathAndQuery: string): Promise<T> => (await history(pathAndQuery)).json() as Promise<T>
const ndjson = async (pathAndQuery: string): Promise<Array<Record<string, any>>> =>
  (await (await history(pathAndQuery)).text()).split('\n').filter(Boolean).map((line) => JSON.parse(line))

interface Events {
  events: Record<string, Array<Record<string, string>>>
  nextCursor: string
}

beforeAll(async () => {
  dir = tempDir('lake-history-')
  // An imported snapshot: history has never seen these documents change.
  fs.writeFileSync(
    path.join(dir, 'production.ndjson'),
    [
      {_id: 'section-a', _type: 'section', title: 'Original', level: 1},
      {_id: 'report', _type: 'report', title: 'Report', sections: [{_key: 'k1', _type: 'reference', _ref: 'section-a'}]},
      {_id: 'author-new', _type: 'author', name: 'New author'},
    ]
      .map((doc) => JSON.stringify(doc))
      .join('\n'),
  )
  lake = await startTestLake(dir)
  client = clientFor(lake.url)
})

afterAll(async () => {
  await lake?.close()
  removeDir(dir)
})

describe('history of a document edited in the Studio', () => {
  let original: Record<string, unknown>
  const txs: string[] = []

  beforeAll(async () => {
    original = (await client.getDocument('section-a'))!
    txs.push((await edit('section-a', {title: 'First edit'})).transactionId)
    txs.push((await edit('section-a', {title: 'Second edit'})).transactionId)
    txs.push((await publish('section-a')).transactionId)
  })

  it('lists the group events newest first: the publish, then the imported creation', async () => {
    for (const id of ['section-a', 'drafts.section-a']) {
      const {events, nextCursor} = await json<Events>(`events/documents/${id}?limit=100`)
      expect(nextCursor).toBe('')
      // The draft started from a published document is an edit (the Studio derives edits from transactions).
      expect(events[id]?.map((event) => event.type)).toEqual(['publishDocumentVersion', 'createDocumentVersion'])
      const [published, imported] = events[id] ?? []
      expect(published).toMatchObject({documentId: 'section-a', versionId: 'drafts.section-a', revisionId: txs[2], versionRevisionId: txs[1]})
      expect(imported).toMatchObject({versionId: 'section-a', revisionId: original._rev})
    }
  })

  it('lists the first draft of a new document as its creation', async () => {
    const {transactionId} = await client.action({
      actionType: 'sanity.action.document.create',
      publishedId: 'fresh',
      attributes: {_id: 'drafts.fresh', _type: 'section', title: 'Fresh'},
      ifExists: 'fail',
    })
    const {events} = await json<Events>('events/documents/drafts.fresh')
    expect(events['drafts.fresh']).toEqual([expect.objectContaining({type: 'createDocumentVersion', versionId: 'drafts.fresh', versionRevisionId: transactionId})])
  })

  it('streams the transactions with mendoza effects that replay the edits', async () => {
    const lines = await ndjson('transactions/drafts.section-a?effectFormat=mendoza&excludeContent=true&includeIdentifiedDocumentsOnly=true')
    expect(lines.map((line) => line.id)).toEqual(txs)
    let draft: unknown = null
    for (const line of lines) draft = applyPatch(draft, line.effects['drafts.section-a'].apply)
    expect(draft).toBeNull() // created, edited, then deleted by the publish
    const [created, edited] = lines
    const afterCreate = applyPatch(null, created?.effects['drafts.section-a'].apply)
    expect(applyPatch(afterCreate, edited?.effects['drafts.section-a'].apply)).toMatchObject({title: 'Second edit'})
    expect(applyPatch(applyPatch(afterCreate, edited?.effects['drafts.section-a'].apply), edited?.effects['drafts.section-a'].revert)).toEqual(afterCreate)
    // Ranges include both ends; reverse and limit as the legacy timeline asks.
    expect((await ndjson(`transactions/drafts.section-a?fromTransaction=${txs[1]}&toTransaction=${txs[2]}`)).map((l) => l.id)).toEqual(txs.slice(1))
    expect((await ndjson('transactions/section-a,drafts.section-a?reverse=true&limit=2')).map((l) => l.id)).toEqual([txs[2], txs[1]])
    // From the imported revision: every transaction after it.
    expect((await ndjson(`transactions/section-a?fromTransaction=${String(original._rev)}`)).map((l) => l.id)).toEqual([txs[2]])
  })

  it('returns documents at a revision, at a time and at their last revision', async () => {
    const at = async (query: string) => (await json<{documents: Array<Record<string, unknown>>}>(`documents/section-a,drafts.section-a?${query}`)).documents
    expect(await at(`revision=${String(original._rev)}`)).toEqual([expect.objectContaining({_id: 'section-a', title: 'Original'})])
    expect(await at(`revision=${txs[0]}`)).toEqual([
      expect.objectContaining({_id: 'section-a', title: 'Original'}),
      expect.objectContaining({_id: 'drafts.section-a', title: 'First edit', _rev: txs[0]}),
    ])
    expect(await at(`revision=${txs[2]}`)).toEqual([expect.objectContaining({_id: 'section-a', title: 'Second edit', _rev: txs[2]})])
    expect(await at(`time=${new Date().toISOString()}`)).toEqual([expect.objectContaining({_id: 'section-a', title: 'Second edit'})])
    expect(await at('lastRevision=true')).toEqual([
      expect.objectContaining({_id: 'section-a', title: 'Second edit'}),
      expect.objectContaining({_id: 'drafts.section-a', title: 'Second edit'}),
    ])
    expect(await at('revision=unknown')).toEqual([])
    // The drafts view at the imported revision, when no draft existed: the published document.
    const {documents} = await json<{documents: Array<Record<string, unknown>>}>(`documents/drafts.section-a?revision=${String(original._rev)}`)
    expect(documents).toEqual([expect.objectContaining({_id: 'drafts.section-a', title: 'Original', _rev: original._rev})])
  })

  it('keeps history across a restart (the journal is compacted, the history file is not)', async () => {
    await lake.close()
    lake = await startTestLake(dir)
    client = clientFor(lake.url)
    const {events} = await json<Events>('events/documents/section-a')
    expect(events['section-a']?.[0]).toMatchObject({type: 'publishDocumentVersion', revisionId: txs[2]})
    expect((await ndjson('transactions/drafts.section-a')).map((line) => line.id)).toEqual(txs.slice(0, 3))
  })

  it('restores an earlier revision the way the Studio does (replace the draft with it)', async () => {
    const [old] = (await json<{documents: Array<Record<string, unknown>>}>(`documents/section-a?revision=${String(original._rev)}`)).documents
    const {_updatedAt: _u, _rev: _r, ...content} = old ?? {}
    await client.action({actionType: 'sanity.action.document.replaceDraft', publishedId: 'section-a', attributes: {...content, _type: 'section', _id: 'drafts.section-a'}})
    await publish('section-a')
    expect(await client.getDocument('section-a')).toMatchObject({title: 'Original', level: 1})
    const {events} = await json<Events>('events/documents/drafts.section-a')
    expect(events['drafts.section-a']?.filter((event) => event.type === 'publishDocumentVersion')).toHaveLength(2)
  })
})

describe('effects as the Studio replays them', () => {
  it('apply to the document without _rev, field removals included', async () => {
    const first = (await edit('section-a', {note: 'a'})).transactionId
    const second = (await client.action({actionType: 'sanity.action.document.edit', draftId: 'drafts.section-a', publishedId: 'section-a', patch: {unset: ['level', 'note']}})).transactionId
    const at = async (rev: string) => (await json<{documents: Array<Record<string, unknown>>}>(`documents/drafts.section-a?revision=${rev}`)).documents[0] ?? {}
    const omitRev = ({_rev: _r, ...rest}: Record<string, unknown>) => rest
    const [line] = await ndjson(`transactions/drafts.section-a?fromTransaction=${second}&toTransaction=${second}`)
    const {apply, revert} = line?.effects['drafts.section-a'] ?? {}
    expect(applyPatch(omitRev(await at(first)), apply)).toEqual(omitRev(await at(second)))
    expect(applyPatch(omitRev(await at(second)), revert)).toEqual(omitRev(await at(first)))
    await client.action({actionType: 'sanity.action.document.discard', draftId: 'drafts.section-a'})
  })
})

describe('publishing semantics', () => {
  it('makes a _strengthenOnPublish reference strong on publish (weak stays weak when the field asks)', async () => {
    await edit('report', {
      sections: [{_key: 'k1', _type: 'reference', _ref: 'section-a'}],
      author: {_type: 'reference', _ref: 'author-new', _weak: true, _strengthenOnPublish: {type: 'author', template: {id: 'author'}}},
      related: {_type: 'reference', _ref: 'author-new', _weak: true, _strengthenOnPublish: {type: 'author', weak: true}},
    })
    expect((await client.getDocument('drafts.report'))?.author).toMatchObject({_weak: true})
    await publish('report')
    const report = await client.getDocument('report')
    expect(report?.author).toEqual({_type: 'reference', _ref: 'author-new'})
    expect(report?.related).toEqual({_type: 'reference', _ref: 'author-new', _weak: true})
  })

  it('refuses to delete a document a published document references, as Sanity does', async () => {
    const response = await fetch(`${lake.url}/v2025-02-19/data/actions/production`, {
      method: 'POST',
      headers: {Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json'},
      body: JSON.stringify({actions: [{actionType: 'sanity.action.document.delete', publishedId: 'author-new', includeDrafts: ['drafts.author-new']}]}),
    })
    expect(response.status).toBe(409)
    const body = (await response.json()) as {error: {description: string; items: Array<{error: {type: string}}>}}
    expect(body.error.description).toBe('Document "author-new" cannot be deleted as there are references to it from "report"')
    expect(body.error.items[0]?.error.type).toBe('documentHasExistingReferencesError')
    expect(await client.getDocument('author-new')).toBeDefined()
  })
})

describe('the Studio’s other requests', () => {
  it('answers them instead of 404', async () => {
    const get = async (p: string) => {
      const response = await fetch(`${lake.url}${p}`)
      return {status: response.status, body: await response.text()}
    }
    expect(await get('/v1/intake/telemetry-status')).toEqual({status: 200, body: '{"status":"denied"}'})
    expect(await get('/v2025-02-19/data/references/production/documents/report/to?excludeInternalReferences=true')).toEqual({
      status: 200,
      body: '{"totalCount":0,"references":[]}',
    })
    expect(await get('/vX/journey/scheduled-publishing')).toEqual({status: 200, body: 'null'})
    expect(await get('/v2022-09-01/schedules/offline/production?limit=1')).toEqual({status: 200, body: '{"schedules":[]}'})
    expect((await get('/v1/help?m=sanity@6.16.0')).status).toBe(200)
    expect((await fetch(`${lake.url}/vX/intake/batch`, {method: 'POST', body: '{}'})).status).toBe(204)
    expect((await get('/v1/no-such-endpoint')).status).toBe(404)
  })

  it('accepts the presence WebSocket and answers its JSON-RPC calls', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${lake.port}/v2022-06-30/socket/production?tag=sanity.studio`)
    const messages: unknown[] = []
    await new Promise<void>((resolve, reject) => {
      socket.onopen = () => {
        socket.send(JSON.stringify({jsonrpc: '2.0', method: 'authorization', params: {}, id: 'a'}))
        socket.send(JSON.stringify({jsonrpc: '2.0', method: 'presence_rollcall', params: {}, id: 'b'}))
        socket.send(JSON.stringify({jsonrpc: '2.0', method: 'unknown_method', params: {}, id: 'c'}))
      }
      socket.onmessage = (event) => {
        messages.push(JSON.parse(String(event.data)))
        if (messages.length === 3) resolve()
      }
      socket.onerror = () => reject(new Error('the socket failed'))
    })
    socket.close()
    expect(messages).toEqual([
      {jsonrpc: '2.0', id: 'a', result: true},
      {jsonrpc: '2.0', id: 'b', result: true},
      {jsonrpc: '2.0', id: 'c', error: expect.objectContaining({code: -32601})},
    ])
  })
})
