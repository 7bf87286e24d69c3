/**
 * The push plan (importer/sinks/dataset/plan.ts) beyond test/push/units.test.ts: every entry's
 * full shape (action, write, reason, document), the merge paths with and without --force, the
 * check a re-plan uses for "already written", and reading the dataset against a real lake.
 * Expectations follow the rules in plan.ts's header, worked out per case. Written against the
 * mutants `npm run mutation -- importer/sinks/dataset/plan.ts` found alive.
 */
import type {SanityDocumentLike} from 'sanity'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {blockHashes} from '../../importer/documents/block-hashes.ts'
import {contentHash} from '../../importer/documents/content-hash.ts'
import {classify, IDS_PER_QUERY, isAlreadyWritten, makePlan, mutationFor, readRemote, withContentHash, type RemoteState} from '../../importer/sinks/dataset/plan.ts'
import type {Lake} from '../../lake/index.ts'
import {clientFor, removeDir, startTestLake, tempDir} from '../lake/setup.ts'
import {REVISION_PLACEHOLDER} from '../../importer/sinks/dataset/revision.ts'

const block = (key: string, text: string) => ({_type: 'block', _key: key, style: 'normal', markDefs: [], children: [{_type: 'span', _key: `${key}s`, text, marks: []}]})
const original = {_id: 'section-a', _type: 'section', title: 'T', role: 'x', body: [block('a', 'one'), block('b', 'two')]}
/** The dataset's copy of what an earlier import wrote (with its hashes), at revision `rev`. */
/** A copy as a push wrote it: hashes, its revision, and that revision recorded in importInfo. */
const stored = (doc: Record<string, unknown>, rev = 'r1') => {
  const {document} = withContentHash(doc as SanityDocumentLike)
  return {...document, _rev: rev, importInfo: {...(document.importInfo as object), revision: rev}} as SanityDocumentLike
}
const state = (docs: SanityDocumentLike[], drafts: string[] = []): RemoteState => ({documents: new Map(docs.map((doc) => [doc._id, doc])), drafts: new Set(drafts)})
const next = (doc: Record<string, unknown>) => withContentHash(doc as SanityDocumentLike)

describe('withContentHash', () => {
  it("copies the document with its content hash and block hashes in importInfo, keeping importInfo's other fields", () => {
    const input = {...original, importInfo: {source: 'reports/a.md', contentHash: 'stale'}}
    const {document, hash} = withContentHash(input as SanityDocumentLike)
    const {importInfo: _info, ...content} = input
    expect(hash).toBe(contentHash(content))
    expect(document.importInfo).toEqual({_type: 'importInfo', source: 'reports/a.md', contentHash: hash, blockHashes: blockHashes(content)})
    expect(input.importInfo.contentHash).toBe('stale')
  })
})

describe('classify: every entry whole', () => {
  it('creates what the dataset lacks', () => {
    const {document, hash} = next(original)
    expect(classify(document, hash, state([]), false)).toEqual({id: 'section-a', action: 'create', write: true, document})
  })

  it('leaves an untouched, current copy alone', () => {
    const {document, hash} = next(original)
    const remote = stored(original)
    expect(classify(document, hash, state([remote]), false)).toEqual({id: 'section-a', action: 'unchanged', write: false, document, remote})
  })

  it('leaves an untouched copy alone whether or not it records its revision (nothing is written only to record one)', () => {
    const {document, hash} = next(original)
    const copy = stored(original)
    const {revision: _revision, ...info} = copy.importInfo as Record<string, unknown>
    for (const remote of [{...copy, importInfo: info}, {...copy, _rev: 'r2'}]) {
      expect(classify(document, hash, state([remote]), false)).toEqual({id: 'section-a', action: 'unchanged', write: false, document, remote})
    }
  })

  it('takes a verified summary as unchanged without the copy, and never a verified id as anything else', () => {
    const {document, hash} = next({...original, title: 'New'})
    const summary = {_id: 'section-a', _type: 'section', _rev: 'r9'}
    const remote: RemoteState = {documents: new Map(), drafts: new Set(), verified: new Map([['section-a', summary]])}
    expect(classify(document, hash, remote, false)).toEqual({id: 'section-a', action: 'unchanged', write: false, document, remote: summary})
  })

  it('records block hashes on an untouched copy imported without them', () => {
    const {document, hash} = next(original)
    const remote = {...stored(original), importInfo: {_type: 'importInfo', contentHash: hash}}
    expect(classify(document, hash, state([remote]), false)).toEqual({id: 'section-a', action: 'update', write: true, reason: 'records block hashes', document, remote})
  })

  it('updates a copy that already holds the new content (only importInfo lags)', () => {
    const {document, hash} = next({...original, title: 'New'})
    const remote = {...stored(original), title: 'New'}
    expect(classify(document, hash, state([remote]), false)).toEqual({id: 'section-a', action: 'update', write: true, document, remote})
  })

  it('updates an untouched copy whose source changed', () => {
    const {document, hash} = next({...original, title: 'New'})
    const remote = stored(original)
    expect(classify(document, hash, state([remote]), false)).toEqual({id: 'section-a', action: 'update', write: true, document, remote})
  })

  it.each([
    ['a copy made by hand', {...original, _rev: 'r'}, [], 'not made by the importer (no importInfo)'],
    ['a copy with an unpublished draft', {...stored(original), title: 'Edited'}, ['section-a'], 'an unpublished draft exists (drafts.section-a)'],
    ['a copy of another type', {...stored(original), _type: 'project'}, [], 'is a project in the dataset'],
  ])('reports %s as a conflict, and overwrites it with force', (_what, remote, drafts, reason) => {
    const {document, hash} = next({...original, title: 'New'})
    const remoteState = state([remote as SanityDocumentLike], drafts)
    expect(classify(document, hash, remoteState, false)).toEqual({id: 'section-a', action: 'conflict', write: false, reason, document, remote})
    expect(classify(document, hash, remoteState, true)).toEqual({id: 'section-a', action: 'overwrite', write: true, reason, document, remote})
  })

  it('reports a copy of another type even when its content is the new content', () => {
    const {document, hash} = next(original)
    const remote = {...stored(original), _type: 'project'}
    expect(classify(document, hash, state([remote]), false)).toMatchObject({action: 'conflict', reason: 'is a project in the dataset'})
  })

  it('reports an edited copy imported without block hashes, and overwrites it with force', () => {
    const {document, hash} = next({...original, title: 'New'})
    const earlier = stored(original)
    const remote = {...earlier, role: 'edited', importInfo: {_type: 'importInfo', contentHash: (earlier.importInfo as {contentHash: string}).contentHash}}
    const reason = 'edited in the dataset since the last import (imported without block hashes: cannot merge)'
    expect(classify(document, hash, state([remote]), false)).toEqual({id: 'section-a', action: 'conflict', write: false, reason, document, remote})
    expect(classify(document, hash, state([remote]), true)).toEqual({id: 'section-a', action: 'overwrite', write: true, reason, document, remote})
  })
})

describe('classify: merges', () => {
  const remote = {...stored(original), role: 'editor'}

  it("merges the source's change with the editor's, recording the source's block hashes", () => {
    const {document, hash} = next({...original, title: 'New'})
    const entry = classify(document, hash, state([remote]), false)
    expect(entry).toMatchObject({id: 'section-a', action: 'merge', write: true, remote})
    expect(entry.reason).toBeUndefined()
    expect(entry.document).toMatchObject({title: 'New', role: 'editor'})
    expect((entry.document.importInfo as {blockHashes: unknown}).blockHashes).toEqual(blockHashes(document))
  })

  it("keeps the editor's changes, writing nothing, when the source did not change", () => {
    const {document, hash} = next(original)
    const entry = classify(document, hash, state([remote]), false)
    expect(entry).toMatchObject({action: 'unchanged', write: false, reason: "the editor's changes are kept"})
    expect(entry.document).toMatchObject({role: 'editor'})
  })

  it('writes the merge when only importInfo differs from the copy (new block hashes to record)', () => {
    const {document, hash} = next({...original, body: [block('a', 'one'), block('b', 'two'), block('c', 'three')]})
    const editorAdded = {...stored(original), body: [block('a', 'one'), block('b', 'two'), block('c', 'three')]}
    // The editor typed exactly what the source now says: same content, but new hashes to record.
    expect(classify(document, hash, state([editorAdded]), false)).toMatchObject({action: 'update', write: true})
  })

  it('reports blocks changed on both sides by field and key, writing the rest only when it changes content', () => {
    const editor = {...stored(original), body: [block('a', 'one (editor)'), block('b', 'two')]}
    const {document, hash} = next({...original, body: [block('a', 'one (source)'), block('b', 'two')]})
    const entry = classify(document, hash, state([editor]), false)
    expect(entry).toMatchObject({action: 'conflict', write: false, reason: 'changed in the dataset and in the source: body[_key=="a"]'})
    const withTitle = next({...original, title: 'New', body: [block('a', 'one (source)'), block('b', 'two')]})
    const both = classify(withTitle.document, withTitle.hash, state([editor]), false)
    expect(both).toMatchObject({action: 'conflict', write: true, reason: 'changed in the dataset and in the source: body[_key=="a"]'})
    expect(both.document).toMatchObject({title: 'New'})
    expect(texts(both.document)).toEqual(['one (editor)', 'two'])
  })

  it('overwrites conflicting blocks with force, naming fields and keys', () => {
    const editor = {...stored(original), role: 'editor', body: [block('a', 'one (editor)'), block('b', 'two')]}
    const {document, hash} = next({...original, role: 'source', body: [block('a', 'one (source)'), block('b', 'two')]})
    const entry = classify(document, hash, state([editor]), true)
    expect(entry).toMatchObject({action: 'overwrite', write: true, document, reason: 'changed in the dataset and in the source: role, body[_key=="a"]'})
    expect(entry.conflicts?.map(({field, key}) => [field, key])).toEqual([['role', undefined], ['body', 'a']])
  })

  it('plans every document in input order', () => {
    const a = next({...original, _id: 'a'})
    const b = next({...original, _id: 'b'})
    expect(makePlan([a, b], state([stored({...original, _id: 'b'})]), false).map(({id, action}) => [id, action])).toEqual([['a', 'create'], ['b', 'unchanged']])
  })
})

const texts = (document: SanityDocumentLike) => (document.body as Array<{children: Array<{text: string}>}>).map((b) => b.children[0]?.text)

describe('mutationFor', () => {
  it('creates when the plan says create, or when the copy has no revision to guard a patch with', () => {
    const {document, hash} = next({...original, title: 'New'})
    const unrevised = {...stored(original)}
    delete (unrevised as Record<string, unknown>)._rev
    const entry = classify(document, hash, state([unrevised]), false)
    expect(entry.action).toBe('update')
    expect(mutationFor(entry)).toEqual({create: {...document, importInfo: {...(document.importInfo as object), revision: REVISION_PLACEHOLDER}}})
  })

  it('patches every content field but the system ones, skips undefined values, and unsets only what the copy has extra', () => {
    const {document, hash} = next({...original, title: 'New', note: undefined, _createdAt: 'c', _updatedAt: 'u', _rev: 'x'})
    const entry = classify(document, hash, state([stored(original, 'rev-2')]), false)
    const {_id: _i, _type: _t, _rev: _r, _createdAt: _c, _updatedAt: _u, note: _n, ...content} = document as Record<string, unknown>
    const recording = (set: Record<string, unknown>) => ({...set, importInfo: {...(set.importInfo as object), revision: REVISION_PLACEHOLDER}})
    expect(mutationFor(entry)).toEqual({patch: {id: 'section-a', ifRevisionID: 'rev-2', set: recording(content)}})
    // The source dropped a field the untouched copy still has: unset.
    const {role: _role, ...withoutRole} = original
    const dropped = next(withoutRole)
    const {_id: _i2, _type: _t2, ...droppedContent} = dropped.document as Record<string, unknown>
    const entry2 = classify(dropped.document, dropped.hash, state([{...stored(original, 'rev-3'), title: 'T'}]), false)
    expect(mutationFor(entry2)).toEqual({patch: {id: 'section-a', ifRevisionID: 'rev-3', set: recording(droppedContent), unset: ['role']}})
  })
})

describe('isAlreadyWritten', () => {
  it('is true only for an untouched copy carrying exactly this hash', () => {
    const {document, hash} = next(original)
    const copy = {...document, _rev: 'r'}
    expect(isAlreadyWritten(copy, hash)).toBe(true)
    expect(isAlreadyWritten({...copy, title: 'edited'}, hash)).toBe(false)
    const other = next({...original, title: 'other'})
    expect(isAlreadyWritten({...other.document, _rev: 'r'}, hash)).toBe(false)
    expect(isAlreadyWritten({...copy, importInfo: {...((copy as Record<string, unknown>).importInfo as object), contentHash: 'x'}}, hash)).toBe(false)
  })
})

describe('readRemote, against a lake', () => {
  let lake: Lake
  let dir: string
  beforeAll(async () => {
    dir = tempDir('plan-remote-')
    lake = await startTestLake(dir)
    const tx = clientFor(lake.url).transaction()
    for (let i = 0; i < 1_005; i++) tx.create({_id: `doc-${i}`, _type: 'item'})
    tx.create({_id: 'drafts.doc-3', _type: 'item'})
    tx.create({_id: 'drafts.elsewhere', _type: 'item'})
    await tx.commit()
  })
  afterAll(async () => {
    await lake.close()
    removeDir(dir)
  })

  it('finds the copies and drafts of the ids asked for (raw perspective, as the push reads), over several queries for many ids', async () => {
    const client = clientFor(lake.url)
    const queries: number[] = []
    const query = <T>(groq: string, params: Record<string, unknown>) => {
      queries.push((params.ids as string[]).length)
      return client.fetch<T>(groq, params, {perspective: 'raw'})
    }
    const ids = [...Array.from({length: 1_003}, (_, i) => `doc-${i}`), 'missing']
    const remote = await readRemote(query, ids)
    expect([...remote.documents.keys()].sort()).toEqual(ids.filter((id) => id !== 'missing').sort())
    expect(remote.documents.get('doc-7')).toMatchObject({_id: 'doc-7', _type: 'item', _rev: expect.any(String)})
    expect([...remote.drafts]).toEqual(['doc-3'])
    expect(queries).toEqual([...Array.from({length: Math.floor(ids.length / IDS_PER_QUERY)}, () => IDS_PER_QUERY), ids.length % IDS_PER_QUERY])
    expect((await readRemote(query, [])).documents.size).toBe(0)
  })
})
