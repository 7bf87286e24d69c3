import {getDraftId, getPublishedId} from 'sanity'
import type {SlugIsUniqueValidator} from 'sanity'
import {SCHEMA_API_VERSION} from './apiVersion.ts'

/**
 * Section slugs only need to be unique within one report ("introduction" may open every
 * year's report): count sections with the same slug that a report containing this section
 * also lists.
 */
const SAME_SLUG_IN_SAME_REPORT = `count(*[
  _type == "section" && slug.current == $slug && !(_id in $ids)
  && _id in *[_type == "report" && references($ids)].sections[]._ref
])`

/**
 * Slug uniqueness for sections, scoped to the report(s) that list the section.
 *
 * @param slug - the slug being validated
 * @param context - Sanity's slug validation context (document and `getClient`)
 * @returns true when no other section of the same report uses the slug
 */
export const isUniqueSectionSlug: SlugIsUniqueValidator = async (slug, context) => {
  if (!context.document) return true
  const publishedId = getPublishedId(context.document._id)
  const ids = [publishedId, getDraftId(publishedId)]
  const client = context.getClient({apiVersion: SCHEMA_API_VERSION})
  const count = await client.fetch<number>(SAME_SLUG_IN_SAME_REPORT, {slug, ids})
  return count === 0
}
