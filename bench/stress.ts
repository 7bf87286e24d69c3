/**
 * Hostile shapes (full run only): time per MB stays linear and the retained heap stays a small
 * multiple of the input, against the parse of the same input in the same process.
 */
import {readFileSync} from 'node:fs'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {importMarkdown} from '../importer/index.ts'
import {medianMs} from './lib/measure.ts'

const FRONT_MATTER = '---\ntitle: Bench\nyear: 2024\n---\n'
const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze()

export interface StressRow {
  name: string
  mb: number
  parseMs: number
  importMs: number
  importOverParse: number
  retainedMb: number
}

/** Heap still held by one call's result after a full collection (needs --expose-gc). */
function retainedMb(run: () => unknown): number {
  globalThis.gc?.()
  const before = process.memoryUsage().heapUsed
  const kept = run()
  globalThis.gc?.()
  const after = process.memoryUsage().heapUsed
  void kept
  return Math.max(0, after - before) / 1024 / 1024
}

/**
 * @param sampleFile - the sample report (scaled ×8 is one case)
 * @returns one row per case
 */
export function benchStress(sampleFile: string): StressRow[] {
  const sample = readFileSync(sampleFile, 'utf8')
  const body = sample.replace(/^---\n[\s\S]*?\n---\n/, '')
  const cases: Array<[string, string]> = [
    ['sample ×8', sample + body.repeat(7)],
    ['100,000 links', FRONT_MATTER + Array.from({length: 100_000}, (_, i) => `[l${i}](https://e.org/${i})`).join(' ')],
    ['10 MB paragraph', FRONT_MATTER + 'lorem ipsum dolor sit amet '.repeat(388_000)],
    ['list nested 1,000 deep', FRONT_MATTER + Array.from({length: 1000}, (_, d) => `${'  '.repeat(d)}- level ${d}`).join('\n')],
    ['blockquote nested 1,000 deep', `${FRONT_MATTER}${'>'.repeat(1000)} deep\n`],
  ]
  return cases.map(([name, markdown]) => {
    const parseMs = medianMs(() => parser.parse(markdown), {warmup: 0, runs: 1})
    const importMs = medianMs(() => importMarkdown(markdown, {file: 'bench.md'}), {warmup: 0, runs: 1})
    return {name, mb: Buffer.byteLength(markdown) / 1024 / 1024, parseMs, importMs, importOverParse: importMs / parseMs, retainedMb: retainedMb(() => importMarkdown(markdown, {file: 'bench.md'}))}
  })
}
