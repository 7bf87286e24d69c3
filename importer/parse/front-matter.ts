import type {Heading, Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Diagnostics, SourcePoint} from '../diagnostics.ts'
import type {Person} from '../documents/bylines.ts'
import type {ReportProfile} from '../profile/types.ts'
import {parseAuthors} from './authors.ts'
import {readFrontMatterEntries} from './front-matter-source.ts'
import type {FrontMatterEntry, FrontMatterNode} from './front-matter-source.ts'

/** The report fields the front matter (or the leading heading) carries, checked and typed. */
export interface FrontMatter {
  title: string
  year: number
  subtitle?: string
  seo?: SeoFields
  /** The front matter's `slug` (a report's identity when the profile says so). */
  slug?: string
  /** People the front matter names as the report's authors. */
  authors: Person[]
  /** The leading `#` heading that is the report's title: not a section. */
  titleHeading?: Heading
}

export interface SeoFields {
  title?: string
  description?: string
  url?: string
  image?: string
  twitterUsername?: string
}

const SEO_KEYS = ['title', 'description', 'url', 'image', 'twitterUsername'] as const
const YEAR = /\b(19\d\d|2\d\d\d)\b/
const HTTP_URL = /^https?:\/\//i
const TWITTER = /^@?[A-Za-z0-9_]{1,15}$/

/**
 * Reads a report's fields from its front matter — YAML (`---`), TOML (`+++`) or Ziggy, with the
 * keys the profile maps — or, without a title there, from a leading `#` heading. A leading `#`
 * heading equal to the title is the title, not a section. The year is the front matter's, else
 * the title's, else the date's, else seo.url's (a warning says which). Unknown keys are warned
 * about (except the profile's site-plumbing keys).
 * @param root - the parsed file
 * @param diagnostics - where warnings go; also names the file in errors
 * @param profile - front matter keys, byline rules (for author lines)
 * @returns the checked fields
 * @throws ImportError (located) for front matter that cannot be read, wrong types, or no title/year
 */
export function readFrontMatter(root: Root, diagnostics: Diagnostics, profile: ReportProfile): FrontMatter {
  const node = root.children.find((child): child is FrontMatterNode => child.type === 'yaml' || child.type === 'toml')
  const start: SourcePoint = node?.position?.start ?? {line: 1, column: 1}
  const fields = new FieldReader(node ? readFrontMatterEntries(node, diagnostics) : [], diagnostics, profile)
  const keys = profile.frontMatter
  const heading = leadingHeading(root)
  let title = fields.string('title', keys.title, true)
  let titleHeading: Heading | undefined
  if (title === undefined && heading) {
    title = headingText(heading)
    titleHeading = heading
  } else if (title !== undefined && heading && sameTitle(headingText(heading), title)) {
    titleHeading = heading
  }
  if (!title) {
    throw diagnostics.error('no-title', node ? 'front matter has no "title" (and the file has no leading # heading)' : 'no title: no front matter "title" and no leading # heading', start)
  }
  const result: FrontMatter = {title, year: 0, authors: fields.authors(keys.authors)}
  if (titleHeading) result.titleHeading = titleHeading
  const subtitle = fields.string('subtitle', keys.subtitle, false)
  if (subtitle) result.subtitle = subtitle
  const slug = fields.string('slug', keys.slug, false)
  if (slug) result.slug = slug
  const seo = fields.seo(keys.seo, fields.string('description', keys.description, false))
  if (seo) result.seo = seo
  const year = fields.year(keys.year)
  const date = fields.date(keys.date)
  fields.warnUnknown()
  result.year = year ?? inferYear(title, date, seo, diagnostics, start, Boolean(node))
  return result
}

/** The first body node when it is a `#` heading. */
function leadingHeading(root: Root): Heading | undefined {
  const first = root.children.find((child) => child.type !== 'yaml' && child.type !== 'toml' && !(child.type === 'html' && /^\s*<!--[\s\S]*-->\s*$/.test(child.value)))
  return first?.type === 'heading' && first.depth === 1 ? first : undefined
}

function headingText(heading: Heading): string {
  return toString(heading, {includeImageAlt: false}).replace(/\s+/g, ' ').trim()
}

/** Equal as a reader sees them: case, spacing and trailing punctuation aside. */
function sameTitle(a: string, b: string): boolean {
  const normal = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').replace(/[\s.:!]+$/, '').trim()
  return normal(a) !== '' && normal(a) === normal(b)
}

function inferYear(title: string, date: DateField | undefined, seo: SeoFields | undefined, diagnostics: Diagnostics, at: SourcePoint, hasFrontMatter: boolean): number {
  const fromTitle = YEAR.exec(title)?.[1]
  const prefix = hasFrontMatter ? 'front matter has no "year"' : 'no front matter "year"'
  if (fromTitle) {
    diagnostics.warn('inferred-year', `${prefix}; using ${fromTitle} from the title`, at)
    return Number(fromTitle)
  }
  if (date?.year !== undefined) {
    diagnostics.warn('inferred-year', `${prefix}; using ${date.year} from the date`, date.at)
    return date.year
  }
  if (date) diagnostics.warn('invalid-date', `"${date.key}" is not a date (YYYY-MM-DD…); not used for the year`, date.at)
  const fromUrl = seo?.url ? YEAR.exec(seo.url)?.[1] : undefined
  if (fromUrl) {
    diagnostics.warn('inferred-year', `${prefix}; using ${fromUrl} from the seo.url`, at)
    return Number(fromUrl)
  }
  throw diagnostics.error('no-year', `${prefix} and none can be inferred from the title, a date or seo.url`, at)
}

/** A front matter date: its key, where it is, and its year when it is a date. */
interface DateField {
  key: string
  year?: number
  at: SourcePoint
}

/** Typed reads of the front matter's entries by the profile's keys, remembering what was used. */
class FieldReader {
  private readonly used = new Set<string>()

  private readonly entries: FrontMatterEntry[]
  private readonly diagnostics: Diagnostics
  private readonly profile: ReportProfile

  constructor(
    entries: FrontMatterEntry[],
    diagnostics: Diagnostics,
    profile: ReportProfile,
  ) {
    this.entries = entries
    this.diagnostics = diagnostics
    this.profile = profile
  }

  /** The entries the paths name that are present (dotted paths descend into mappings). */
  private lookup(paths: readonly string[]): FrontMatterEntry[] {
    const found: FrontMatterEntry[] = []
    for (const path of paths) {
      const [top, ...rest] = path.split('.')
      let entry = this.entries.find((candidate) => candidate.key === top)
      if (entry) this.used.add(top!)
      for (const key of rest) entry = entry?.entries?.find((candidate) => candidate.key === key)
      if (entry) found.push(entry)
    }
    return found
  }

  string(field: string, paths: readonly string[], required: boolean): string | undefined {
    const entry = this.lookup(paths)[0]
    if (!entry) return undefined
    if (entry.value === null || entry.value === undefined) {
      if (required) throw this.diagnostics.error('invalid-front-matter', `"${entry.key}" is empty`, entry.at)
      return undefined
    }
    if (typeof entry.value !== 'string') throw this.diagnostics.error('invalid-front-matter', `"${entry.key}" must be a string, got ${describe(entry.value)}`, entry.valueAt)
    const trimmed = entry.value.trim()
    if (required && trimmed === '') throw this.diagnostics.error('invalid-front-matter', `"${entry.key}" is empty`, entry.valueAt)
    return trimmed === '' ? undefined : trimmed
  }

  year(paths: readonly string[]): number | undefined {
    const entry = this.lookup(paths)[0]
    if (!entry || entry.value === null || entry.value === undefined) return undefined
    const value = entry.value
    const year = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d{4}\s*$/.test(value) ? Number(value) : NaN
    if (!Number.isInteger(year) || year < 1900 || year > 2999) {
      throw this.diagnostics.error('invalid-front-matter', `"${entry.key}" must be a 4-digit year (1900–2999), got ${describe(value)}`, entry.valueAt)
    }
    return year
  }

  /** The first date's year (`2023-12-18`, `2023-12-18T00:00:00Z`, a TOML date, Ziggy `@date("…")`); `year` left out when it is not a date. */
  date(paths: readonly string[]): DateField | undefined {
    let invalid: DateField | undefined
    for (const entry of this.lookup(paths)) {
      const value = entry.value
      const text = value instanceof Date ? value.toISOString() : typeof value === 'object' && value !== null && 'value' in value ? String((value as {value: unknown}).value) : String(value ?? '')
      const year = /^\s*(\d{4})-\d{1,2}-\d{1,2}/.exec(text)?.[1]
      if (year && Number(year) >= 1900 && Number(year) <= 2999) return {key: entry.key, year: Number(year), at: entry.valueAt}
      if (text.trim() !== '') invalid ??= {key: entry.key, at: entry.valueAt}
    }
    return invalid
  }

  authors(paths: readonly string[]): Person[] {
    const people = new Map<string, Person>()
    for (const entry of this.lookup(paths)) {
      const found = parseAuthors(entry.value, this.profile.byline)
      if (!found) {
        this.diagnostics.warn('invalid-author', `"${entry.key}" is not a name or a list of names; no author imported from it`, entry.valueAt)
        continue
      }
      for (const person of found) if (!people.has(person.name)) people.set(person.name, person)
    }
    return [...people.values()]
  }

  seo(paths: readonly string[], description: string | undefined): SeoFields | undefined {
    const entry = this.lookup(paths)[0]
    const seo: SeoFields = {}
    if (entry && entry.value !== null && entry.value !== undefined) {
      if (!entry.entries) throw this.diagnostics.error('invalid-front-matter', `"${entry.key}" must be a mapping (title, description, url, image, twitterUsername), got ${describe(entry.value)}`, entry.valueAt)
      for (const item of entry.entries) this.seoField(item, seo)
    }
    if (description && !seo.description) seo.description = description
    return Object.keys(seo).length > 0 ? seo : undefined
  }

  private seoField(item: FrontMatterEntry, seo: SeoFields): void {
    const known = SEO_KEYS.find((name) => name === item.key)
    if (!known) {
      this.diagnostics.warn('unknown-front-matter', `front matter key "seo.${item.key}" is not part of the SEO model; not imported`, item.at)
      return
    }
    if (item.value === null || item.value === undefined) return
    if (typeof item.value !== 'string') throw this.diagnostics.error('invalid-front-matter', `"seo.${item.key}" must be a string, got ${describe(item.value)}`, item.valueAt)
    const value = item.value.trim()
    if (value === '') return
    if (known === 'url' && !HTTP_URL.test(value)) {
      this.diagnostics.warn('invalid-url', `seo.url "${value}" is not an http(s) URL; not imported`, item.valueAt)
      return
    }
    if (known === 'twitterUsername' && !TWITTER.test(value)) {
      this.diagnostics.warn('invalid-twitter', `seo.twitterUsername "${value}" is not a Twitter handle; not imported`, item.valueAt)
      return
    }
    seo[known] = value
  }

  /**
   * Every top-level key neither read nor ignored by the profile: warned, not imported. A key of the
   * profile's site front matter is written back by an export as the profile has it: a report with
   * another value is warned about.
   */
  warnUnknown(): void {
    const site = this.profile.siteFrontMatter ?? {}
    for (const entry of this.entries) {
      if (this.used.has(entry.key)) continue
      const expected = site[entry.key]
      if (expected !== undefined) {
        const shown = entry.value === null || typeof entry.value === 'object' ? 'not a plain value' : JSON.stringify(entry.value)
        if (entry.value !== expected) this.diagnostics.warn('site-front-matter', `front matter "${entry.key}" is ${shown}, not the profile's "${expected}"; an export writes the profile's`, entry.at)
        continue
      }
      if (this.profile.ignoredFrontMatterKeys.includes(entry.key)) continue
      this.diagnostics.warn('unknown-front-matter', `front matter key "${entry.key}" is not part of the report model; not imported`, entry.at)
    }
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (Array.isArray(value)) return 'a list'
  if (value && typeof value === 'object') return 'a mapping'
  return String(value)
}

