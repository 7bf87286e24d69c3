import {exportReportQuery} from '../queries/definitions.ts'
import type {ExportReport, ExportWarning} from './context.ts'
import {toMarkdown} from './markdown.ts'
import {reportToMdast, type ExportOptions} from './report.ts'

export type {ExportReport, ExportWarning} from './context.ts'
export {reportToMdast, type ExportOptions} from './report.ts'
export {toMarkdown} from './markdown.ts'

/** Runs a GROQ query: a data view's `fetch`, or groq-js over documents in memory. */
export type Fetch = <T>(query: string, params: Record<string, unknown>) => Promise<T>

/** A report year the data does not have. */
export class ExportError extends Error {
  override name = 'ExportError'
}

/**
 * Writes one report back out as markdown the importer reads: importing the result gives the
 * same documents, and exporting those again gives the same bytes.
 * @param fetch - how to query the documents (lake, API or snapshot)
 * @param year - the report's year
 * @param options - asset URLs and the profile (see {@link ExportOptions})
 * @returns the markdown and what could not be carried exactly
 * @throws ExportError when there is no report for that year
 */
export async function exportReport(fetch: Fetch, year: number, options: ExportOptions = {}): Promise<{markdown: string; warnings: ExportWarning[]}> {
  const report = await fetch<ExportReport | null>(exportReportQuery, {year})
  if (!report) {
    const years = await fetch<number[]>('*[_type == "report"] | order(year desc).year', {})
    throw new ExportError(`no report for ${year} (reports: ${years.join(', ') || 'none'})`)
  }
  const {root, warnings} = reportToMdast(report, options)
  return {markdown: toMarkdown(root), warnings}
}
