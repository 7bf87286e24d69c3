/** Test utilities: parse markdown like the importer does and convert it. */
import type {Root, RootContent} from 'mdast'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {Diagnostics} from '../../importer/diagnostics.ts'
import {createKeyGenerator, toPortableText, type ConvertContext, type PortableTextMember} from '../../importer/portable-text/index.ts'

/** Parses markdown with remark-parse + remark-gfm. */
export function parse(markdown: string): Root {
  return unified().use(remarkParse).use(remarkGfm).parse(markdown)
}

export interface Converted {
  members: PortableTextMember[]
  diagnostics: Diagnostics
  /** The warning rules, in order. */
  rules: string[]
}

/** Parses and converts markdown; extra context fields override the defaults. */
export function convert(markdown: string, extra: Partial<ConvertContext> = {}): Converted {
  return convertNodes(parse(markdown).children, {source: markdown, ...extra})
}

/** Converts mdast nodes with a fresh diagnostics list and key generator. */
export function convertNodes(nodes: readonly RootContent[], extra: Partial<ConvertContext> = {}): Converted {
  const diagnostics = new Diagnostics('test.md')
  const members = toPortableText(nodes, {diagnostics, keys: createKeyGenerator('test'), ...extra})
  return {members, diagnostics, rules: diagnostics.list.map((d) => d.rule)}
}

/** Every text a reader could see in the output: span texts, alts, titles, code, cells, footnotes. */
export function outputText(members: readonly unknown[]): string {
  const parts: string[] = []
  const stack: unknown[] = [...members]
  while (stack.length > 0) {
    const value = stack.pop()
    if (Array.isArray(value)) stack.push(...value)
    else if (value && typeof value === 'object') {
      for (const [key, field] of Object.entries(value)) {
        if (typeof field === 'string' && ['text', 'alt', 'title', 'code', 'caption', 'label', 'href', 'src'].includes(key)) {
          parts.push(field)
        } else if (typeof field === 'object') stack.push(field)
      }
    }
  }
  return parts.join(' ')
}

/** The blocks of a conversion, for terse assertions. */
export function blocks(members: readonly PortableTextMember[]) {
  return members.filter((member) => member._type === 'block')
}
