import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {importMarkdown} from '../../importer/index.ts'
import {findObjects} from '../helpers/json.ts'
import type {Doc} from './structure.ts'

const repoRoot = path.resolve(import.meta.dirname, '../..')
const FILE = 'content/annual-report-2022.md'

/** Every `_key` of every document, as `documentId/…/key` paths of the keyed objects' own keys. */
function keyedObjects(documents: readonly Doc[]): Map<string, string> {
  const keys = new Map<string, string>()
  for (const document of documents) {
    // importInfo.blockHashes is the import's bookkeeping (a hash per block), not content.
    const {importInfo: _bookkeeping, ...content} = document
    for (const object of findObjects([content], (o) => typeof o._key === 'string')) keys.set(`${document._id} ${String(object._key)}`, JSON.stringify(object))
  }
  return keys
}

describe('content-derived _keys on the sample', () => {
  const source = readFileSync(path.join(repoRoot, FILE), 'utf8')
  const base = importMarkdown(source, {file: FILE}).documents as unknown as Doc[]

  test('inserting a paragraph adds one block key and moves none', () => {
    const anchor = 'Walmart, LINE, Workday'
    const edited = source.replace(anchor, `A paragraph an editor inserted.\n\n${anchor}`)
    expect(edited).not.toBe(source)
    const after = importMarkdown(edited, {file: FILE}).documents as unknown as Doc[]
    const blockKeys = (docs: Doc[]) => new Set(docs.flatMap((d) => ((d.body ?? d.intro ?? []) as Doc[]).map((b) => `${d._id} ${String(b._key)}`)))
    const [beforeBlocks, afterBlocks] = [blockKeys(base), blockKeys(after)]
    expect([...afterBlocks].filter((k) => !beforeBlocks.has(k))).toHaveLength(1)
    expect([...beforeBlocks].filter((k) => !afterBlocks.has(k))).toEqual([])
    // Every span, markDef and nested member keeps its key too: only the new block's own keys are new.
    const [beforeAll, afterAll] = [keyedObjects(base), keyedObjects(after)]
    const added = [...afterAll.keys()].filter((k) => !beforeAll.has(k))
    expect(added.every((k) => afterAll.get(k)!.includes('A paragraph an editor inserted.'))).toBe(true)
    expect([...beforeAll.keys()].filter((k) => !afterAll.has(k))).toEqual([])
  })

  test('keys are the same run to run', () => {
    expect(importMarkdown(source, {file: FILE}).documents).toEqual(base)
  })
})
