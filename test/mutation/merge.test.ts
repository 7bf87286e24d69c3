/**
 * The three-way merge (importer/sinks/dataset/merge.ts) in the cases test/push/merge.test.ts
 * leaves out: fields the editor deleted, emptied or retyped, blocks the source rewrote (new
 * content-derived keys), either side's reordering and insertions, conflict texts, and the block
 * hashes recorded after a merge. Expectations follow the module's rules (a unit comes from the
 * side that changed it; both changed: a conflict that keeps the editor's version), worked out by
 * hand for each case. Written against the mutants `npm run mutation -- importer/sinks/dataset/merge.ts` found alive.
 */
import type {SanityDocumentLike} from 'sanity'
import {describe, expect, it} from 'vitest'
import {blockHashes, recordedUnitHashes} from '../../importer/documents/block-hashes.ts'
import {mergeDocument, mergedBlockHashes, textOf} from '../../importer/sinks/dataset/merge.ts'

const block = (key: string, text: string) => ({_type: 'block', _key: key, style: 'normal', markDefs: [], children: [{_type: 'span', _key: `${key}s`, text, marks: []}]})
const doc = (fields: Record<string, unknown>): SanityDocumentLike => ({_id: 'section-x', _type: 'section', ...fields})
const baseOf = (document: SanityDocumentLike) => recordedUnitHashes({blockHashes: blockHashes(document)}) as Map<string, string>
const texts = (value: unknown) => (value as Array<{children: Array<{text: string}>}>).map((b) => b.children[0]?.text)
const keys = (value: unknown) => (value as Array<{_key: string}>).map((b) => b._key)

const original = doc({title: 'T', role: 'r', body: [block('a', 'one'), block('b', 'two'), block('c', 'three')]})
const base = baseOf(original)

describe('fields', () => {
  it("takes system fields and importInfo from the source, never merges them", () => {
    const remote = {...original, _rev: 'remote-rev', _createdAt: '2020', _updatedAt: '2021', importInfo: {source: 'old'}}
    const source = {...original, _rev: 'source-rev', _createdAt: '2022', _updatedAt: '2023', importInfo: {source: 'new'}}
    const {document, conflicts} = mergeDocument(base, remote, source)
    expect(conflicts).toEqual([])
    expect(document).toEqual(source)
  })

  it("leaves out a field the editor deleted and the source did not change", () => {
    const {title: _title, ...remote} = original
    const {document, conflicts} = mergeDocument(base, remote as SanityDocumentLike, original)
    expect(conflicts).toEqual([])
    expect(Object.keys(document).sort()).toEqual(['_id', '_type', 'body', 'role'])
  })

  it("keeps the editor's deletion of the whole body, and of all its blocks", () => {
    const {body: _body, ...withoutBody} = original
    expect(mergeDocument(base, withoutBody as SanityDocumentLike, original).document.body).toEqual([])
    expect(mergeDocument(base, {...original, body: []}, original).document.body).toEqual([])
  })

  it('drops a field the source dropped that the editor had emptied', () => {
    const {body: _body, ...sourceWithout} = original
    const {document, conflicts} = mergeDocument(base, {...original, body: []}, sourceWithout as SanityDocumentLike)
    expect(conflicts).toEqual([])
    expect('body' in document).toBe(false)
  })

  it("reports a keyed array the editor turned into something else, and keeps the editor's value", () => {
    const remote = {...original, body: 'the editor made it text'}
    const {document, conflicts} = mergeDocument(base, remote, original)
    expect(conflicts).toEqual([{field: 'body', editor: 'the editor made it text', source: `${JSON.stringify(original.body).slice(0, 199)}…`}])
    expect(document.body).toBe('the editor made it text')
  })

  it('reports a plain field changed on both sides with both texts, keeping the editor’s', () => {
    const {document, conflicts} = mergeDocument(base, {...original, role: 'editor'}, {...original, role: 'source'})
    expect(conflicts).toEqual([{field: 'role', editor: 'editor', source: 'source'}])
    expect(document.role).toBe('editor')
  })

  it('takes a field both sides changed the same way, and one only the source changed', () => {
    const {document, conflicts} = mergeDocument(base, {...original, role: 'same'}, {...original, role: 'same', title: 'New'})
    expect(conflicts).toEqual([])
    expect(document).toMatchObject({role: 'same', title: 'New'})
  })
})

describe('blocks the source rewrote (a new content-derived key)', () => {
  it('puts the rewrite where the old block stood when the editor left it alone', () => {
    const source = {...original, body: [block('a', 'one'), block('b2', 'two v2'), block('c', 'three')]}
    const {document, conflicts} = mergeDocument(base, original, source)
    expect(conflicts).toEqual([])
    expect(keys(document.body)).toEqual(['a', 'b2', 'c'])
  })

  it("keeps the editor's block and holds the rewrite back when the editor changed it too", () => {
    const remote = {...original, body: [block('a', 'one'), block('b', 'two (editor)'), block('c', 'three')]}
    const source = {...original, body: [block('a', 'one'), block('b2', 'two v2'), block('c', 'three')]}
    const {document, conflicts} = mergeDocument(base, remote, source)
    expect(conflicts).toEqual([{field: 'body', key: 'b', editor: 'two (editor)', source: 'two v2', replacedBy: 'b2'}])
    expect(texts(document.body)).toEqual(['one', 'two (editor)', 'three'])
    // Recorded so that the next merge reports it again, the rewrite still new.
    const recorded = recordedUnitHashes({blockHashes: mergedBlockHashes(source, base, conflicts)}) as Map<string, string>
    expect(mergeDocument(recorded, document, source).conflicts).toEqual(conflicts)
  })

  it('pairs a rewritten first block, and two rewrites in a row, each with its own replacement', () => {
    const remote = {...original, body: [block('a', 'one (editor)'), block('b', 'two (editor)'), block('c', 'three')]}
    const source = {...original, body: [block('a2', 'one v2'), block('b2', 'two v2'), block('c', 'three')]}
    const {document, conflicts} = mergeDocument(base, remote, source)
    expect(conflicts.map(({key, replacedBy}) => [key, replacedBy])).toEqual([['a', 'a2'], ['b', 'b2']])
    expect(keys(document.body)).toEqual(['a', 'b', 'c'])
  })

  it('does not pair a block the source removed with a block the editor already has', () => {
    const remote = {...original, body: [block('a', 'one'), block('b', 'two (editor)'), block('e', 'editor added'), block('c', 'three')]}
    const source = {...original, body: [block('a', 'one'), block('c', 'three')]}
    const {document, conflicts} = mergeDocument(base, remote, source)
    expect(conflicts).toEqual([{field: 'body', key: 'b', editor: 'two (editor)', source: ''}])
    expect(keys(document.body)).toEqual(['a', 'b', 'e', 'c'])
  })

  it('does not pair with a block the base already knew (a move, not a rewrite)', () => {
    const remote = {...original, body: [block('a', 'one'), block('b', 'two (editor)'), block('c', 'three')]}
    const source = {...original, body: [block('a', 'one'), block('c', 'three')]}
    const {conflicts} = mergeDocument(base, remote, source)
    expect(conflicts).toEqual([{field: 'body', key: 'b', editor: 'two (editor)', source: ''}])
  })
})

describe('order', () => {
  it("keeps the editor's order when only the editor reordered, and the source's when it did", () => {
    const editorOrder = {...original, body: [block('c', 'three'), block('a', 'one'), block('b', 'two')]}
    expect(keys(mergeDocument(base, editorOrder, original).document.body)).toEqual(['c', 'a', 'b'])
    const sourceOrder = {...original, body: [block('b', 'two'), block('a', 'one'), block('c', 'three')]}
    expect(keys(mergeDocument(base, original, sourceOrder).document.body)).toEqual(['b', 'a', 'c'])
  })

  it("takes the source's order once the source's list changed (a block added), even over the editor's", () => {
    const editorOrder = {...original, body: [block('c', 'three'), block('a', 'one'), block('b', 'two')]}
    const source = {...original, body: [block('a', 'one'), block('b', 'two'), block('c', 'three'), block('d', 'four')]}
    expect(keys(mergeDocument(base, editorOrder, source).document.body)).toEqual(['a', 'b', 'c', 'd'])
  })

  it("keeps the editor's new blocks where they were put: first, and two in a row", () => {
    const first = {...original, body: [block('e', 'new first'), block('a', 'one'), block('b', 'two'), block('c', 'three')]}
    const source = {...original, body: [block('a', 'one'), block('b', 'two'), block('c', 'three'), block('d', 'four')]}
    expect(keys(mergeDocument(base, first, source).document.body)).toEqual(['e', 'a', 'b', 'c', 'd'])
    const pair = {...original, body: [block('a', 'one'), block('e1', 'x'), block('e2', 'y'), block('b', 'two'), block('c', 'three')]}
    expect(keys(mergeDocument(base, pair, source).document.body)).toEqual(['a', 'e1', 'e2', 'b', 'c', 'd'])
  })
})

describe('textOf', () => {
  it('gives a block its spans, an image its markdown, a string itself, anything else JSON', () => {
    expect(textOf({_type: 'block', children: [{text: 'a'}, {_type: 'inlineImage'}, {text: 'b'}]})).toBe('ab')
    expect(textOf({_type: 'figure', src: '/img/x.png', alt: 'An X'})).toBe('![An X](/img/x.png)')
    expect(textOf({_type: 'figure', src: '/img/x.png'})).toBe('![](/img/x.png)')
    expect(textOf('plain')).toBe('plain')
    expect(textOf(2024)).toBe('2024')
    expect(textOf({name: 'n'})).toBe('{"name":"n"}')
    expect(textOf(null)).toBe('null')
    expect(textOf(undefined)).toBe('')
  })

  it('cuts text over 200 characters to 199 and an ellipsis', () => {
    expect(textOf('x'.repeat(200))).toBe('x'.repeat(200))
    expect(textOf('x'.repeat(201))).toBe(`${'x'.repeat(199)}…`)
  })
})

describe('mergedBlockHashes', () => {
  it("records the source's hashes when nothing conflicts", () => {
    const source = {...original, role: 'new'}
    expect(mergedBlockHashes(source, base, [])).toEqual(blockHashes(source))
  })

  it('keeps the old base of a conflicting field and leaves a unit new to the base unrecorded', () => {
    const source = {...original, role: 'source', extra: 'source'}
    const conflicts = [
      {field: 'role', editor: 'editor', source: 'source'},
      {field: 'extra', editor: 'editor', source: 'source'},
    ]
    const recorded = recordedUnitHashes({blockHashes: mergedBlockHashes(source, base, conflicts)})
    // What recording the source would give with role as it was imported and no extra at all.
    const expected = recordedUnitHashes({blockHashes: blockHashes({...original, role: 'r'})})
    expect(recorded).toEqual(expected)
    expect(mergedBlockHashes(source, base, conflicts).every((entry) => entry._type === 'blockHash')).toBe(true)
  })

})
