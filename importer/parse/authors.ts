/**
 * Authors as front matter names them: `author: Sarah Gran`, `author: Josh Aas, ISRG Executive
 * Director`, `authors = ["The Rust Survey Team"]`, `author: "Lai Yi Ohlsen, Georgia Bullen"`,
 * `author: [Ann Lee](https://…) (Acme), [Bo Chen](https://…) (Beta)`, or a list of `{name, role}`.
 */
import type {Person} from '../documents/bylines.ts'
import {hasRoleWord, isPersonalName} from '../documents/bylines.ts'
import type {BylineRules} from '../profile/types.ts'

/** Longest author value read, in characters (a name list, not prose). */
const MAX_AUTHOR_TEXT = 500

/**
 * @param value - the front matter value (string, list of strings, or list/mapping with `name`)
 * @param rules - the profile's byline rules (name shape, role words)
 * @returns the people named, in order (none for an empty value); `undefined` when the value has no usable shape
 */
export function parseAuthors(value: unknown, rules: BylineRules): Person[] | undefined {
  if (value === null || value === undefined) return []
  if (typeof value === 'string') return splitAuthorLine(value, rules)
  if (Array.isArray(value)) {
    const people: Person[] = []
    for (const item of value) {
      const found = typeof item === 'string' ? splitAuthorLine(item, rules, true) : personFromObject(item)
      if (!found) return undefined
      people.push(...found)
    }
    return people
  }
  return personFromObject(value)
}

function personFromObject(value: unknown): Person[] | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined
  const record = value as Record<string, unknown>
  const name = typeof record.name === 'string' ? record.name.trim() : ''
  if (name === '') return undefined
  const person: Person = {name}
  const role = [record.role, record.title].find((field): field is string => typeof field === 'string' && field.trim() !== '')
  if (role) person.role = role.trim()
  const organisation = [record.organisation, record.organization, record.company].find((field): field is string => typeof field === 'string' && field.trim() !== '')
  if (organisation) person.organisation = organisation.trim()
  return [person]
}

/**
 * One author value: people separated by commas (or `;`), each optionally followed by a role
 * (a part with a role word) and an organisation, or with the organisation in parentheses.
 * @param text - the value
 * @param rules - name shape and role words
 * @param single - a list item: one person, whatever follows the name is role and organisation
 * @returns the people, or `undefined` when the text is not a name list (too long, several lines)
 */
export function splitAuthorLine(text: string, rules: BylineRules, single = false): Person[] | undefined {
  const plain = text.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\s+/g, ' ').trim()
  if (plain === '') return []
  if (plain.length > MAX_AUTHOR_TEXT) return undefined
  const people: Array<{name: string; rest: string[]; organisation?: string}> = []
  for (const raw of plain.split(/[,;]/).map((part) => part.trim()).filter(Boolean)) {
    const [part, organisation] = splitParenthesised(raw)
    const current = people[people.length - 1]
    const startsPerson = !current || (!single && isPersonalName(part, rules) && !hasRoleWord(part, rules))
    if (startsPerson) people.push({name: part, rest: [], ...(organisation ? {organisation} : {})})
    else {
      current.rest.push(part)
      if (organisation) current.organisation = organisation
    }
  }
  return people.map(({name, rest, organisation}) => {
    const person: Person = {name}
    if (organisation) {
      if (rest.length > 0) person.role = rest.join(', ')
      person.organisation = organisation
    } else if (rest.length === 1) person.role = rest[0]!
    else if (rest.length > 1) {
      person.role = rest.slice(0, -1).join(', ')
      person.organisation = rest[rest.length - 1]!
    }
    return person
  })
}

/** `Ann Lee (Acme)` → [`Ann Lee`, `Acme`]. */
function splitParenthesised(part: string): [string, string | undefined] {
  const match = /^(.*\S)\s*\(([^()]+)\)$/.exec(part)
  return match ? [match[1]!, match[2]!.trim()] : [part, undefined]
}
