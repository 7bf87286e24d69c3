/**
 * The dataset files (lake/journal.ts) through DatasetFiles and writeAtomic: what a load finds
 * and stamps, which journal applies to which snapshot, and how failed writes are rolled back.
 * Failures are injected into `fs` (a full disk, a failed fsync); expectations are worked out from
 * the files the test wrote. Written against the mutants `npm run mutation -- lake/journal.ts`
 * found alive.
 */
import {createHash} from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import {afterEach, describe, expect, it, vi} from 'vitest'
import {DatasetFiles, sha256, writeAtomic, type JournalEntry} from '../../lake/journal.ts'
import {scratchDirs} from '../lake/setup.ts'

const newDir = scratchDirs()
afterEach(() => vi.restoreAllMocks())

const line = (doc: object): string => `${JSON.stringify(doc)}\n`
const header = (snapshot: string): string => line({journal: 1, snapshotSha256: createHash('sha256').update(snapshot).digest('hex')})
const entry = (id: string, document: object | null, n = 1): JournalEntry =>
  ({transactionId: `tx-${id}-${n}`, timestamp: '2024-01-01T00:00:00.000Z', changes: [{id, document: document as JournalEntry['changes'][0]['document']}]})

function files(snapshot?: string, journal?: string): DatasetFiles {
  const dir = newDir('journal-kill-')
  if (snapshot !== undefined) fs.writeFileSync(path.join(dir, 'production.ndjson'), snapshot)
  if (journal !== undefined) fs.writeFileSync(path.join(dir, 'production.journal.ndjson'), journal)
  return new DatasetFiles(dir, 'production')
}

describe('loading a snapshot the importer wrote', () => {
  it('stamps missing system fields: _rev from the line, both times from the file, keeps given ones', () => {
    const a = JSON.stringify({_id: 'a', _type: 't', n: 1})
    const b = JSON.stringify({_id: 'b', _type: 't', _rev: 'kept', _createdAt: '2020-01-01T00:00:00.000Z'})
    const dataset = files(`${a}\n\n  \n${b}\n`)
    const written = new Date('2023-05-06T07:08:09.000Z')
    fs.utimesSync(dataset.snapshotPath, written, written)
    const loaded = dataset.load()
    expect(loaded).toMatchObject({replayed: 0, staleJournal: false, tornTail: false, foreignSnapshot: true})
    expect([...loaded.documents.keys()]).toEqual(['a', 'b'])
    expect(loaded.documents.get('a')).toEqual({
      _id: 'a',
      _type: 't',
      n: 1,
      _rev: createHash('sha256').update(a).digest('base64url').slice(0, 22),
      _createdAt: written.toISOString(),
      _updatedAt: written.toISOString(),
    })
    expect(loaded.documents.get('b')).toMatchObject({_rev: 'kept', _createdAt: '2020-01-01T00:00:00.000Z', _updatedAt: '2020-01-01T00:00:00.000Z'})
  })

  it.each([
    ['not JSON', '{"_id": "a",'],
    ['no _type', '{"_id": "a"}'],
    ['an _id that is not a string', '{"_id": 1, "_type": "t"}'],
    ['not an object', '"text"'],
  ])('refuses a line that is %s, naming file and line', (_what, bad) => {
    const dataset = files(`${line({_id: 'ok', _type: 't'})}${bad}\n`)
    expect(() => dataset.load()).toThrow(`${dataset.snapshotPath}:2: not a document`)
  })

  it('starts empty without files, and passes on errors other than a missing file', () => {
    expect(files().load()).toMatchObject({replayed: 0, staleJournal: false, foreignSnapshot: false})
    expect(files().load().documents.size).toBe(0)
    const dataset = files(line({_id: 'a', _type: 't'}))
    const read = fs.readFileSync
    vi.spyOn(fs, 'readFileSync').mockImplementation(((file: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
      if (file === dataset.snapshotPath) throw Object.assign(new Error('EACCES: permission denied'), {code: 'EACCES'})
      return (read as (...args: unknown[]) => unknown)(file, ...rest)
    }) as typeof fs.readFileSync)
    expect(() => dataset.load()).toThrow(/EACCES/)
  })
})

describe('which journal applies', () => {
  const snapshot = line({_id: 'a', _type: 't', v: 0})

  it('replays a journal bound to this snapshot: sets, replaces and deletes, in order', () => {
    const journal = header(snapshot) + line(entry('b', {_id: 'b', _type: 't'})) + line(entry('a', {_id: 'a', _type: 't', v: 2}, 2)) + line(entry('b', null, 3))
    const loaded = files(snapshot, journal).load()
    expect(loaded).toMatchObject({replayed: 3, staleJournal: false, tornTail: false, foreignSnapshot: false})
    expect([...loaded.documents.values()]).toEqual([{_id: 'a', _type: 't', v: 2}])
  })

  it('binds a journal to no snapshot at all by the hash of the empty text', () => {
    const loaded = files(undefined, header('') + line(entry('n', {_id: 'n', _type: 't'}))).load()
    expect(loaded).toMatchObject({replayed: 1, staleJournal: false, foreignSnapshot: false})
    expect([...loaded.documents.keys()]).toEqual(['n'])
  })

  it.each([
    ['another snapshot', header('something else\n')],
    ['a header that is not JSON', '{journal\n'],
  ])('discards a journal bound to %s: stale, the snapshot as imported', (_what, first) => {
    const loaded = files(snapshot, first + line(entry('x', {_id: 'x', _type: 't'}))).load()
    expect(loaded).toMatchObject({replayed: 0, staleJournal: true, foreignSnapshot: true})
    expect([...loaded.documents.keys()]).toEqual(['a'])
  })

  it('cuts a torn last line off the file to exactly the complete lines', () => {
    const complete = header(snapshot) + line(entry('b', {_id: 'b', _type: 't'}))
    const dataset = files(snapshot, `${complete}{"transactionId":"torn","chan`)
    expect(dataset.load()).toMatchObject({tornTail: true, replayed: 1})
    expect(fs.readFileSync(dataset.journalPath, 'utf8')).toBe(complete)
  })

  it('refuses an empty line before the end (only the very end may be empty)', () => {
    const dataset = files(snapshot, `${header(snapshot)}\n${line(entry('b', {_id: 'b', _type: 't'}))}`)
    expect(() => dataset.load()).toThrow(`${dataset.journalPath}:2: not a journal entry`)
  })

  it('treats a last line without changes as torn, and one elsewhere as damage', () => {
    const first = header(snapshot)
    expect(files(snapshot, `${first}{"transactionId":"t"}`).load()).toMatchObject({tornTail: true, replayed: 0})
    const dataset = files(snapshot, `${first}{"transactionId":"t"}\n${line(entry('b', {_id: 'b', _type: 't'}))}`)
    expect(() => dataset.load()).toThrow(`${dataset.journalPath}:2: not a journal entry`)
  })
})

describe('appending', () => {
  it('appends after what is on disk, one line per entry, readable at the next load', () => {
    const snapshot = line({_id: 'a', _type: 't'})
    const dataset = files(snapshot, header(snapshot))
    dataset.append(entry('b', {_id: 'b', _type: 't'}))
    dataset.append(entry('c', {_id: 'c', _type: 't'}))
    dataset.closeJournal()
    const lines = fs.readFileSync(dataset.journalPath, 'utf8').split('\n')
    expect(lines.slice(1)).toEqual([JSON.stringify(entry('b', {_id: 'b', _type: 't'})), JSON.stringify(entry('c', {_id: 'c', _type: 't'})), ''])
    expect([...new DatasetFiles(path.dirname(dataset.snapshotPath), 'production').load().documents.keys()]).toEqual(['a', 'b', 'c'])
  })

  it('rolls back a write the disk refused, so the next append starts on a clean line', () => {
    const dataset = files(undefined, header(''))
    dataset.append(entry('a', {_id: 'a', _type: 't'}))
    const before = fs.readFileSync(dataset.journalPath, 'utf8')
    const write = fs.writeSync.bind(fs) as (fd: number, buffer: Uint8Array, offset: number, length: number, position: number) => number
    const full = vi.spyOn(fs, 'writeSync').mockImplementationOnce(((fd: number, buffer: Uint8Array, offset: number, _length: number, position: number) =>
      write(fd, buffer, offset, 10, position)) as typeof fs.writeSync).mockImplementationOnce((() => 0) as typeof fs.writeSync)
    expect(() => dataset.append(entry('b', {_id: 'b', _type: 't'}))).toThrow(expect.objectContaining({code: 'ENOSPC', message: 'no space left on device'}))
    full.mockRestore()
    expect(fs.readFileSync(dataset.journalPath, 'utf8')).toBe(before)
    dataset.append(entry('c', {_id: 'c', _type: 't'}))
    dataset.closeJournal()
    expect([...new DatasetFiles(path.dirname(dataset.journalPath), 'production').load().documents.keys()]).toEqual(['a', 'c'])
  })

  it('refuses every later append when a failed write could not be rolled back', () => {
    const dataset = files(undefined, header(''))
    vi.spyOn(fs, 'fsyncSync').mockImplementation(() => {
      throw Object.assign(new Error('EIO: i/o error, fsync'), {code: 'EIO'})
    })
    expect(() => dataset.append(entry('a', {_id: 'a', _type: 't'}))).toThrow(/EIO: i\/o error/)
    vi.restoreAllMocks()
    expect(() => dataset.append(entry('b', {_id: 'b', _type: 't'}))).toThrow(
      expect.objectContaining({code: 'EIO', message: expect.stringMatching(/could not be repaired.*restart the lake/)}),
    )
  })

  it('appends to the new journal after a compaction, not to the file it replaced', () => {
    const dataset = files(undefined, header(''))
    dataset.append(entry('a', {_id: 'a', _type: 't'}))
    dataset.compact([{_id: 'a', _type: 't'}])
    dataset.append(entry('b', {_id: 'b', _type: 't'}))
    dataset.closeJournal()
    const loaded = new DatasetFiles(path.dirname(dataset.journalPath), 'production').load()
    expect(loaded).toMatchObject({replayed: 1, staleJournal: false})
    expect([...loaded.documents.keys()]).toEqual(['a', 'b'])
  })
})

describe('compaction and atomic writes', () => {
  it('leaves snapshot, journal and no temp file when the journal cannot be written', () => {
    const snapshot = line({_id: 'a', _type: 't'})
    const journal = header(snapshot)
    const dataset = files(snapshot, journal)
    const open = fs.openSync
    vi.spyOn(fs, 'openSync').mockImplementation(((file: fs.PathLike, ...rest: unknown[]) => {
      if (String(file).startsWith(`${dataset.journalPath}.tmp-`)) throw Object.assign(new Error('ENOSPC: no space left'), {code: 'ENOSPC'})
      return (open as (...args: unknown[]) => number)(file, ...rest)
    }) as typeof fs.openSync)
    expect(() => dataset.compact([{_id: 'b', _type: 't'}])).toThrow(/ENOSPC/)
    expect(fs.readFileSync(dataset.snapshotPath, 'utf8')).toBe(snapshot)
    expect(fs.readFileSync(dataset.journalPath, 'utf8')).toBe(journal)
    expect(fs.readdirSync(path.dirname(dataset.snapshotPath)).sort()).toEqual(['production.journal.ndjson', 'production.ndjson'])
  })

  it('writes the new snapshot and a header naming its hash, in a folder it creates', () => {
    const dir = path.join(newDir('journal-kill-'), 'new', 'folder')
    const dataset = new DatasetFiles(dir, 'production')
    dataset.compact([{_id: 'a', _type: 't'}, {_id: 'b', _type: 't'}])
    const text = `${JSON.stringify({_id: 'a', _type: 't'})}\n${JSON.stringify({_id: 'b', _type: 't'})}\n`
    expect(fs.readFileSync(dataset.snapshotPath, 'utf8')).toBe(text)
    expect(JSON.parse(fs.readFileSync(dataset.journalPath, 'utf8'))).toEqual({journal: 1, snapshotSha256: sha256(text)})
    expect(sha256(text)).toBe(createHash('sha256').update(text).digest('hex'))
  })

  it('refuses a temp file whose size on disk is not what was written', () => {
    const dir = newDir('journal-kill-')
    const target = path.join(dir, 'file.bin')
    const fstat = fs.fstatSync
    vi.spyOn(fs, 'fstatSync').mockImplementation(((fd: number) => ({...fstat(fd), size: 3})) as typeof fs.fstatSync)
    expect(() => writeAtomic(target, 'twelve bytes')).toThrow(expect.objectContaining({code: 'EIO', message: expect.stringMatching(/wrote 3 of 12 bytes/)}))
    expect(fs.readdirSync(dir)).toEqual([])
  })

  it('writes the whole content through short writes', () => {
    const dir = newDir('journal-kill-')
    const target = path.join(dir, 'file.txt')
    const write = fs.writeSync.bind(fs) as (fd: number, buffer: Uint8Array, offset: number, length: number, position: number) => number
    // Each write stores half of what it is asked for (at least one byte).
    vi.spyOn(fs, 'writeSync').mockImplementation(((fd: number, buffer: Uint8Array, offset: number, length: number, position: number) =>
      write(fd, buffer, offset, Math.ceil(length / 2), position)) as typeof fs.writeSync)
    writeAtomic(target, 'written half a request at a time')
    vi.restoreAllMocks()
    expect(fs.readFileSync(target, 'utf8')).toBe('written half a request at a time')
  })

  it('still replaces the file where the folder cannot be fsynced', () => {
    const dir = newDir('journal-kill-')
    const target = path.join(dir, 'file.txt')
    const fsync = fs.fsyncSync
    const folderFds = new Set<number>()
    const open = fs.openSync
    vi.spyOn(fs, 'openSync').mockImplementation(((file: fs.PathLike, flags?: fs.OpenMode, mode?: fs.Mode) => {
      const fd = (open as (...args: unknown[]) => number)(file, flags, mode)
      if (file === dir) folderFds.add(fd)
      return fd
    }) as typeof fs.openSync)
    vi.spyOn(fs, 'fsyncSync').mockImplementation((fd: number) => {
      if (folderFds.has(fd)) throw Object.assign(new Error('EINVAL: fsync of a folder'), {code: 'EINVAL'})
      fsync(fd)
    })
    writeAtomic(target, 'content')
    expect(folderFds.size).toBe(1)
    expect(fs.readFileSync(target, 'utf8')).toBe('content')
  })
})
