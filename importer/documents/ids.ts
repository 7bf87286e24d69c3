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
  const escaped = name.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')
  if (escaped === '') return false
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu').test(text)
}
