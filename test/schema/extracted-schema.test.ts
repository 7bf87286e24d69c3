import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, test} from 'vitest'

const repoRoot = path.resolve(import.meta.dirname, '../..')

interface ExtractedType {
  type: string
  name: string
  attributes?: Record<string, {value: {type: string}; optional?: boolean}>
}

const extracted = JSON.parse(readFileSync(path.join(repoRoot, 'schemas/schema.json'), 'utf8')) as ExtractedType[]
const documents = new Map(extracted.filter((entry) => entry.type === 'document').map((entry) => [entry.name, entry]))

describe('the committed extracted schema (schemas/schema.json)', () => {
  test('has the document types of the content model', () => {
    for (const name of ['report', 'section', 'project', 'author']) expect(documents.has(name), name).toBe(true)
  })

  test('report carries the outline as an array of section references', () => {
    const sections = documents.get('report')?.attributes?.sections
    expect(sections?.value.type).toBe('array')
    // `level` is a labelled choice of the numbers 1–6 (a union of number literals once extracted).
    const level = documents.get('section')?.attributes?.level?.value as {type: string; of?: Array<{type: string; value: number}>}
    expect(level.type).toBe('union')
    expect(level.of?.map((member) => [member.type, member.value])).toEqual([1, 2, 3, 4, 5, 6].map((n) => ['number', n]))
  })

  test('required fields are non-optional (the importer guarantees them)', () => {
    expect(documents.get('report')?.attributes?.year?.optional).toBeFalsy()
    expect(documents.get('report')?.attributes?.subtitle?.optional).toBe(true)
  })
})
