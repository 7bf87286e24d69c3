import type {Root, Yaml} from 'mdast'
import {isAlias, isMap, isScalar, isSeq, parseDocument} from 'yaml'
import type {Document as YamlDocument, Node as YamlNode, Pair, YAMLMap} from 'yaml'
import type {Diagnostics, SourcePoint} from '../diagnostics'
import type {ReportProfile} from '../profile/types'
import {pointAt} from './position'

/** The report fields the front matter carries, checked and typed. */
export interface FrontMatter {
  title: string
  year: number
  subtitle?: string
  seo?: SeoFields
}

export interface SeoFields {
  title?: string
  description?: string
  url?: string
  image?: string
  twitterUsername?: string
}

const SEO_KEYS = ['title', 'description', 'url', 'image', 'twitterUsername'] as const
const REPORT_KEYS = new Set(['title', 'year', 'subTitle', 'seo'])
const YEAR = /\b(19\d\d|2\d\d\d)\b/
const HTTP_URL = /^https?:\/\/[^\s/]+/i
const TWITTER = /^@?[A-Za-z0-9_]{1,15}$/

/**
 * Reads the YAML front matter of a parsed report into report fields.
 * Unknown keys are warned about (except the profile's site-plumbing keys); a missing `year`
 * is inferred from the title or the SEO url, with a warning.
 * @param root - the mdast root (its first child is the `yaml` node when there is one)
 * @param diagnostics - where warnings go; also names the file in errors
 * @param profile - which keys to ignore silently
 * @returns the checked fields
 * @throws ImportError (located) for invalid YAML, wrong types, or no title/year
 */
export function readFrontMatter(root: Root, diagnostics: Diagnostics, profile: ReportProfile): FrontMatter {
  const node = root.children.find((child): child is Yaml => child.type === 'yaml')
  if (!node) {
    throw diagnostics.error('no-front-matter', 'no YAML front matter (--- title: … year: … ---) at the start of the file', {
      line: 1,
      column: 1,
    })
  }
  const reader = new YamlReader(node, diagnostics)
  const map = reader.topMap()
  const fields: Partial<FrontMatter> = {}
  for (const pair of map?.items ?? []) {
    const key = reader.keyOf(pair)
    switch (key) {
      case 'title':
        fields.title = reader.string(pair, 'title', true)
        break
      case 'subTitle':
        fields.subtitle = reader.string(pair, 'subTitle', false)
        break
      case 'year':
        fields.year = reader.year(pair)
        break
      case 'seo':
        fields.seo = reader.seo(pair)
        break
      default:
        if (profile.siteFrontMatter?.[key] !== undefined) {
          // Written back by an export as the profile has it: say so when this report differs.
          const value = isScalar(pair.value) ? pair.value.value : undefined
          const shown = value === undefined ? 'not a plain value' : JSON.stringify(value)
          if (value !== profile.siteFrontMatter[key]) diagnostics.warn('site-front-matter', `front matter "${key}" is ${shown}, not the profile's "${profile.siteFrontMatter[key]}"; an export writes the profile's`, reader.at(pair.key))
        } else if (!profile.ignoredFrontMatterKeys.includes(key) && !REPORT_KEYS.has(key)) {
          diagnostics.warn('unknown-front-matter', `front matter key "${key}" is not part of the report model; not imported`, reader.at(pair.key))
        }
    }
  }
  const start = node.position?.start ?? {line: 1, column: 1}
  if (!fields.title) throw diagnostics.error('no-title', 'front matter has no "title"', start)
  if (fields.year === undefined) fields.year = inferYear(fields.title, fields.seo, diagnostics, start)
  return fields as FrontMatter
}

function inferYear(title: string, seo: SeoFields | undefined, diagnostics: Diagnostics, at: SourcePoint): number {
  for (const [from, text] of [['title', title], ['seo.url', seo?.url]] as const) {
    const match = text ? YEAR.exec(text) : null
    if (match?.[1]) {
      diagnostics.warn('inferred-year', `front matter has no "year"; using ${match[1]} from the ${from}`, at)
      return Number(match[1])
    }
  }
  throw diagnostics.error('no-year', 'front matter has no "year" and none can be inferred from the title or seo.url', at)
}

/** Reads typed values out of the YAML document, locating every problem in the markdown file. */
class YamlReader {
  private readonly text: string
  /** Where the YAML text starts in the markdown file (the line after the opening `---`). */
  private readonly firstLine: number

  constructor(
    node: Yaml,
    private readonly diagnostics: Diagnostics,
  ) {
    this.text = node.value
    this.firstLine = (node.position?.start.line ?? 1) + 1
  }

  /** The parsed document, which aliases (`*name`) resolve against. */
  private document: YamlDocument | undefined

  /** An alias stands for the node its anchor names (YAML 1.2: the same value), else the node itself. */
  private resolved(node: unknown): unknown {
    return isAlias(node) && this.document ? (node.resolve(this.document) ?? null) : node
  }

  topMap(): YAMLMap | undefined {
    const document = parseDocument(this.text, {prettyErrors: false, uniqueKeys: true})
    this.document = document
    const problem = document.errors[0]
    if (problem) {
      const message = problem.message.split('\n')[0] ?? problem.message
      throw this.diagnostics.error('invalid-yaml', `invalid YAML front matter: ${message}`, this.point(problem.pos[0]))
    }
    const contents = document.contents
    if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''))) return undefined
    if (!isMap(contents)) throw this.diagnostics.error('invalid-front-matter', 'front matter must be a YAML mapping of keys to values', this.at(contents))
    return contents
  }

  keyOf(pair: Pair): string {
    if (isScalar(pair.key) && (typeof pair.key.value === 'string' || typeof pair.key.value === 'number')) return String(pair.key.value)
    throw this.diagnostics.error('invalid-front-matter', 'front matter keys must be plain names', this.at(pair.key))
  }

  string(pair: Pair, name: string, required: boolean): string | undefined {
    const node = this.resolved(pair.value)
    const value = isScalar(node) ? node.value : node
    if (value === null || value === undefined) {
      if (required) throw this.diagnostics.error('invalid-front-matter', `"${name}" is empty`, this.at(pair.key))
      return undefined
    }
    if (typeof value !== 'string') {
      throw this.diagnostics.error('invalid-front-matter', `"${name}" must be a string, got ${describe(value)}`, this.at(pair.value ?? pair.key))
    }
    const trimmed = value.trim()
    if (required && trimmed === '') throw this.diagnostics.error('invalid-front-matter', `"${name}" is empty`, this.at(pair.value ?? pair.key))
    return trimmed === '' ? undefined : trimmed
  }

  year(pair: Pair): number | undefined {
    const node = this.resolved(pair.value)
    const value = isScalar(node) ? node.value : node
    if (value === null || value === undefined) return undefined
    const year = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d{4}\s*$/.test(value) ? Number(value) : NaN
    if (!Number.isInteger(year) || year < 1900 || year > 2999) {
      throw this.diagnostics.error('invalid-front-matter', `"year" must be a 4-digit year (1900–2999), got ${describe(value)}`, this.at(pair.value ?? pair.key))
    }
    return year
  }

  seo(pair: Pair): SeoFields | undefined {
    const node = this.resolved(pair.value)
    if (node === null || node === undefined || (isScalar(node) && node.value === null)) return undefined
    if (!isMap(node)) {
      const value = isScalar(node) ? node.value : node
      throw this.diagnostics.error('invalid-front-matter', `"seo" must be a mapping (title, description, url, image, twitterUsername), got ${describe(value)}`, this.at(pair.value ?? pair.key))
    }
    const seo: SeoFields = {}
    for (const item of node.items) {
      const key = this.keyOf(item)
      const known = SEO_KEYS.find((name) => name === key)
      if (!known) {
        this.diagnostics.warn('unknown-front-matter', `front matter key "seo.${key}" is not part of the SEO model; not imported`, this.at(item.key))
        continue
      }
      const value = this.string(item, `seo.${key}`, false)
      if (value === undefined) continue
      if (known === 'url' && !HTTP_URL.test(value)) {
        this.diagnostics.warn('invalid-url', `seo.url "${value}" is not an http(s) URL; not imported`, this.at(item.value ?? item.key))
        continue
      }
      if (known === 'twitterUsername' && !TWITTER.test(value)) {
        this.diagnostics.warn('invalid-twitter', `seo.twitterUsername "${value}" is not a Twitter handle; not imported`, this.at(item.value ?? item.key))
        continue
      }
      seo[known] = value
    }
    return Object.keys(seo).length > 0 ? seo : undefined
  }

  /** The markdown position of a YAML node. */
  at(node: unknown): SourcePoint | undefined {
    const range = (node as YamlNode | undefined)?.range
    return range ? this.point(range[0]) : undefined
  }

  private point(offset: number): SourcePoint {
    const inYaml = pointAt(this.text, offset)
    return {line: this.firstLine + inYaml.line - 1, column: inYaml.column}
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (Array.isArray(value) || isSeq(value)) return 'a list'
  if (value && typeof value === 'object') return 'a mapping'
  return String(value)
}
