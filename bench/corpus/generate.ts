/**
 * A corpus of made-up reports of this family, for scale tests and the benchmark: each report is
 * the bundled sample with its own year and its prose words shuffled deterministically, so reports
 * differ in text (and section titles) but keep the sample's structure — headings, links, lists,
 * images, project logo blocks and bylines, which stay as they are so authors and projects are
 * shared across the corpus as in a real archive.
 */
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
// The lake's seeded PRNG (mulberry32): the same seed gives the same corpus on every machine.
import {seededRandom} from '../../lake/faults.ts'

/** The bundled sample every generated report is made from. */
export const SAMPLE_FILE = path.resolve(import.meta.dirname, '../../content/annual-report-2022.md')

/** Options of {@link generateReport}. */
export interface GenerateOptions {
  /** Seed of the word shuffle (default 1). */
  seed?: number
  /** How many varied copies of the sample's body one report holds (default 1, about 80 KB). */
  scale?: number
  /** The template (default: the bundled sample). */
  template?: string
}

/** First year of a generated corpus: years must be unique and 1900–2999. */
export const FIRST_YEAR = 1900

/**
 * @param index - the report's index in the corpus, 0 to 1099 (its year is 1900 + index)
 * @param options - seed, scale, template
 * @returns the markdown of one report
 */
export function generateReport(index: number, options: GenerateOptions = {}): string {
  const template = options.template ?? readSample()
  const year = FIRST_YEAR + index
  const end = template.indexOf('\n---', 4)
  const frontMatter = template.slice(0, end).replace(/\b20\d\d\b/g, String(year))
  const body = template.slice(end + 4)
  const random = seededRandom(((options.seed ?? 1) * 100_003 + index) >>> 0)
  const copies: string[] = []
  for (let copy = 0; copy < (options.scale ?? 1); copy++) copies.push(varyBody(body, random))
  const yearLine = /^year:/m.test(frontMatter) ? '' : `\nyear: ${year}`
  return `${frontMatter}${yearLine}\n---${copies.join('\n\n')}`
}

/**
 * Writes `count` reports as `<dir>/report-<year>.md`.
 * @param dir - the folder (created)
 * @param count - how many reports
 * @param options - seed, scale, template
 * @returns the files written, in year order
 */
export function writeCorpus(dir: string, count: number, options: GenerateOptions = {}): string[] {
  mkdirSync(dir, {recursive: true})
  const template = options.template ?? readSample()
  const files: string[] = []
  for (let index = 0; index < count; index++) {
    const file = path.join(dir, `report-${FIRST_YEAR + index}.md`)
    writeFileSync(file, generateReport(index, {...options, template}))
    files.push(file)
  }
  return files
}

let sample: string | undefined
function readSample(): string {
  sample ??= readFileSync(SAMPLE_FILE, 'utf8')
  return sample
}

/** Lines left as they are: HTML blocks, bylines (fully emphasised), images, tables, rules. */
const KEEP_LINE = /^\s*(<|\*|!\[|\||---|$)/

/** Shuffles the words of prose lines among themselves, outside link targets and code. */
function varyBody(body: string, random: () => number): string {
  return body
    .split('\n')
    .map((line) => (KEEP_LINE.test(line) || looksLikeByline(line) ? line : varyLine(line, random)))
    .join('\n')
}

/** `Name, Role, Organisation` in any emphasis: short, with commas, no sentence stop. */
function looksLikeByline(line: string): boolean {
  return line.length < 160 && line.includes(',') && !/[.!?:]\s/.test(line)
}

/** Words of four or more letters, not inside `(…)` link targets, `<…>` or backticks. */
const PROSE = /(\]\([^)]*\)|<[^>]*>|`[^`]*`|https?:\/\/\S+)|\b([A-Za-z]{4,})\b/g

function varyLine(line: string, random: () => number): string {
  const words: string[] = []
  line.replace(PROSE, (match, protectedPart: string | undefined, word: string | undefined) => {
    if (!protectedPart && word) words.push(word)
    return match
  })
  for (let i = words.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[words[i], words[j]] = [words[j] as string, words[i] as string]
  }
  let next = 0
  return line.replace(PROSE, (match, protectedPart: string | undefined, word: string | undefined) =>
    !protectedPart && word ? (words[next++] ?? word) : match,
  )
}
