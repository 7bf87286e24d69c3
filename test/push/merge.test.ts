/**
 * The three-way merge on its own (by unit hashes only), the write order and the reading of a
 * refused transaction.
 */
import type {SanityDocumentLike} from 'sanity'
import {describe, expect, it} from 'vitest'
import {blockHashes, recordedUnitHashes} from '../../importer/documents/block-hashes.ts'
import {mergeDocument, mergedBlockHashes} from '../../importer/sinks/dataset/merge.ts'
import {dependencyOrder, strongReferences} from '../../importer/sinks/dataset/order.ts'
import {isConcurrentChange, rejections} from '../../importer/sinks/dataset/rejections.ts'

const block = (key: string, text: string) => ({_type: 'block', _key: key, style: 'normal', markDefs: [], children: [{_type: 'span', _key: `${key}s`, text, marks: []}]})
const link = (key: string, url: string) => ({_type: 'projectLink', _key: key, label: key, url})

function doc(body: Record<string, unknown>[], extra: Record<string, unknown> = {}): SanityDocumentLike {
  return {_id: 'section-x', _type: 'section', title: 'T', body, ...extra}
}
const baseOf = (document: SanityDocumentLike) => recordedUnitHashes({blockHashes: blockHashes(document)}) as Map<string, string>
const texts = (document: SanityDocumentLike) => (document.body as {children: {text: string}[]}[]).map((b) => b.children[0]?.text)

describe('mergeDocument', () => {
  const original = doc([block('a', 'one'), block('b', 'two'), block('c', 'three')])
  const base = baseOf(original)

  it("applies the source's blocks where the editor did not touch them, and keeps the editor's", () => {
    const editor = doc([block('a', 'ONE (editor)'), block('b', 'two'), block('c', 'three')])
    const source = doc([block('a', 'one'), block('b', 'two'), block('c', 'three (source)')])
    const {document, conflicts} = mergeDocument(base, editor, source)
    expect(conflicts).toEqual([])
    expect(texts(document)).toEqual(['ONE (editor)', 'two', 'three (source)'])
  })

  it('keeps an inserted paragraph where the editor put it, and a deletion the source did not contradict', () => {
    const editor = doc([block('a', 'one'), block('e', 'editor added'), block('c', 'three')])
    const source = doc([block('a', 'one'), block('b', 'two'), block('c', 'three'), block('d', 'source added')])
    const {document, conflicts} = mergeDocument(base, editor, source)
    expect(conflicts).toEqual([])
    expect(texts(document)).toEqual(['one', 'editor added', 'three', 'source added'])
  })

  it('reports a block changed on both sides (or changed on one, deleted on the other) and keeps the editor’s', () => {
    const editor = doc([block('a', 'editor'), block('b', 'two edited'), block('c', 'three')])
    const source = doc([block('a', 'source'), block('c', 'three')])
    const {document, conflicts} = mergeDocument(base, editor, source)
    expect(conflicts).toEqual([
      {field: 'body', key: 'a', editor: 'editor', source: 'source'},
      {field: 'body', key: 'b', editor: 'two edited', source: ''},
    ])
    expect(texts(document)).toEqual(['editor', 'two edited', 'three'])
    // The conflicting units keep their old base: reported again until resolved.
    const recorded = recordedUnitHashes({blockHashes: mergedBlockHashes(source, base, conflicts)}) as Map<string, string>
    expect(mergeDocument(recorded, document, source).conflicts).toHaveLength(2)
  })

  it('merges fields by value and any keyed array generically (project links)', () => {
    const original = {_id: 'project-a', _type: 'project', name: 'A', role: 'x', links: [link('k1', 'https://a'), link('k2', 'https://b')]}
    const base = baseOf(original)
    const editor = {...original, role: 'fixed by editor', links: [link('k1', 'https://a-fixed'), link('k2', 'https://b')]}
    const source = {...original, name: 'A renamed', links: [link('k1', 'https://a'), link('k2', 'https://b'), link('k3', 'https://c')]}
    const {document, conflicts} = mergeDocument(base, editor, source)
    expect(conflicts).toEqual([])
    expect(document).toMatchObject({name: 'A renamed', role: 'fixed by editor'})
    expect((document.links as {url: string}[]).map((l) => l.url)).toEqual(['https://a-fixed', 'https://b', 'https://c'])
  })
})

describe('write order', () => {
  it('puts every referenced document before the documents that reference it', () => {
    const items = [
      {_id: 'report', sections: [{_ref: 's1'}, {_ref: 's2'}]},
      {_id: 's1', authors: [{_ref: 'author'}], weak: {_ref: 'report', _weak: true}},
      {_id: 's2', projects: [{_ref: 'project'}]},
      {_id: 'project'},
      {_id: 'author'},
    ]
    const order = dependencyOrder(items, (item) => item._id, (item) => strongReferences(item)).map((item) => item._id)
    for (const item of items) {
      for (const ref of strongReferences(item)) expect(order.indexOf(ref)).toBeLessThan(order.indexOf(item._id))
    }
    expect(order).toHaveLength(items.length)
  })

  it('keeps the members of a reference cycle adjacent', () => {
    const items = [{_id: 'x'}, {_id: 'a', r: {_ref: 'b'}}, {_id: 'b', r: {_ref: 'a'}}, {_id: 'y'}]
    const order = dependencyOrder(items, (item) => item._id, (item) => strongReferences(item)).map((item) => item._id)
    expect(Math.abs(order.indexOf('a') - order.indexOf('b'))).toBe(1)
  })
})

describe('rejections', () => {
  const refused = (type: string) => ({
    statusCode: 409,
    response: {body: {error: {type: 'mutationError', items: [{index: 0, error: {id: 'x', type, description: `d ${type}`}}]}}},
  })

  it('tells a concurrent change from a missing reference', () => {
    expect(isConcurrentChange(rejections(refused('conflictError')))).toBe(true)
    expect(isConcurrentChange(rejections(refused('documentAlreadyExistsError')))).toBe(true)
    expect(isConcurrentChange(rejections(refused('documentReferenceIntegrityError')))).toBe(false)
    expect(rejections(refused('documentReferenceIntegrityError'))).toEqual([
      {id: 'x', type: 'documentReferenceIntegrityError', description: 'd documentReferenceIntegrityError'},
    ])
  })
})
