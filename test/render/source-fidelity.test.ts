/**
 * Each year's rendered page against its markdown rendered the standard way (remark-parse + GFM →
 * mdast-util-to-hast → hast-util-raw, i.e. remark-rehype with raw HTML): the page keeps the
 * source's words and link hrefs.
 */
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import type {Element, Nodes, Root as HastRoot} from 'hast'
import {raw} from 'hast-util-raw'
import type {Root} from 'mdast'
import {toHast} from 'mdast-util-to-hast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {visit} from 'unist-util-visit'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {importFiles} from '../../importer/index.ts'
import {renderSitePage} from '../../render/index.ts'
import {runLocalQuery, type StoredDocument} from '../../queries/run-local.ts'
import {wordsOf} from '../helpers/text.ts'
import {multiYearInputs, repoRoot} from '../queries/helpers.ts'
import {parseDocument} from './helpers.ts'

/** Elements whose content a reader does not see as prose. */
const NOT_PROSE = new Set(['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript', 'textarea', 'title', 'head'])

/** The markdown as remark/rehype render it. */
function sourceHtmlTree(markdown: string): HastRoot {
  const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml'])
  const mdast = processor.runSync(processor.parse(markdown)) as Root
  return raw(toHast(mdast, {allowDangerousHtml: true})) as HastRoot
}

function proseWords(tree: Nodes): string[] {
  const parts: string[] = []
  visit(tree, (node) => {
    if (node.type === 'element' && NOT_PROSE.has(node.tagName)) return 'skip'
    if (node.type === 'text') parts.push(node.value)
    return undefined
  })
  return wordsOf(parts.join(' '))
}

/** Hrefs of links a reader can follow (with text or an image in them). */
function hrefs(tree: Nodes): string[] {
  const found: string[] = []
  visit(tree, 'element', (node: Element) => {
    if (node.tagName !== 'a' || typeof node.properties.href !== 'string') return
    const hasContent = node.children.some((child) => (child.type === 'text' && child.value.trim() !== '') || child.type === 'element')
    if (hasContent && !node.properties.href.startsWith('#')) found.push(node.properties.href)
  })
  return found
}

function missingFrom(expected: readonly string[], actual: readonly string[]): string[] {
  const left = new Map<string, number>()
  for (const item of actual) left.set(item, (left.get(item) ?? 0) + 1)
  return expected.filter((item) => {
    const count = left.get(item) ?? 0
    left.set(item, count - 1)
    return count <= 0
  })
}

let documents: StoredDocument[]
let files: Map<number, string>
let dir: string

beforeAll(async () => {
  const imported = await importFiles(multiYearInputs(), {cwd: repoRoot})
  documents = imported.documents as unknown as StoredDocument[]
  files = new Map()
  for (const report of documents.filter((document) => document._type === 'report')) {
    const source = (report.importInfo as {source: string}).source
    files.set(Number(report.year), path.join(repoRoot, source))
  }
  dir = mkdtempSync(path.join(tmpdir(), 'render-fidelity-'))
})
afterAll(() => rmSync(dir, {recursive: true, force: true}))

describe("each year's page keeps the source's words and link hrefs", () => {
  test('every year of the multi-year fixture', async () => {
    expect(files.size).toBeGreaterThanOrEqual(3)
    const counts: string[] = []
    for (const [year, file] of files) {
      const source = sourceHtmlTree(readFileSync(file, 'utf8'))
      const {html} = await renderSitePage({source: {fetch: (query, params) => runLocalQuery(query, documents, params)}, year, out: dir})
      const page = parseDocument(html)
      const body = page.children.find((node): node is Element => node.type === 'element' && node.tagName === 'html')!
      const words = proseWords(source)
      const links = hrefs(source)
      counts.push(`${year}: ${words.length} words, ${links.length} links`)
      // Not vacuous: the source has prose and links, and a word the page lacks is caught.
      expect(words.length).toBeGreaterThan(10)
      expect(links.length).toBeGreaterThan(0)
      expect(missingFrom([...words, 'zzqxvunseen'], proseWords(body))).toEqual(['zzqxvunseen'])
      expect(missingFrom(words, proseWords(body)), `${year}: words of ${file}`).toEqual([])
      expect(missingFrom(links, hrefs(body)), `${year}: links of ${file}`).toEqual([])
    }
    console.info(`source fidelity: ${counts.join('; ')}`)
  })
})
