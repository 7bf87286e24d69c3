/** Shared by the raw-HTML tests: the importer's hast with raw HTML unparsed, and a tree as comparable text. */
import type {Root as HastRoot} from 'hast'
import {raw} from 'hast-util-raw'
import {toHtml} from 'hast-util-to-html'
import {visit} from 'unist-util-visit'
import {VFile} from 'vfile'
import {expect} from 'vitest'
import {Diagnostics} from '../../importer/diagnostics.ts'
import {parseMarkdown} from '../../importer/parse/markdown.ts'
import {mdastToHast} from '../../importer/portable-text/mdast-to-hast.ts'
import {parseRawHtml} from '../../importer/portable-text/raw-html.ts'

/** The importer's hast of a document, raw HTML left unparsed; blocks are separated by '\n' texts. */
export const hastOf = (markdown: string): HastRoot =>
  mdastToHast(parseMarkdown(markdown).children, {diagnostics: new Diagnostics('test.md'), source: markdown, parseRaw: false})

/** `hast-util-raw`'s replay of the whole tree (on a copy). */
export const wholeReplay = (tree: HastRoot): HastRoot => raw(structuredClone(tree), {file: new VFile()}) as HastRoot

/**
 * The tree as HTML, then every element with its position. HTML because the whole replay
 * round-trips markdown-made elements through parse5, which changes how their properties are
 * written but not what they say.
 */
export function comparable(tree: HastRoot): string {
  const places: string[] = []
  visit(tree, 'element', (node) => {
    places.push(`${node.tagName}@${node.position?.start.offset}-${node.position?.end.offset}`)
  })
  return `${toHtml(tree, {allowDangerousHtml: true})}\n${places.join(' ')}`
}

/** Asserts that parseRawHtml gives the whole replay's tree for `markdown`. */
export function expectSameAsWholeReplay(markdown: string): void {
  const tree = hastOf(markdown)
  expect(comparable(parseRawHtml(structuredClone(tree))), JSON.stringify(markdown)).toBe(comparable(wholeReplay(tree)))
}
