import {describe, expect, test} from 'vitest'
import {importMarkdown} from '../../importer/index.ts'
import {ofType} from './structure.ts'
import type {Doc} from './structure.ts'

describe('outline at scale', () => {
  test('a thousand logos, bylines, signatures and sub-headings in one part: one section per logo, nothing lost', () => {
    const logo = (i: number) => `<div><a href="https://p${i}.example"><img src="/img/project-logos/p${i}.svg" alt="Project${i} Logo"/></a></div>`
    const parts = ['## Part']
    for (let i = 0; i < 1000; i++) parts.push(logo(i), `Text ${i}.`, '***Ada Lovelace, Analyst***', '**Rosa Diaz**\\\nBoard Chair, Org', `#### Project${i} notes`, 'Grace Hopper, Admiral')
    const documents = importMarkdown(`---\ntitle: T\nyear: 2030\n---\n${parts.join('\n\n')}`, {file: 'x.md'}).documents as unknown as Doc[]
    const sections = ofType(documents, 'section')
    expect(sections.filter((s) => s.title === 'Project999')).toHaveLength(1)
    expect(ofType(documents, 'project')).toHaveLength(1000)
    // Each "ProjectN notes" heading nests under ProjectN's section and references it by title.
    const notes = sections.find((s) => s.title === 'Project999 notes')!
    expect(notes).toMatchObject({level: 3})
    expect((notes.projects as Array<{_ref: string}>).map((r) => r._ref)).toEqual(['project-project999'])
  })
})
