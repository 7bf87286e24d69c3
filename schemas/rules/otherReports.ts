import {getDraftId, getPublishedId} from 'sanity'
import type {ValidationContext} from 'sanity'
import {SCHEMA_API_VERSION} from './apiVersion.ts'

/** Another report (published or draft) that shares a value with the one being validated. */
export interface OtherReport {
  _id: string
  title?: string | null
}

/**
 * Other reports whose `field` equals `value`, drafts included: the raw perspective, because two
 * drafts that collide are as much a problem as two published reports. The draft/published pair of
 * the document being validated is not "another" report; release versions are left out.
 */
const OTHER_REPORTS = `*[
  _type == "report" && !(_id in [$publishedId, $draftId]) && !(_id in path("versions.**"))
  && select($field == "year" => year == $value, $field == "slug" => slug.current == $value)
]{_id, title}`

/**
 * Ask the dataset (the validation context's client, raw perspective) which other reports have
 * the same year or slug.
 *
 * @param field - `year` or `slug` (its `current`)
 * @param value - the value being validated
 * @param context - Sanity's validation context
 * @returns the other reports, one entry per report (a draft and its published version count once)
 */
export async function otherReportsWith(field: 'year' | 'slug', value: number | string, context: ValidationContext): Promise<OtherReport[]> {
  if (!context.document) return []
  const publishedId = getPublishedId(context.document._id)
  const client = context.getClient({apiVersion: SCHEMA_API_VERSION}).withConfig({perspective: 'raw'})
  const found = await client.fetch<OtherReport[]>(OTHER_REPORTS, {field, value, publishedId, draftId: getDraftId(publishedId)}, {tag: `validation.report-${field}`})
  const byReport = new Map<string, OtherReport>()
  for (const report of found) {
    const id = getPublishedId(report._id)
    // The draft is what an editor sees and changes; name it rather than the published version.
    if (!byReport.has(id) || report._id.startsWith('drafts.')) byReport.set(id, report)
  }
  return [...byReport.values()].sort((a, b) => a._id.localeCompare(b._id))
}

/**
 * The other reports named for a validation message: title, id, and whether it is a draft.
 *
 * @param reports - the other reports
 * @returns e.g. `"2022 Annual Report" (report-2022)`, joined with "and"
 */
export function nameReports(reports: readonly OtherReport[]): string {
  const names = reports.map((report) => {
    const id = getPublishedId(report._id)
    const draft = report._id.startsWith('drafts.') ? ', draft' : ''
    return `"${report.title?.trim() || 'Untitled report'}" (${id}${draft})`
  })
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}
