import type {CustomValidator} from 'sanity'
import {nameReports, otherReportsWith} from './otherReports.ts'

/**
 * A report's slug (its URL and the `report-<slug>` id scheme) must be its own: another report
 * with the same slug, draft or published, is an error on both, naming the other. (The slug
 * field's own uniqueness check is switched off for reports so this one, which names the other
 * report, is the only message.)
 *
 * @param slug - the slug value being validated (unset slugs are left to `required()`)
 * @param context - Sanity's validation context, providing the document and `getClient`
 * @returns true, or a message naming the other report(s)
 */
export const uniqueReportSlug: CustomValidator<{current?: string} | undefined> = async (slug, context) => {
  const current = slug?.current?.trim()
  if (!current) return true
  const others = await otherReportsWith('slug', current, context)
  if (others.length === 0) return true
  return {code: 'custom.report-slug-not-unique', message: `${nameReports(others)} already ${others.length === 1 ? 'uses' : 'use'} the slug "${current}"`}
}
