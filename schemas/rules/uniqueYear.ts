import type {CustomValidator} from 'sanity'
import {nameReports, otherReportsWith} from './otherReports.ts'

/**
 * A report's year is shared by another report (draft or published): a warning, not an error,
 * since several reports of one year may coexist (other series or organisations). The rule is
 * symmetric, so each report of the pair names the other. Used with `.warning()`.
 *
 * @param year - the year being validated (unset years are left to `required()`)
 * @param context - Sanity's validation context, providing the document and `getClient`
 * @returns true, or a message naming the other report(s)
 */
export const uniqueReportYear: CustomValidator<number | undefined> = async (year, context) => {
  if (typeof year !== 'number') return true
  const others = await otherReportsWith('year', year, context)
  if (others.length === 0) return true
  return {code: 'custom.report-year-not-unique', message: `${nameReports(others)} also ${others.length === 1 ? 'has' : 'have'} the year ${year}`}
}
