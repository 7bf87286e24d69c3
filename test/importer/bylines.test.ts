import {describe, expect, test} from 'vitest'
import {parseByline} from '../../importer/documents/bylines'
import {openInfraProfile} from '../../importer/profile/openinfra'

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
