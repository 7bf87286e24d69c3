import slugify from '@sindresorhus/slugify'
import type {Slug} from './types'

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

/** @returns the id of the report of `year` */
export const reportId = (year: number): string => `report-${year}`

/** @returns the id of a section of the report of `year`, from its (unique within the report) slug */
export const sectionId = (year: number, slug: string): string => `section-${year}-${slug}`

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
 * Whether a text names something in whole words, ignoring case and runs of whitespace
 * (`OpenStack` in "Sustain OpenStack Resurgence", not in "OpenStackClient").
 * @param text - a title
 * @param name - a project's name
 * @returns true when the name occurs as whole words
 */
export function namesWholeWords(text: string, name: string): boolean {
  return wholeWordsPattern(name)?.test(text) ?? false
}

/** Compiled name patterns (Unicode-aware case-insensitive regexes are costly to build); bounded. */
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
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu')
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
