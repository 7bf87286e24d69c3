import type {Link, Paragraph, PhrasingContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {BylineRules} from '../profile/types.ts'

/** A person as a byline names them. */
export interface Person {
  name: string
  role?: string
  organisation?: string
}

/** A paragraph recognised as a byline. */
export interface BylineParagraph {
  /** The byline as published (without markup), e.g. `Allison Randal, Board Chair`. */
  text: string
  person: Person
  /** Whether the whole paragraph is emphasised or strong (a standalone byline must be). */
  emphasised: boolean
  /** Links with no text before the byline (editor leftovers), dropped with a warning. */
  emptyLinks: Link[]
}

/** Sentence punctuation never found in `Name, Role, Organisation`. */
const SENTENCE_PUNCTUATION = /[!?;:"“”]/
/** A capitalised name word: `Allison`, `McArthur`, `O'Brien`, `Jean-Luc`, an initial `A.`. */
const NAME_WORD = /^\p{Lu}[\p{L}\p{M}'’-]*\.?$/u
/** Most words a role or an organisation is expected to have. */
const MAX_PART_WORDS = 10

/**
 * Parses `Name, Role[, Organisation]` when the text reads like a person's byline: 2–4
 * comma-separated parts (per the rules), the first a personal name of capitalised words and
 * lowercase particles, no digits, no sentence punctuation, bounded length.
 * @param text - a paragraph's plain text
 * @param rules - the profile's byline limits
 * @returns the person, or `undefined` when the text is not a byline
 */
export function parseByline(text: string, rules: BylineRules): Person | undefined {
  const trimmed = text.trim()
  if (trimmed.length === 0 || trimmed.length > rules.maxLength) return undefined
  if (/\d/.test(trimmed) || SENTENCE_PUNCTUATION.test(trimmed) || /\n/.test(trimmed)) return undefined
  const parts = trimmed.split(',').map((part) => part.trim())
  if (parts.length < rules.minParts || parts.length > rules.maxParts) return undefined
  if (parts.some((part) => part === '' || part.split(/\s+/).length > MAX_PART_WORDS)) return undefined
  const [name, ...rest] = parts as [string, ...string[]]
  if (!isPersonalName(name, rules)) return undefined
  if (rest.some((part) => !/^\p{L}/u.test(part))) return undefined
  // Places, event names, membership tiers and thank-you lines have no role: they stay text.
  if (rules.requireRoleWord && !rest.some((part) => hasRoleWord(part, rules))) return undefined
  if (rest.length === 1) return {name, role: rest[0]}
  return {name, role: rest.slice(0, -1).join(', '), organisation: rest[rest.length - 1]}
}

/**
 * Whether a text reads as a personal name: capitalised words and lowercase particles, within the
 * profile's word counts.
 * @param name - the candidate
 * @param rules - the profile's byline limits
 * @returns true for a name
 */
export function isPersonalName(name: string, rules: BylineRules): boolean {
  const words = name.split(/\s+/)
  if (words.length < rules.minNameWords || words.length > rules.maxNameWords) return false
  const isParticle = (word: string) => rules.nameParticles.has(word)
  if (isParticle(words[0]!) || isParticle(words[words.length - 1]!)) return false
  return words.every((word) => isParticle(word) || NAME_WORD.test(word))
}

const WORDS = /[\p{L}\p{N}]+/gu

/**
 * Whether a text names a role: one of the profile's role words as a whole word, any case
 * (`Board Chair`, `Editor-in-Chief`; not `Members`).
 * @param text - a byline part
 * @param rules - the profile's role words
 * @returns true when a role word occurs
 */
export function hasRoleWord(text: string, rules: BylineRules): boolean {
  const roles = rules.roleWords
  if (!roles || roles.size === 0) return false
  return (text.toLowerCase().match(WORDS) ?? []).some((word) => roles.has(word))
}

/**
 * Recognises a paragraph that is only a byline: plain text, or text wholly inside
 * emphasis/strong (`***Name, Role***`), optionally after empty links.
 * @param paragraph - a top-level paragraph
 * @param rules - the profile's byline limits
 * @returns the byline, or `undefined`
 */
export function readBylineParagraph(paragraph: Paragraph, rules: BylineRules): BylineParagraph | undefined {
  const emptyLinks: Link[] = []
  const rest: PhrasingContent[] = []
  for (const child of paragraph.children) {
    if (child.type === 'link' && rest.length === 0 && toString(child).trim() === '' && !hasImage(child)) emptyLinks.push(child)
    else if (child.type === 'text' && child.value.trim() === '' && (rest.length === 0)) continue
    else rest.push(child)
  }
  while (rest.length > 0 && isBlankText(rest[rest.length - 1]!)) rest.pop()
  if (rest.length === 0) return undefined
  let emphasised = false
  let content: PhrasingContent[] = rest
  // Unwrap `***…***` (emphasis around strong or the other way): all of it must be wrapped.
  while (content.length === 1 && (content[0]!.type === 'emphasis' || content[0]!.type === 'strong')) {
    emphasised = true
    content = (content[0] as {children: PhrasingContent[]}).children
  }
  if (!content.every((child) => child.type === 'text')) return undefined
  const text = toString(content).trim()
  const person = parseByline(text, rules)
  return person ? {text, person, emphasised, emptyLinks} : undefined
}

/** A hard break: markdown's (`\\` or two spaces) or an inline `<br>`. */
function isLineBreak(node: PhrasingContent): boolean {
  return node.type === 'break' || (node.type === 'html' && /^<br\s*\/?>$/i.test(node.value.trim()))
}

function hasImage(link: Link): boolean {
  return link.children.some((child) => child.type === 'image' || child.type === 'imageReference')
}

function isBlankText(node: PhrasingContent): boolean {
  return node.type === 'text' && node.value.trim() === ''
}

/**
 * Recognises a two-line signature closing a piece: a bold (or emphasised) name, a hard break,
 * then `Role[, Organisation]` (`**Ada Lovelace**\` / `Analyst, Example Org`).
 * @param paragraph - a top-level paragraph
 * @param rules - the profile's byline limits
 * @returns the byline, its text as `Name, Role, Organisation`, or `undefined`
 */
export function readSignature(paragraph: Paragraph, rules: BylineRules): BylineParagraph | undefined {
  const content = paragraph.children.filter((child) => !isBlankText(child))
  const breakAt = content.findIndex(isLineBreak)
  if (breakAt !== 1 || content.length < 3) return undefined
  const name = content[0]!
  if (name.type !== 'strong' && name.type !== 'emphasis') return undefined
  if (!name.children.every((child) => child.type === 'text' || child.type === 'strong' || child.type === 'emphasis')) return undefined
  const rest = content.slice(2)
  if (rest.some((child) => isLineBreak(child) || child.type === 'link' || child.type === 'image' || child.type === 'html')) return undefined
  const text = `${toString(name).trim()}, ${toString(rest).trim()}`
  const person = parseByline(text, rules)
  return person ? {text, person, emphasised: true, emptyLinks: []} : undefined
}
