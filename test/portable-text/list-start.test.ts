/**
 * A numbered list's start on its first item (issue 20, item 4): stored by the importer, checked by
 * the schema's blockContent rule (Sanity's block type cannot declare a field of its own).
 */
import type {SanityDocument} from 'sanity'
import {describe, expect, test} from 'vitest'
import {importMarkdown} from '../../importer/index.ts'
import {validate} from '../helpers/schema-workspace.ts'

const section = (body: unknown[]): SanityDocument =>
  ({_id: 'section-x-a', _type: 'section', title: 'A', slug: {_type: 'slug', current: 'a'}, level: 1, body}) as unknown as SanityDocument
const item = (key: string, extra: Record<string, unknown>) => ({_type: 'block', _key: key, style: 'normal', markDefs: [], children: [{_type: 'span', _key: `${key}s`, text: 'item', marks: []}], ...extra})

describe('list start', () => {
  test('an imported questionnaire validates with its starts', async () => {
    const {documents} = importMarkdown('---\ntitle: T\nyear: 2025\n---\n## Q\n\n1. First?\n\nAnswer.\n\n2. Second?\n\n- a\n\n3. Third?\n', {file: 'q.md'})
    const body = (documents[1] as {body: Array<{start?: number}>}).body
    expect(body.map((block) => block.start)).toEqual([undefined, undefined, 2, undefined, 3])
    expect(await validate(documents[1] as unknown as SanityDocument, [])).toEqual([])
  })

  test.each([
    [{listItem: 'number', level: 1, start: 2.5}, 'A list start must be a whole number from 0'],
    [{listItem: 'number', level: 1, start: -1}, 'A list start must be a whole number from 0'],
    [{listItem: 'bullet', level: 1, start: 2}, 'Only a numbered list item can say where its list starts'],
    [{start: 2}, 'Only a numbered list item can say where its list starts'],
  ])('%j is an error at the block’s start', async (extra, message) => {
    const markers = await validate(section([item('b1', extra)]), [])
    expect(markers).toEqual([expect.objectContaining({level: 'error', message, path: ['body', {_key: 'b1'}, 'start']})])
  })
})
