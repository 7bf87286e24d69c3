import type {Nodes as HastNodes} from 'hast'
import type {Nodes as MdastNodes, Root} from 'mdast'
import {fromHtml} from 'hast-util-from-html'
import {visit} from 'unist-util-visit'

/** Elements whose content is code, not prose: the importer drops them on purpose. */
const NOT_PROSE = new Set(['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript', 'textarea', 'title'])

/** Words (letters and digits runs) of a text, in order. */
export function wordsOf(text: string): string[] {
  return text.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? []
}

function proseOfHtml(html: string): string {
  const tree = fromHtml(html, {fragment: true})
  const parts: string[] = []
  visit(tree as HastNodes, (node) => {
    if (node.type === 'element' && NOT_PROSE.has(node.tagName)) return 'skip'
    if (node.type === 'element' && node.tagName === 'img') {
      const alt = node.properties.alt
      if (typeof alt === 'string') parts.push(alt)
    }
    if (node.type === 'text') parts.push(node.value)
    return undefined
  })
  return parts.join(' ')
}

/**
 * The words a reader sees in a markdown tree: text, inline code, code blocks, image alt text and
 * the prose inside raw HTML (not tags, not comments, not script/style content). Front matter
 * and link reference definitions are not prose.
 */
export function sourceWords(tree: Root): string[] {
  const parts: string[] = []
  visit(tree as MdastNodes, (node) => {
    switch (node.type) {
      case 'yaml':
      case 'definition':
        return 'skip'
      case 'html':
        parts.push(proseOfHtml(node.value))
        return undefined
      case 'image':
      case 'imageReference':
        if (node.alt) parts.push(node.alt)
        return undefined
      case 'text':
      case 'inlineCode':
      case 'code':
        parts.push(node.value)
        return undefined
      default:
        return undefined
    }
  })
  return wordsOf(parts.join(' '))
}

/** Every string value anywhere in a JSON value, except ids, keys, types and references. */
export function outputStrings(value: unknown, out: string[] = []): string[] {
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const current = stack.pop()
    if (typeof current === 'string') out.push(current)
    else if (Array.isArray(current)) for (let i = current.length - 1; i >= 0; i--) stack.push(current[i])
    else if (current && typeof current === 'object') {
      for (const [key, inner] of Object.entries(current)) {
        if (key === '_key' || key === '_type' || key === '_ref' || key === '_id' || key === 'contentHash') continue
        stack.push(inner)
      }
    }
  }
  return out
}

/**
 * The words of `expected` missing from `actual`, counting repeats (a word said three times in
 * the source must be there three times).
 * @returns the missing words with how many are missing
 */
export function missingWords(expected: readonly string[], actual: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const word of actual) counts.set(word, (counts.get(word) ?? 0) + 1)
  const missing = new Map<string, number>()
  for (const word of expected) {
    const left = counts.get(word) ?? 0
    if (left > 0) counts.set(word, left - 1)
    else missing.set(word, (missing.get(word) ?? 0) + 1)
  }
  return missing
}
