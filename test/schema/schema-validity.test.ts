import {groupProblems, validateSchema} from '@sanity/schema/_internal'
import {describe, expect, test} from 'vitest'
import {schemaTypes} from '../../schemas/index.ts'
import {compileProjectSchema} from '../helpers/schema-workspace.ts'

/** Sanity's own schema checks, as `sanity schema validate` runs them: one line per problem. */
function schemaProblems(types: unknown[]) {
  const groups = groupProblems(validateSchema(types).getTypes())
  return groups.flatMap((group) => group.problems.map((problem) => ({severity: problem.severity, message: problem.message})))
}

describe('schema validity (Sanity’s own checks)', () => {
  test('the project schema has no errors and no warnings', () => {
    expect(schemaProblems(schemaTypes)).toEqual([])
  })

  test('the same check reports a duplicate field and an unknown type', () => {
    const broken = [
      {
        name: 'broken',
        type: 'document',
        fields: [
          {name: 'title', type: 'string'},
          {name: 'title', type: 'string'},
          {name: 'body', type: 'notARealType'},
        ],
      },
    ]
    const messages = schemaProblems(broken).filter((p) => p.severity === 'error').map((p) => p.message)
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Found 2 fields with name "title"'),
        expect.stringContaining('Unknown type: notARealType'),
      ]),
    )
  })

  test('createSchema compiles the types without validation errors', () => {
    const schema = compileProjectSchema()
    const errors = (schema._validation ?? []).flatMap((group) => group.problems).filter((p) => p.severity === 'error')
    expect(errors).toEqual([])
    for (const name of ['report', 'section', 'project', 'author']) {
      expect(schema.get(name)?.jsonType, name).toBe('object')
    }
  })

  test('every type has an icon, a preview or is an array, and validation somewhere', () => {
    const schema = compileProjectSchema()
    for (const definition of schemaTypes) {
      const type = schema.get(definition.name)
      expect(type, definition.name).toBeDefined()
      expect('icon' in definition && definition.icon, `${definition.name} icon`).toBeTruthy()
      const fields = 'fields' in definition && Array.isArray(definition.fields) ? definition.fields : []
      const hasRules = 'validation' in definition || fields.some((field: object) => 'validation' in field)
      expect(hasRules, `${definition.name} validation`).toBe(true)
      if (definition.type !== 'array') expect('preview' in definition, `${definition.name} preview`).toBe(true)
    }
  })
})
