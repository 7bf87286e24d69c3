/**
 * The store (lake/store.ts) used directly, without HTTP: what a commit refuses and with which
 * answer, what a committed transaction reports (results, effects, subscribers, dry runs), and
 * the datasets a data folder holds. Expectations are the Content Lake's documented answers and
 * what the test itself committed. Written against the mutants `npm run mutation -- lake/store.ts`
 * found alive.
 */
import fs from 'node:fs'
import path from 'node:path'
import {afterEach, describe, expect, it, vi} from 'vitest'
import {DatasetLifecycleError, isDatasetName, LakeStore, MutationError, newRevision, type OpenReport, type Transaction} from '../../lake/store.ts'
import {scratchDirs} from '../lake/setup.ts'

const newDir = scratchDirs()
afterEach(() => vi.restoreAllMocks())

function dataset(name = 'production') {
  return new LakeStore(newDir('store-kill-')).dataset(name)
}

/** The error a commit is refused with (fails when it is accepted). */
async function refusal(commit: Promise<unknown>): Promise<MutationError> {
  const error = await commit.then(() => undefined, (caught: unknown) => caught)
  if (!(error instanceof MutationError)) throw new Error(`expected a MutationError, got ${String(error)}`)
  return error
}

describe('what a commit refuses', () => {
  it.each([
    ['not an object', ['x'], 'A mutation must be an object'],
    ['an array', [[{create: {_type: 't'}}]], 'A mutation must be an object'],
    ['two operations', [{create: {_id: 'a', _type: 't'}, delete: {id: 'a'}}], 'A mutation must have exactly one operation'],
    ['no operation', [{}], 'A mutation must have exactly one operation'],
    ['a body that is not an object', [{create: 'a'}], 'The create mutation needs an object'],
    ['a body that is an array', [{patch: []}], 'The patch mutation needs an object'],
    ['no _type', [{create: {_id: 'a'}}], 'Document "a" has no _type'],
    ['an empty _type', [{createOrReplace: {_id: 'a', _type: ''}}], 'Document "a" has no _type'],
    ['no _id to replace', [{createOrReplace: {_type: 't'}}], 'createOrReplace needs an _id'],
    ['an empty _id to keep', [{createIfNotExists: {_id: '', _type: 't'}}], 'createIfNotExists needs an _id'],
    ['a null _id to replace', [{createOrReplace: {_id: null, _type: 't'}}], 'createOrReplace needs an _id'],
    ['an _id that is not a string', [{create: {_id: 5, _type: 't'}}], '_id must be a string'],
    ['an unknown operation', [{upsert: {_id: 'a'}}], 'Unknown mutation "upsert"'],
    ['a delete without id or query', [{delete: {}}], 'The mutation needs an "id" or a "query"'],
  ])('%s: 400 invalidMutationError', async (_what, mutations, description) => {
    const error = await refusal(dataset().commit(mutations))
    expect(error.status).toBe(400)
    expect(error.message).toBe(description)
    expect(error.body.error).toMatchObject({description, type: 'mutationError', items: [{index: 0, error: {description, type: 'invalidMutationError'}}]})
  })

  it.each([
    ['bad id!', 'only the characters a-z, A-Z, 0-9, ".", "_" and "-" are allowed'],
    ['-leading-dash', 'it or one of its path segments starts with "-"'],
    ['drafts.-dash', 'it or one of its path segments starts with "-"'],
    ['.dot', 'it has an empty path segment (a leading, trailing or doubled ".")'],
    ['a..b', 'it has an empty path segment (a leading, trailing or doubled ".")'],
    [`a${'b'.repeat(128)}`, 'it is 129 characters long; at most 128 are allowed'],
    ['a.versions.b', '"versions" may only be its first path segment'],
    ['versions.b', 'a "versions." id needs a release and a document id (versions.<release>.<id>)'],
    ['drafts.bad id', 'only the characters a-z, A-Z, 0-9, ".", "_" and "-" are allowed'],
  ])('an invalid id %j: 400 invalidDocumentIdError, with the rule it breaks', async (id, problem) => {
    const error = await refusal(dataset().commit([{create: {_id: id, _type: 't'}}]))
    expect(error.status).toBe(400)
    expect(error.body.error.items).toEqual([{index: 0, error: {id, description: `Document ID "${id}" is not valid: ${problem}`, type: 'invalidDocumentIdError'}}])
  })

  it('accepts ids up to 128 characters, with dots, dashes and underscores after the first', async () => {
    const ids = [`a${'b'.repeat(127)}`, '_system', 'x.y-z_1']
    const store = dataset()
    await store.commit(ids.map((id) => ({create: {_id: id, _type: 't'}})))
    expect(store.all().map((doc) => doc._id)).toEqual(ids)
  })

  it('names the failing mutation by index and refuses the whole transaction', async () => {
    const store = dataset()
    await store.commit([{create: {_id: 'a', _type: 't'}}])
    const error = await refusal(store.commit([{create: {_id: 'b', _type: 't'}}, {create: {_id: 'c'}}]))
    expect(error.body.error.items).toEqual([{index: 1, error: {id: 'c', description: 'Document "c" has no _type', type: 'invalidMutationError'}}])
    expect(store.all().map((doc) => doc._id)).toEqual(['a'])
  })

  it('patches: 404 for a missing document, 409 for a stale revision, 400 for a changed _id', async () => {
    const store = dataset()
    const {results} = await store.commit([{create: {_id: 'a', _type: 't', n: 1}}])
    expect(results).toMatchObject([{id: 'a', operation: 'create'}])
    const missing = await refusal(store.commit([{patch: {id: 'nope', set: {n: 2}}}]))
    expect([missing.status, missing.body.error.items]).toEqual([404, [{index: 0, error: {id: 'nope', description: 'Document "nope" not found', type: 'documentNotFoundError'}}]])
    const rev = store.get('a')?._rev
    const stale = await refusal(store.commit([{patch: {id: 'a', ifRevisionID: 'old', set: {n: 2}}}]))
    expect([stale.status, stale.body.error.items]).toEqual([409, [{index: 0, error: {id: 'a', description: `Document "a" has unexpected revision ID ("${rev}"), expected "old"`, type: 'conflictError'}}]])
    const moved = await refusal(store.commit([{patch: {id: 'a', set: {_id: 'b'}}}]))
    expect([moved.status, moved.message]).toEqual([400, 'A patch cannot change the _id of "a"'])
    await store.commit([{patch: {id: 'a', ifRevisionID: rev, set: {n: 2}}}])
    expect(store.get('a')).toMatchObject({n: 2})
  })

  it('says how many problems a transaction had when there are several', async () => {
    const store = dataset()
    const error = await refusal(store.commit([
      {create: {_id: 'a', _type: 't', to: {_type: 'reference', _ref: 'x'}}},
      {create: {_id: 'b', _type: 't', to: {_type: 'reference', _ref: 'y'}}},
    ]))
    expect([error.status, error.message]).toEqual([409, 'Mutation(s) failed with 2 error(s)'])
    expect((error.body.error.items as Array<{error: {id: string}}>).map((item) => item.error.id)).toEqual(['a', 'b'])
  })
})

describe('ids the lake makes', () => {
  it('makes a UUID for a create without _id, and the rest of an id ending in a dot', async () => {
    const store = dataset()
    const {results} = await store.commit([{create: {_type: 't'}}, {create: {_id: 'drafts.', _type: 't'}}])
    expect(results[0]?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    expect(results[1]?.id).toMatch(/^drafts\.[0-9a-f]{8}-[0-9a-f-]{27}$/)
    expect(store.all().map((doc) => doc._id)).toEqual(results.map((result) => result.id))
  })

  it('makes revisions of 22 letters and digits', () => {
    const revisions = Array.from({length: 50}, () => newRevision())
    for (const revision of revisions) expect(revision).toMatch(/^[A-Za-z0-9]{22}$/)
    expect(new Set(revisions).size).toBe(50)
  })
})

describe('a committed transaction', () => {
  it('reports results, documents and effects: before, after and the mutations that touched each', async () => {
    const store = dataset()
    await store.commit([{create: {_id: 'a', _type: 't', n: 1}}, {create: {_id: 'gone', _type: 't'}}])
    const before = store.get('a')
    const mutations = [
      {patch: {id: 'a', set: {n: 2}}},
      {patch: {id: 'a', inc: {n: 1}}},
      {createIfNotExists: {_id: 'a', _type: 't'}},
      {createIfNotExists: {_id: 'b', _type: 't'}},
      {delete: {id: 'gone'}},
      {delete: {id: 'never-there'}},
    ]
    const transaction = await store.commit(mutations, {transactionId: 'tx-1'})
    expect(transaction.transactionId).toBe('tx-1')
    expect(transaction.results.map(({id, operation}) => [id, operation])).toEqual([
      ['a', 'update'], ['a', 'update'], ['a', 'none'], ['b', 'create'], ['gone', 'delete'],
    ])
    expect(transaction.results[0]?.document).toMatchObject({_id: 'a', n: 3, _rev: 'tx-1'})
    const effects = new Map(transaction.effects.map((effect) => [effect.id, effect]))
    expect([...effects.keys()]).toEqual(['a', 'b', 'gone'])
    expect(effects.get('a')).toEqual({id: 'a', before, after: store.get('a'), mutations: [{patch: {id: 'a', set: {n: 2}}}, {patch: {id: 'a', inc: {n: 1}}}]})
    expect(effects.get('b')).toMatchObject({before: null, after: {_id: 'b'}, mutations: [{createIfNotExists: {_id: 'b', _type: 't'}}]})
    expect(effects.get('gone')).toMatchObject({before: {_id: 'gone'}, after: null, mutations: [{delete: {id: 'gone'}}]})
  })

  it('keeps a given _createdAt on create, and the old one on replace', async () => {
    const store = dataset()
    await store.commit([{create: {_id: 'a', _type: 't', _createdAt: '2001-02-03T04:05:06.000Z'}}])
    expect(store.get('a')?._createdAt).toBe('2001-02-03T04:05:06.000Z')
    await store.commit([{createOrReplace: {_id: 'a', _type: 't', v: 2}}])
    expect(store.get('a')).toMatchObject({v: 2, _createdAt: '2001-02-03T04:05:06.000Z'})
  })

  it('tells subscribers once it is stored, bumps the version, and stops telling after unsubscribe', async () => {
    const store = dataset()
    const seen: Transaction[] = []
    const unsubscribe = store.subscribe((transaction) => seen.push(transaction))
    const version = store.version
    const first = await store.commit([{create: {_id: 'a', _type: 't'}}])
    expect(seen).toEqual([first])
    expect(store.version).toBe(version + 1)
    unsubscribe()
    await store.commit([{create: {_id: 'b', _type: 't'}}])
    expect(seen).toHaveLength(1)
    expect(store.version).toBe(version + 2)
    expect(store.size).toBe(2)
  })

  it('stores nothing on a dry run or a transaction that changes nothing, and journals only real changes', async () => {
    const store = dataset()
    const seen: Transaction[] = []
    store.subscribe((transaction) => seen.push(transaction))
    const dry = await store.commit([{create: {_id: 'a', _type: 't'}}], {dryRun: true})
    expect(dry.results).toMatchObject([{id: 'a', operation: 'create'}])
    expect(store.get('a')).toBeUndefined()
    await store.commit([{delete: {id: 'nothing'}}])
    expect([seen.length, store.version]).toEqual([0, 0])
  })

  it('gives array items without a _key one when asked, keeping given keys and plain values', async () => {
    const store = dataset()
    await store.commit([{create: {_id: 'a', _type: 't', list: [{v: 1}, {_key: 'kept', v: 2}, 'plain', {inner: [{v: 3}]}]}}], {autoGenerateArrayKeys: true})
    const list = store.get('a')?.list as Array<Record<string, unknown> | string>
    expect(list[0]).toEqual({_key: expect.stringMatching(/^[0-9a-f]{12}$/), v: 1})
    expect(list[1]).toEqual({_key: 'kept', v: 2})
    expect(list[2]).toBe('plain')
    expect((list[3] as {inner: Array<{_key: string}>}).inner[0]?._key).toMatch(/^[0-9a-f]{12}$/)
    await store.commit([{create: {_id: 'b', _type: 't', list: [{v: 1}]}}])
    expect(store.get('b')?.list).toEqual([{v: 1}])
  })
})

describe('mutations by query', () => {
  it('deletes and patches every document the query selects, with its params', async () => {
    const store = dataset()
    await store.commit(['a', 'b', 'c'].map((id, n) => ({create: {_id: id, _type: n < 2 ? 'old' : 'new', n}})))
    await store.commit([{patch: {query: '*[_type == $type]', params: {type: 'old'}, set: {seen: true}}}])
    expect(store.all().map((doc) => doc.seen ?? false)).toEqual([true, true, false])
    const {results} = await store.commit([{delete: {query: '*[_type == "old"]'}}])
    expect(results.map((result) => result.id)).toEqual(['a', 'b'])
    expect(store.all().map((doc) => doc._id)).toEqual(['c'])
    // A query that selects one document, or values that are not documents.
    await store.commit([{delete: {query: '*[_id == "c"][0]'}}])
    expect(store.size).toBe(0)
    await store.commit([{delete: {query: '[1, "x", {"no": "id"}]'}}])
  })

  it('answers a query that does not parse with 400 queryParseError', async () => {
    const error = await refusal(dataset().commit([{delete: {query: '*[_type == '}}]))
    expect(error.status).toBe(400)
    expect(error.body.error.items).toMatchObject([{index: 0, error: {type: 'queryParseError'}}])
  })
})

describe('a data folder', () => {
  it('knows its datasets by their files, sorted, ignoring other files and invalid names', () => {
    const dir = newDir('store-kill-')
    for (const file of ['b.ndjson', 'a.journal.ndjson', 'notes.txt', 'Bad.ndjson', 'c.ndjson.bak']) fs.writeFileSync(path.join(dir, file), '')
    const store = new LakeStore(dir)
    expect(store.names()).toEqual(['a', 'b'])
    expect([store.has('a'), store.has('b'), store.has('c'), store.has('Bad'), store.has('notes')]).toEqual([true, true, false, false, false])
    expect(() => store.dataset('z')).toThrow('Dataset "z" not found')
    store.create('z')
    expect(store.names()).toEqual(['a', 'b', 'z'])
    expect(store.has('z')).toBe(true)
    expect(new LakeStore(dir).openAll()).toEqual(['a', 'b', 'z'])
  })

  it.each([
    ['Upper', 'it may only contain lowercase letters, digits, "-" and "_"'],
    ['-dash', 'it must begin and end with a letter or a digit'],
    ['dash-', 'it must begin and end with a letter or a digit'],
    ['a'.repeat(65), 'it is longer than 64 characters'],
    ['dot.ted', 'it may only contain lowercase letters, digits, "-" and "_"'],
    ['', 'it is empty'],
  ])('refuses to create the dataset name %j (400, with the rule), and never opens it', (name, problem) => {
    expect(isDatasetName(name)).toBe(false)
    const store = new LakeStore(newDir('store-kill-'))
    const refused = (() => {
      try {
        store.create(name)
      } catch (error) {
        return error
      }
      return undefined
    })()
    expect(refused).toBeInstanceOf(DatasetLifecycleError)
    expect([(refused as DatasetLifecycleError).status, (refused as Error).message]).toEqual([400, `Dataset name "${name}" is not valid: ${problem}`])
    expect(() => store.dataset(name)).toThrow(`Dataset "${name}" not found`)
  })

  it('accepts names of lowercase letters, digits, _ and - up to 64 characters', () => {
    for (const name of ['production', 'a', '0-test_set', 'a'.repeat(64)]) expect(isDatasetName(name)).toBe(true)
  })

  it('reports what opening found, and compacts on open and on close', async () => {
    const dir = newDir('store-kill-')
    const reports: OpenReport[] = []
    const store = new LakeStore(dir, {onOpen: (report) => reports.push(report)})
    const data = store.dataset('production')
    await data.commit([{create: {_id: 'a', _type: 't'}}])
    store.close()
    expect(fs.readFileSync(path.join(dir, 'production.journal.ndjson'), 'utf8').trim().split('\n')).toHaveLength(1)
    expect(fs.readFileSync(path.join(dir, 'production.ndjson'), 'utf8')).toContain('"_id":"a"')
    expect(reports).toEqual([{dataset: 'production', snapshotPath: path.join(dir, 'production.ndjson'), documents: 0, replayed: 0, staleJournal: false, tornTail: false}])
    // Reopened: the same store object hands out the open dataset; a new one loads from disk.
    expect(store.dataset('production')).toBe(data)
    expect(new LakeStore(dir).dataset('production').all().map((doc) => doc._id)).toEqual(['a'])
  })

  it('refuses to open an imported snapshot it cannot compact, and opens its own journal with the error noted', async () => {
    const dir = newDir('store-kill-')
    fs.writeFileSync(path.join(dir, 'imported.ndjson'), '{"_id":"a","_type":"t"}\n')
    const own = new LakeStore(dir).create('own')
    await own.commit([{create: {_id: 'b', _type: 't'}}])
    own.close()
    const rename = fs.renameSync
    vi.spyOn(fs, 'renameSync').mockImplementation(() => {
      throw Object.assign(new Error('ENOSPC: no space left on device'), {code: 'ENOSPC'})
    })
    expect(() => new LakeStore(dir).dataset('imported')).toThrow(`${path.join(dir, 'imported.ndjson')}: cannot write the compacted dataset (ENOSPC: no space left on device); refusing to open it`)
    const reports: OpenReport[] = []
    const reopened = new LakeStore(dir, {onOpen: (report) => reports.push(report)}).dataset('own')
    expect(reopened.all().map((doc) => doc._id)).toEqual(['b'])
    expect(reports[0]).toMatchObject({replayed: 1, compactionError: 'ENOSPC: no space left on device'})
    vi.mocked(fs.renameSync).mockImplementation(rename)
  })

  it('deletes a dataset with its snapshot, journal, history and asset files, and only that one', async () => {
    const dir = newDir('store-kill-')
    const store = new LakeStore(dir, {initialDataset: false})
    await store.create('doomed').commit([{create: {_id: 'a', _type: 't'}}])
    await store.create('kept').commit([{create: {_id: 'b', _type: 't'}}])
    // What a dataset owns on disk besides its snapshot and journal.
    fs.writeFileSync(path.join(dir, 'doomed.history.ndjson'), '{}\n')
    fs.mkdirSync(path.join(dir, 'assets', 'doomed', 'images'), {recursive: true})
    fs.writeFileSync(path.join(dir, 'assets', 'doomed', 'images', 'x.png'), 'png')
    fs.mkdirSync(path.join(dir, 'assets', 'kept'), {recursive: true})
    fs.writeFileSync(path.join(dir, 'assets', 'kept', 'y.png'), 'png')
    store.delete('doomed')
    expect(store.has('doomed')).toBe(false)
    expect(store.names()).toEqual(['kept'])
    for (const file of ['doomed.ndjson', 'doomed.journal.ndjson', 'doomed.history.ndjson', 'assets/doomed']) expect([file, fs.existsSync(path.join(dir, file))]).toEqual([file, false])
    expect(fs.existsSync(path.join(dir, 'assets', 'kept', 'y.png'))).toBe(true)
    expect(store.dataset('kept').all().map((doc) => doc._id)).toEqual(['b'])
    expect(() => store.dataset('doomed')).toThrow('Dataset "doomed" not found')
    // A second delete, or a name that never existed: 404.
    for (const name of ['doomed', 'never']) {
      let refused: unknown
      try {
        store.delete(name)
      } catch (error) {
        refused = error
      }
      expect(refused).toBeInstanceOf(DatasetLifecycleError)
      expect([(refused as DatasetLifecycleError).status, (refused as Error).message]).toEqual([404, `Dataset "${name}" not found`])
    }
    // Created again, it starts empty.
    expect(store.create('doomed').all()).toEqual([])
    // Creating one that exists: 409.
    expect(() => store.create('kept')).toThrow('Dataset "kept" already exists')
  })

  it('tells onCloseError which dataset could not be compacted at close, and still closes the rest', async () => {
    const dir = newDir('store-kill-')
    const errors: string[][] = []
    const store = new LakeStore(dir, {initialDataset: false, onCloseError: (name, message) => errors.push([name, message])})
    await store.create('one').commit([{create: {_id: 'a', _type: 't'}}])
    await store.create('two').commit([{create: {_id: 'b', _type: 't'}}])
    vi.spyOn(fs, 'renameSync').mockImplementation(() => {
      throw new Error('EIO: i/o error')
    })
    store.close()
    expect(errors).toEqual([['one', 'EIO: i/o error'], ['two', 'EIO: i/o error']])
  })
})
