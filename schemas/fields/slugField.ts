import {defineField, type SlugOptions} from 'sanity'

/**
 * The required `slug` field every document type has, generated from `source` (ids and URLs
 * are built from it; 96 characters as in Sanity's starters).
 *
 * @param source - the field (or function) the slug is generated from
 * @param options - extra slug options, e.g. a custom `isUnique`
 * @returns the field definition
 */
export function slugField(source: SlugOptions['source'], options: Omit<SlugOptions, 'source'> = {}) {
  return defineField({
    name: 'slug',
    title: 'Slug',
    type: 'slug',
    options: {source, maxLength: 96, ...options},
    validation: (rule) => rule.required(),
  })
}
