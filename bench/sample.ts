/**
 * The sample report converted by our importer, by the parse floor (remark-parse + remark-gfm,
 * what any unified-based converter pays first) and by two peers, with each one's fidelity on
 * the same input: `@portabletext/markdown`'s `markdownToPortableText`, and remark → HTML →
 * `@portabletext/block-tools`' `htmlToBlocks` (the route a "paste HTML" import takes, DOM from jsdom).
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {htmlToBlocks} from '@portabletext/block-tools'
import {markdownToPortableText} from '@portabletext/markdown'
import {Schema} from '@sanity/schema'
import {builtinTypes} from '@sanity/schema/_internal'
import type {Root as HastRoot} from 'hast'
import {toHtml} from 'hast-util-to-html'
import {JSDOM} from 'jsdom'
import {toHast} from 'mdast-util-to-hast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {importMarkdown} from '../importer/index.ts'
import {fidelity} from './lib/fidelity.ts'
import type {Fidelity} from './lib/fidelity.ts'
import {interleavedMedians} from './lib/measure.ts'

/** One contender's figures. */
export interface SampleRow {
  name: string
  /** Median CPU ms of one conversion (the figure ratios use). */
  ms: number
  wallMs: number
  mbPerS: number
  /** This contender's CPU time / ours. */
  vsOurs: number
  fidelity?: Fidelity
}

export interface SampleResult {
  file: string
  bytes: number
  rows: SampleRow[]
  oursOverFloor: number
}

const floor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze()

const blockContentType = (() => {
  const schema = Schema.compile({
    name: 'bench',
    // The built-in types (image and its hotspot/crop) so images can be carried too.
    types: [...builtinTypes, {type: 'object', name: 'doc', fields: [{name: 'body', type: 'array', of: [{type: 'block'}, {type: 'image'}]}]}],
  })
  const doc = schema.get('doc') as {fields: Array<{name: string; type: unknown}>}
  return doc.fields.find((field) => field.name === 'body')!.type as Parameters<typeof htmlToBlocks>[1]
})()

/** remark → HTML (raw HTML kept, as a site renders it) → block-tools with a jsdom DOM. */
function viaHtml(markdown: string): unknown {
  const html = toHtml(toHast(floor.parse(markdown), {allowDangerousHtml: true}) as HastRoot, {allowDangerousHtml: true})
  return htmlToBlocks(html, blockContentType, {parseHtml: (text) => new JSDOM(text).window.document})
}

/**
 * @param file - the markdown report
 * @param runs - timed runs per contender (after warm-up)
 * @returns times, ratios and fidelity
 */
export function benchSample(file: string, runs: number): SampleResult {
  const markdown = readFileSync(file, 'utf8')
  const bytes = Buffer.byteLength(markdown)
  const contenders = {
    ours: () => importMarkdown(markdown, {file: path.basename(file)}).documents,
    'floor: remark-parse + remark-gfm': () => floor.parse(markdown),
    '@portabletext/markdown markdownToPortableText': () => markdownToPortableText(markdown),
    'remark → HTML → block-tools htmlToBlocks (jsdom)': () => viaHtml(markdown),
  }
  const times = interleavedMedians(contenders, {warmup: 3, runs})
  const tree = floor.parse(markdown)
  const ours = times.ours!.cpuMs
  const rows: SampleRow[] = Object.entries(contenders).map(([name, run]) => {
    const ms = times[name]!.cpuMs
    const row: SampleRow = {name, ms, wallMs: times[name]!.wallMs, mbPerS: bytes / 1024 / 1024 / (ms / 1000), vsOurs: ms / ours}
    if (!name.startsWith('floor')) row.fidelity = fidelity(tree, run())
    return row
  })
  return {file: path.basename(file), bytes, rows, oursOverFloor: ours / times['floor: remark-parse + remark-gfm']!.cpuMs}
}
