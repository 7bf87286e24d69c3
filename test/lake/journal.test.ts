/**
 * The journal's load rules and atomic writes, on the store directly: only a torn last line may
 * be dropped; a bad line elsewhere refuses the load with file:line; a failed compaction or
 * asset write leaves what was there.
 */
import fs from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {LakeStore, type OpenReport} from '../../lake'
import {DatasetFiles, writeAtomic} from '../../lake/journal'
import {removeDir, tempDir} from './setup'

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

describe('atomic writes', () => {
  it('leaves the target and no temp file when the write fails', () => {
    const dir = newDir()
    const target = path.join(dir, 'snapshot.ndjson')
    fs.writeFileSync(target, 'old\n')
    // A folder where the temp file would go makes the write fail as a full disk would.
    const missingFolder = path.join(dir, 'gone', 'snapshot.ndjson')
    expect(() => writeAtomic(missingFolder, 'new\n')).toThrow()
    expect(fs.readFileSync(target, 'utf8')).toBe('old\n')
    expect(fs.readdirSync(dir)).toEqual(['snapshot.ndjson'])
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
