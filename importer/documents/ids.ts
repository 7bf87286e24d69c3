import slugify from '@sindresorhus/slugify'
import type {ReportSlugSource} from '../profile/data.ts'
import type {Slug} from './types.ts'

/** The content model's limit on slug length. */
const MAX_SLUG_LENGTH = 96

/**
 * A URL- and id-safe slug: lowercase `[a-z0-9-]`, ASCII-folded (`Fidêncio` → `fidencio`),
 * at most 96 characters.
 * @param text - a title or a name
 * @param fallback - used when nothing sluggable is left (e.g. only punctuation or emoji)
 * @returns the slug
 */
export function toSlug(text: string, fallback = 'untitled'): string {
  const slug = slugify(text, {decamelize: false})
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/^-+|-+$/g, '')
  return slug === '' ? fallback : slug
}

/** @returns a Sanity slug object for `current` */
export function slugField(current: string): Slug {
  return {_type: 'slug', current}
}

/**
 * @param reportSlug - the report's slug (`2022` for a report identified by its year)
 * @returns the report's id: `report-<reportSlug>`
 */
export const reportId = (reportSlug: string): string => `report-${reportSlug}`

/**
 * @param reportSlug - its report's slug
 * @param slug - the section's slug (unique within the report)
 * @returns the section's id: `section-<reportSlug>-<slug>`
 */
export const sectionId = (reportSlug: string, slug: string): string => `section-${reportSlug}-${slug}`

/** What a report's slug can come from (see {@link reportSlugOf}). */
export interface ReportSlugFacts {
  /** The front matter's `slug`. */
  slug?: string | undefined
  title: string
  year: number
  /** The file as given (its name, or its folder's for `index.md`). */
  file: string
}

/** File names that stand for their folder (page bundles: `2023-survey/index.md`). */
const BUNDLE_INDEX = /^(?:_?index|readme)$/i

/**
 * A report's slug, from the first source (in the profile's order) that gives one: `frontMatter`
 * (its `slug`), `fileName` (the file's name without extension; a page bundle's `index.md` gives its
 * folder's name), `title`, `year`. The same file always gives the same slug.
 * @param facts - the report's front matter fields and file
 * @param sources - the profile's `reportSlug` order
 * @returns the slug (lowercase `[a-z0-9-]`)
 */
export function reportSlugOf(facts: ReportSlugFacts, sources: readonly ReportSlugSource[]): string {
  for (const source of sources) {
    const text = source === 'frontMatter' ? facts.slug : source === 'fileName' ? fileSlugText(facts.file) : source === 'title' ? facts.title : String(facts.year)
    const slug = text ? toSlug(text, '') : ''
    if (slug !== '') return slug
  }
  return String(facts.year)
}

function fileSlugText(file: string): string {
  const parts = file.split(/[\\/]/).filter(Boolean)
  const stem = (parts[parts.length - 1] ?? '').replace(/\.[^.]*$/, '')
  return BUNDLE_INDEX.test(stem) && parts.length > 1 ? parts[parts.length - 2]! : stem
}

/** @returns the id of the author with this name (one document per person across reports) */
export const authorId = (name: string): string => `author-${toSlug(name, 'unknown')}`

/** @returns the id of the project with this name (one document per project across reports) */
export const projectId = (name: string): string => `project-${toSlug(name, 'unknown')}`

/**
 * Hands out slugs unique within one report: the second "Overview" becomes `overview-2`.
 */
export class SlugRegistry {
  private readonly used = new Set<string>()

  /**
   * @param base - the slug wanted
   * @returns `base`, or `base-2`, `base-3`… when taken
   */
  claim(base: string): string {
    let candidate = base
    for (let n = 2; this.used.has(candidate); n++) {
      const suffix = `-${n}`
      candidate = `${base.slice(0, MAX_SLUG_LENGTH - suffix.length).replace(/-+$/, '')}${suffix}`
    }
    this.used.add(candidate)
    return candidate
  }
}

/**
 * Whether a text names something in whole words, case as written, runs of whitespace aside
 * (`OpenStack` in "Sustain OpenStack Resurgence", not in "OpenStackClient"; `Pipelines` not in
 * "better CI pipelines").
 * @param text - a title
 * @param name - a project's name
 * @returns true when the name occurs as whole words
 */
export function namesWholeWords(text: string, name: string): boolean {
  return wholeWordsPattern(name)?.test(text) ?? false
}

/** Compiled name patterns (Unicode-aware regexes are costly to build); bounded. */
const patterns = new Map<string, RegExp | undefined>()
const MAX_CACHED_PATTERNS = 1000

function wholeWordsPattern(name: string): RegExp | undefined {
  if (patterns.has(name)) return patterns.get(name)
  if (patterns.size >= MAX_CACHED_PATTERNS) patterns.clear()
  const pattern = compileWholeWords(name)
  patterns.set(name, pattern)
  return pattern
}

function compileWholeWords(name: string): RegExp | undefined {
  const escaped = name.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')
  if (escaped === '') return undefined
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u')
}

const WORD = /[\p{L}\p{N}]+/gu

/**
 * A matcher of many names at once: which of them a text names in whole words (see
 * {@link namesWholeWords}). Names are indexed by their first word, so a text costs its word
 * count, not the number of names.
 * @param names - id and name of each candidate
 * @returns a function from a text to the ids it names, in the order given
 */
export function createNameMatcher(names: ReadonlyArray<{id: string; name: string}>): (text: string) => string[] {
  const byFirstWord = new Map<string, Array<{id: string; order: number; pattern: RegExp}>>()
  names.forEach(({id, name}, order) => {
    const first = name.toLowerCase().match(WORD)?.[0]
    const pattern = wholeWordsPattern(name)
    if (!first || !pattern) return
    const list = byFirstWord.get(first) ?? []
    list.push({id, order, pattern})
    byFirstWord.set(first, list)
  })
  return (text) => {
    const found = new Map<string, number>()
    for (const word of new Set(text.toLowerCase().match(WORD) ?? [])) {
      for (const {id, order, pattern} of byFirstWord.get(word) ?? []) if (!found.has(id) && pattern.test(text)) found.set(id, order)
    }
    return [...found].sort((a, b) => a[1] - b[1]).map(([id]) => id)
  }
}
