import {readFileSync} from 'node:fs'
import path from 'node:path'
import type {Element, Root, RootContent} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {toString} from 'hast-util-to-string'
import {visit} from 'unist-util-visit'
import {importMarkdown} from '../../importer/index.ts'
import {reportPageQuery} from '../../queries/definitions.ts'
import {runLocalQuery} from '../../queries/run-local.ts'
import type {StoredDocument} from '../../queries/run-local.ts'
import type {ReportPage} from '../../render/index.ts'

export const repoRoot = path.resolve(import.meta.dirname, '../..')
export const SAMPLE = path.join(repoRoot, 'content', 'annual-report-2022.md')

/**
 * Imports markdown in memory (no assets folder: images keep their `src`) and runs the page query.
 * @returns the documents and the `reportPageQuery` result of the report's year
 */
export async function importPage(markdown: string, file = 'test.md'): Promise<{documents: StoredDocument[]; page: ReportPage}> {
  const {documents} = importMarkdown(markdown, {file})
  const stored = documents as unknown as StoredDocument[]
  const report = stored.find((document) => document._type === 'report')
  if (!report) throw new Error(`${file}: no report document`)
  const page = await runLocalQuery<ReportPage | null>(reportPageQuery, stored, {year: report.year})
  if (!page) throw new Error(`${file}: the page query found no report`)
  return {documents: stored, page}
}

/** @returns the sample report's markdown */
export function sampleMarkdown(): string {
  return readFileSync(SAMPLE, 'utf8')
}

/** Parses a whole HTML document the way a browser would. */
export function parseDocument(html: string): Root {
  return fromHtml(html)
}

/** Every element in document order, with its parent. */
export function elementsOf(tree: Root): Array<{node: Element; parent: Element | Root | undefined}> {
  const found: Array<{node: Element; parent: Element | Root | undefined}> = []
  visit(tree, 'element', (node, _index, parent) => {
    found.push({node, parent: parent as Element | Root | undefined})
  })
  return found
}

/** @returns the elements named `tagName`, in document order */
export function byTag(tree: Root, tagName: string): Element[] {
  return elementsOf(tree)
    .filter(({node}) => node.tagName === tagName)
    .map(({node}) => node)
}

/** @returns an element's child elements */
export function childElements(node: Element): Element[] {
  return node.children.filter((child: RootContent): child is Element => child.type === 'element')
}

/** @returns the class names of an element */
export function classesOf(node: Element): string[] {
  const value = node.properties.className
  return Array.isArray(value) ? value.map(String) : []
}

/** Text as a reader sees it, whitespace (incl. no-break spaces) collapsed. */
export function normalText(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** @returns the element's text, normalised */
export function textOf(node: Element | Root): string {
  return normalText(toString(node))
}

/**
 * The text nodes of a tree joined with spaces: block boundaries separate words (hast-util-to-string
 * would glue the last word of one paragraph to the first of the next).
 */
export function wordsText(tree: Element | Root): string {
  const parts: string[] = []
  visit(tree, 'text', (node) => {
    parts.push(node.value)
  })
  return parts.join(' ')
}

/** A `<h2>`…`<h6>` tag name → its level, else undefined. */
export function headingLevel(node: Element): number | undefined {
  const match = /^h([1-6])$/.exec(node.tagName)
  return match ? Number(match[1]) : undefined
}
