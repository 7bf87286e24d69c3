/**
 * Bylines only where they are bylines (issue 20, item 3): a line is an author only when it reads as
 * a person's name with a role (a role word) in a shape the profile allows; places, event names,
 * membership tiers and thank-you lines stay in the body, under either profile.
 */
import {describe, expect, test} from 'vitest'
import {importMarkdown} from '../../importer/index.ts'
import {parseByline} from '../../importer/documents/bylines.ts'
import {compileProfile} from '../../importer/profile/compile.ts'
import {defaultProfile} from '../../importer/profile/default.ts'
import {openInfraProfile} from '../../importer/profile/openinfra.ts'
import {validateProfile} from '../../importer/profile/validate.ts'

const NOT_BYLINES = [
  'Salt Lake City, Utah',
  '*Open Source Summit Europe, Bilbao, Spain*',
  '**Platinum Members, Gold Members**',
  '***Thank You, Sponsors and Donors***',
  '**Marketing Committee, Events Working Group**',
]

describe.each([
  ['default', defaultProfile],
  ['openinfra', openInfraProfile],
])('the %s profile', (_name, profile) => {
  test.each(NOT_BYLINES)('%s right under a heading stays in the body; no author', (line) => {
    const markdown = `---\ntitle: Report\nyear: 2023\n---\n## Where We Met\n\n${line}\n\nWe met our community there.\n`
    const {documents} = importMarkdown(markdown, {file: 'r.md', profile})
    expect(documents.filter((document) => document._type === 'author')).toEqual([])
    const section = documents.find((document) => document._type === 'section') as {body: Array<{children: Array<{text: string}>}>; byline?: string}
    expect(section.byline).toBeUndefined()
    expect(section.body.map((block) => block.children.map((child) => child.text).join(''))[0]).toBe(line.replace(/\*/g, ''))
  })

  test('a name with a role is a byline: the author document, and the line leaves the body for it', () => {
    const markdown = '---\ntitle: Report\nyear: 2023\n---\n## A Letter\n\n*Jane Roe, Executive Director, Harbor Collective*\n\nWe grew.\n'
    const {documents} = importMarkdown(markdown, {file: 'r.md', profile})
    expect(documents.filter((document) => document._type === 'author')).toEqual([expect.objectContaining({name: 'Jane Roe', role: 'Executive Director', organisation: 'Harbor Collective'})])
  })
})

describe('byline shapes a profile allows', () => {
  test('the role word is what makes a byline (any case, whole words; "Members" is no "member")', () => {
    const rules = defaultProfile.byline
    expect(parseByline('Ana Lima, Editor-in-Chief', rules)).toEqual({name: 'Ana Lima', role: 'Editor-in-Chief'})
    expect(parseByline('Ana Lima, Board Member', rules)).toEqual({name: 'Ana Lima', role: 'Board Member'})
    expect(parseByline('Gold Members, Silver Members', rules)).toBeUndefined()
    expect(parseByline('Ana Lima, Lisbon', rules)).toBeUndefined()
  })

  test('a profile without the role-word rule reads any Name, Part line (as the importer did before)', () => {
    const loose = compileProfile(validateProfile({bylines: {requireRoleWord: false}}, 'loose.json'))
    expect(parseByline('Ana Lima, Lisbon', loose.byline)).toEqual({name: 'Ana Lima', role: 'Lisbon'})
  })

  test('standalone bylines open a piece only where the profile allows them (OpenInfra yes, the default no)', () => {
    const markdown = '---\ntitle: Report\nyear: 2023\n---\n## News\n\nFirst piece of text.\n\n***Ana Lima, Events Lead***\n\nAnother piece.\n'
    const sections = (profile: typeof defaultProfile) => importMarkdown(markdown, {file: 'r.md', profile}).documents.filter((document) => document._type === 'section').length
    expect(sections(openInfraProfile)).toBe(2)
    expect(sections(defaultProfile)).toBe(1)
    const body = importMarkdown(markdown, {file: 'r.md', profile: defaultProfile}).documents.find((document) => document._type === 'section') as {body: Array<{children: Array<{text: string}>}>}
    expect(body.body.map((block) => block.children.map((child) => child.text).join(''))).toContain('Ana Lima, Events Lead')
  })

  test('a profile can turn signatures off: the two lines stay text', () => {
    const noSignatures = compileProfile(validateProfile({bylines: {signature: false}}, 'n.json'))
    const markdown = '---\ntitle: Report\nyear: 2023\n---\n## Letter\n\nWe grew.\n\n**Sam Park**\\\nCommunity Lead, Harbor Collective\n'
    expect(importMarkdown(markdown, {file: 'r.md', profile: defaultProfile}).documents.some((document) => document._type === 'author')).toBe(true)
    expect(importMarkdown(markdown, {file: 'r.md', profile: noSignatures}).documents.some((document) => document._type === 'author')).toBe(false)
  })
})
