/**
 * The journal's load rules and atomic writes, on the store directly: only a torn last line may
 * be dropped; a bad line elsewhere refuses the load with file:line; a write that fails
 * mid-way (a full disk) leaves what was there: snapshots, and the asset files uploads store.
 */
import {createHash} from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import {afterAll, afterEach, describe, expect, it, vi} from 'vitest'
import {LakeStore, type OpenReport} from '../../lake/index.ts'
import {prepareAsset} from '../../lake/assets.ts'
import {DatasetFiles, writeAtomic} from '../../lake/journal.ts'
import {writePng} from '../push/helpers.ts'
import {removeDir, tempDir} from './setup.ts'

const dirs: string[] = []
const newDir = (): string => {
  const dir = tempDir('lake-journal-')
  dirs.push(dir)
  return dir
}
afterAll(() => dirs.forEach(removeDir))

async function storeWithThree(dir: string): Promise<void> {
  const store = new LakeStore(dir)
  const dataset = store.dataset('production')
  for (const id of ['a', 'b', 'c']) await dataset.commit([{create: {_id: id, _type: 'item'}}])
  // No close(): the journal is left as a crash would leave it (close compacts).
  dataset.close()
}

describe('loading the journal', () => {
  it('drops only a torn last line, cuts it off the file, and keeps appending cleanly', async () => {
    const dir = newDir()
    await storeWithThree(dir)
    const journal = path.join(dir, 'production.journal.ndjson')
    fs.appendFileSync(journal, '{"transactionId":"torn","changes":[{"id":"d"')
    const reports: OpenReport[] = []
    const store = new LakeStore(dir, {onOpen: (report) => reports.push(report)})
    const dataset = store.dataset('production')
    expect(reports[0]).toMatchObject({tornTail: true, replayed: 3})
    expect(dataset.all().map((doc) => doc._id)).toEqual(['a', 'b', 'c'])
    await dataset.commit([{create: {_id: 'e', _type: 'item'}}])
    dataset.close()
    expect(new LakeStore(dir).dataset('production').all().map((doc) => doc._id)).toEqual(['a', 'b', 'c', 'e'])
  })

  it('refuses to load a journal with a bad line before its end, naming file and line', async () => {
    const dir = newDir()
    await storeWithThree(dir)
    const journal = path.join(dir, 'production.journal.ndjson')
    const lines = fs.readFileSync(journal, 'utf8').split('\n')
    lines[2] = '{"transactionId":"broken",'
    fs.writeFileSync(journal, lines.join('\n'))
    const before = fs.readFileSync(journal, 'utf8')
    expect(() => new LakeStore(dir).dataset('production')).toThrow(`${journal}:3: not a journal entry`)
    // Nothing was rewritten: the person can repair the line and start again.
    expect(fs.readFileSync(journal, 'utf8')).toBe(before)
  })
})

/**
 * A disk that fills up after `room` more bytes: writes through `fs.writeSync` store what fits,
 * then fail with ENOSPC, as a full disk answers. Restored by `mockRestore()`.
 */
function diskFullAfter(room: number) {
  const real = fs.writeSync.bind(fs) as (fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null) => number
  let left = room
  return vi.spyOn(fs, 'writeSync').mockImplementation(((fd: number, buffer: Uint8Array, offset?: number, length?: number, position?: number | null) => {
    if (left <= 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), {code: 'ENOSPC'})
    const from = offset ?? 0
    const stored = real(fd, buffer, from, Math.min(length ?? buffer.length - from, left), position ?? null)
    left -= stored
    return stored
  }) as typeof fs.writeSync)
}

/** A PNG's bytes (a real image the lake accepts), `size` pixels square. */
function png(size: number): Buffer {
  const folder = newDir()
  return fs.readFileSync(writePng(folder, 'image.png', [200, 30, 60], size))
}

describe('atomic writes', () => {
  afterEach(() => vi.restoreAllMocks())

  it.each([
    ['text', 'new content\n'.repeat(200)],
    ['bytes', Buffer.from('new content\n'.repeat(200))],
  ])('leaves the target as it was and no temp file when the disk fills up mid-write (%s)', (_kind, data) => {
    const dir = newDir()
    const target = path.join(dir, 'snapshot.ndjson')
    fs.writeFileSync(target, 'old\n')
    const full = diskFullAfter(100)
    expect(() => writeAtomic(target, data)).toThrow(expect.objectContaining({code: 'ENOSPC'}))
    full.mockRestore()
    expect(fs.readFileSync(target, 'utf8')).toBe('old\n')
    expect(fs.readdirSync(dir)).toEqual(['snapshot.ndjson'])
    // With room again, the whole new content replaces the old.
    writeAtomic(target, data)
    expect(fs.readFileSync(target, 'utf8')).toBe(data.toString())
    expect(fs.readdirSync(dir)).toEqual(['snapshot.ndjson'])
  })

  it('stores no partial asset file when the disk fills up, so a retried upload stores it whole', () => {
    const dir = newDir()
    const bytes = png(64)
    const context = {dir, projectId: 'offline', baseUrl: 'http://127.0.0.1:1'}
    const full = diskFullAfter(Math.floor(bytes.length / 2))
    expect(() => prepareAsset('images', bytes, 'production', 'image.png', context)).toThrow(expect.objectContaining({code: 'ENOSPC'}))
    full.mockRestore()
    const folder = path.join(dir, 'assets', 'production', 'images')
    // Nothing under the asset's name: a later upload of the same bytes must not find a torn file.
    expect(fs.existsSync(folder) ? fs.readdirSync(folder) : []).toEqual([])
    const asset = prepareAsset('images', bytes, 'production', 'image.png', context)
    const sha1 = createHash('sha1').update(bytes).digest('hex')
    const stored = fs.readdirSync(folder)
    expect(stored).toEqual([expect.stringContaining(sha1)])
    expect(fs.readFileSync(path.join(folder, stored[0]!)).equals(bytes)).toBe(true)
    expect(asset).toMatchObject({sha1hash: sha1, size: bytes.length})
  })

  it('compacts into a snapshot and a header-only journal, both written before either replaces the old', async () => {
    const dir = newDir()
    await storeWithThree(dir)
    const files = new DatasetFiles(dir, 'production')
    const loaded = files.load()
    expect(loaded).toMatchObject({replayed: 3, foreignSnapshot: false})
    files.compact(loaded.documents.values())
    expect(fs.readFileSync(path.join(dir, 'production.ndjson'), 'utf8').split('\n').filter(Boolean)).toHaveLength(3)
    expect(fs.readFileSync(path.join(dir, 'production.journal.ndjson'), 'utf8').split('\n').filter(Boolean)).toHaveLength(1)
    expect(fs.readdirSync(dir).filter((name) => name.includes('.tmp-'))).toEqual([])
  })
})
