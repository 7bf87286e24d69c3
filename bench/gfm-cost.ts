/**
 * Which remark-gfm extension costs what on the sample: the CommonMark parse alone, with each
 * extension alone, with all but one, with all (remark-gfm), and with our tuned GFM
 * (importer/parse/gfm.ts, same mdast). Times are CPU-time medians of interleaved rounds.
 */
import {readFileSync} from 'node:fs'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import type {Processor} from 'unified'
import type {Construct, Extension} from 'micromark-util-types'
import {parseMarkdown} from '../importer/parse/markdown.ts'
import {interleavedMedians} from './lib/measure.ts'

/** The five GFM syntax extensions, by the construct names micromark gives them. */
const EXTENSIONS: Record<string, readonly string[]> = {
  'autolink literal': ['emailAutolink', 'wwwAutolink', 'protocolAutolink'],
  'autolink literal: email only': ['emailAutolink'],
  footnote: ['gfmFootnoteDefinition', 'gfmFootnoteCall', 'gfmPotentialFootnoteCall'],
  strikethrough: ['strikethrough'],
  table: ['table'],
  'task list item': ['tasklistCheck'],
}

type Constructs = Record<string, Construct | Construct[] | undefined>

/** remark-gfm with some constructs taken out of its micromark extension (not just disabled: never attempted). */
function without(names: readonly string[]): Processor {
  const drop = new Set(names)
  const filter = (record: Constructs | undefined): Constructs | undefined => {
    if (!record) return record
    const out: Constructs = {}
    for (const [code, value] of Object.entries(record)) {
      const list = (Array.isArray(value) ? value : value ? [value] : []).filter((construct) => !(construct.name && drop.has(construct.name)))
      if (list.length > 0) out[code] = list
    }
    return out
  }
  return unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(function dropConstructs(this: Processor) {
    const data = this.data()
    data.micromarkExtensions = (data.micromarkExtensions ?? []).map((extension): Extension => {
      return {...extension, text: filter(extension.text), flow: filter(extension.flow), document: filter(extension.document)}
    })
  }).freeze() as unknown as Processor
}

export interface GfmCostRow {
  name: string
  /** Median CPU ms. */
  ms: number
  /** ms / the CommonMark parse. */
  vsCommonMark: number
}

/**
 * @param file - the markdown to parse
 * @param runs - interleaved rounds
 * @returns one row per configuration; `cost` rows are remark-gfm minus the extension
 */
export function benchGfmCost(file: string, runs: number): GfmCostRow[] {
  const markdown = readFileSync(file, 'utf8')
  const contenders: Record<string, () => unknown> = {
    // Plain remark-parse: remark-gfm with its constructs removed would still run its autolink transform.
    'CommonMark only (remark-parse)': ((p) => () => p.parse(markdown))(unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze()),
    'remark-gfm (all five)': ((p) => () => p.parse(markdown))(unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze()),
    'ours: tuned GFM (same mdast)': () => parseMarkdown(markdown),
  }
  for (const [name, names] of Object.entries(EXTENSIONS)) {
    contenders[`remark-gfm without ${name}`] = ((p) => () => p.parse(markdown))(without(names))
  }
  const times = interleavedMedians(contenders, {warmup: 3, runs})
  const base = times['CommonMark only (remark-parse)']!.cpuMs
  return Object.keys(contenders).map((name) => ({name, ms: times[name]!.cpuMs, vsCommonMark: times[name]!.cpuMs / base}))
}
