/**
 * Correctness next to speed: how much of what the source says a converter's output keeps —
 * its words (counting repeats) and its link targets, exactly as written.
 */
import type {Root} from 'mdast'
import {visit} from 'unist-util-visit'
import {missingWords, outputStrings, sourceWords, wordsOf} from '../../test/helpers/text.ts'

/** What one converter kept of the source. */
export interface Fidelity {
  /** Share of the source's words found in the output (0–1). */
  words: number
  /** Share of the source's link URLs found, byte for byte, as an output link target (0–1). */
  links: number
  sourceWords: number
  sourceLinks: number
}

/** Link targets of a markdown tree: inline links, and references resolved through their definitions. */
export function sourceLinks(tree: Root): string[] {
  const definitions = new Map<string, string>()
  visit(tree, 'definition', (node) => {
    definitions.set(node.identifier.toUpperCase(), node.url)
  })
  const links: string[] = []
  visit(tree, (node) => {
    if (node.type === 'link') links.push(node.url)
    else if (node.type === 'linkReference') {
      const url = definitions.get(node.identifier.toUpperCase())
      if (url !== undefined) links.push(url)
    }
  })
  return links
}

/** Link targets anywhere in converter output: `href` (markDefs), `link`, `url`, `website` strings. */
function outputLinks(value: unknown): string[] {
  const found: string[] = []
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const current = stack.pop()
    if (Array.isArray(current)) stack.push(...current)
    else if (current && typeof current === 'object') {
      for (const [key, inner] of Object.entries(current)) {
        if (typeof inner === 'string' && (key === 'href' || key === 'link' || key === 'url' || key === 'website')) found.push(inner)
        else stack.push(inner)
      }
    }
  }
  return found
}

/**
 * @param tree - the source's mdast (remark-parse + remark-gfm)
 * @param output - whatever the converter produced (documents or blocks)
 * @returns the words and links it kept
 */
export function fidelity(tree: Root, output: unknown): Fidelity {
  const words = sourceWords(tree)
  const missing = [...missingWords(words, wordsOf(outputStrings(output).join(' '))).values()].reduce((sum, n) => sum + n, 0)
  const links = sourceLinks(tree)
  const available = new Map<string, number>()
  for (const link of outputLinks(output)) available.set(link, (available.get(link) ?? 0) + 1)
  let exact = 0
  for (const link of links) {
    const left = available.get(link) ?? 0
    if (left > 0) {
      exact++
      available.set(link, left - 1)
    }
  }
  return {
    words: words.length === 0 ? 1 : 1 - missing / words.length,
    links: links.length === 0 ? 1 : exact / links.length,
    sourceWords: words.length,
    sourceLinks: links.length,
  }
}
