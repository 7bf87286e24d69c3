import {describe, expect, test} from 'vitest'
import type {Paragraph} from 'mdast'
import {parseByline, readBylineParagraph, readSignature} from '../../importer/documents/bylines.ts'
import {parseMarkdown} from '../../importer/parse/markdown.ts'
import {openInfraProfile} from '../../importer/profile/openinfra.ts'

const parse = (text: string) => parseByline(text, openInfraProfile.byline)

describe('parseByline', () => {
  test.each([
    ['Ada Lovelace, Analyst', {name: 'Ada Lovelace', role: 'Analyst'}],
    ['Ada Lovelace , Analyst, Engine Works', {name: 'Ada Lovelace', role: 'Analyst', organisation: 'Engine Works'}],
    ['Samuel de Medeiros Queiroz, Program Coordinator', {name: 'Samuel de Medeiros Queiroz', role: 'Program Coordinator'}],
    ['Mahnoor A. Khan, Intern', {name: 'Mahnoor A. Khan', role: 'Intern'}],
    ['Zoë O’Brien-Smith, Head of Research & Development, Acme, Inc', {name: 'Zoë O’Brien-Smith', role: 'Head of Research & Development, Acme', organisation: 'Inc'}],
  ])('reads %j', (text, person) => {
    expect(parse(text)).toEqual(person)
  })

  test.each([
    'Each update was compiled by members of the groups, who met weekly.',
    'Further information about Airship:',
    'Walmart, LINE, Workday',
    'In 2021, 193 students passed',
    'Kata Containers',
    'de Souza Maria, Editor',
    'Ada Lovelace, Analyst; Engine Works',
    'One Two Three Four Five Six, Role',
    `Ada Lovelace, ${'Very Long Role '.repeat(20)}`,
  ])('rejects %j', (text) => {
    expect(parse(text)).toBeUndefined()
  })
})

describe('byline shapes (profile conventions)', () => {
  const paragraph = (markdown: string) => parseMarkdown(markdown).children[0] as Paragraph
  test('a two-line signature: bold name, hard break, role line', () => {
    expect(readSignature(paragraph('**Rosa Díaz**\\\nBoard Chair, Pebble Foundation'), openInfraProfile.byline)).toMatchObject({
      text: 'Rosa Díaz, Board Chair, Pebble Foundation',
      person: {name: 'Rosa Díaz', role: 'Board Chair', organisation: 'Pebble Foundation'},
    })
    expect(readSignature(paragraph('*Rosa Díaz*<br>Board Chair'), openInfraProfile.byline)).toMatchObject({person: {name: 'Rosa Díaz', role: 'Board Chair'}})
    expect(readSignature(paragraph('**Thanks to everyone**\\\nSee you next year, friends'), openInfraProfile.byline)).toBeUndefined()
    expect(readSignature(paragraph('**Rosa Díaz** Board Chair'), openInfraProfile.byline)).toBeUndefined()
  })

  test('a fully emphasised sentence that is not Name, Role is not a byline', () => {
    expect(readBylineParagraph(paragraph('*This, however, was only the beginning.*'), openInfraProfile.byline)).toBeUndefined()
    expect(readBylineParagraph(paragraph('***Lena Park, Events Lead***'), openInfraProfile.byline)).toMatchObject({emphasised: true, person: {name: 'Lena Park', role: 'Events Lead'}})
  })
})
