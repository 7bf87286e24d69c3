import {getDraftId, getPublishedId} from 'sanity'
import type {CustomValidator} from 'sanity'
import {SCHEMA_API_VERSION} from './apiVersion'

/**
 * Counts other reports with the same year. The draft/published pair of the document being
 * validated is excluded, so a draft never collides with its own published version.
 */
const OTHER_REPORTS_WITH_YEAR = `count(*[
  _type == "report" && year == $year && !(_id in [$publishedId, $draftId])
  && !(_id in path("versions.**"))
])`

/**
 * `report.year` is unique across reports: asks the dataset (via the validation context's
 * client) whether another report already has this year.
 *
 * @param year - the year being validated (unset years are left to `required()`)
 * @param context - Sanity's validation context, providing the document and `getClient`
 * @returns true, or a message naming the duplicate year
 */
export const uniqueReportYear: CustomValidator<number | undefined> = async (year, context) => {
  if (typeof year !== 'number' || !context.document) return true
  const publishedId = getPublishedId(context.document._id)
  const client = context.getClient({apiVersion: SCHEMA_API_VERSION})
  const count = await client.fetch<number>(OTHER_REPORTS_WITH_YEAR, {
    year,
    publishedId,
    draftId: getDraftId(publishedId),
  })
  return count > 0
    ? {code: 'custom.report-year-not-unique', message: `Another report already has the year ${year}`}
    : true
}
