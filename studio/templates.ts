import type {InitialValueResolverContext, Template} from 'sanity'
import {SCHEMA_API_VERSION} from '../schemas'
import {PREVIOUS_REPORT_QUERY, nextYearPlan} from './nextYear'
import type {PreviousReport} from './nextYear'

/** The id of the "Next year's report" template (used by the Reports list's "+" menu). */
export const NEXT_YEAR_TEMPLATE_ID = 'report-next-year'

/**
 * "Next year's report": the newest report's year + 1, slug and title pattern, and its outline as
 * empty section drafts (created here, once: existing drafts or published sections of that year
 * are left alone), referenced weakly until the report is published.
 */
export const nextYearTemplate: Template = {
  id: NEXT_YEAR_TEMPLATE_ID,
  title: 'Next year’s report',
  description: 'Year, slug and title from the newest report, and its outline as empty sections',
  schemaType: 'report',
  value: async (_params: unknown, context: InitialValueResolverContext) => {
    const client = context.getClient({apiVersion: SCHEMA_API_VERSION}).withConfig({perspective: 'raw'})
    const previous = await client.fetch<PreviousReport | null>(PREVIOUS_REPORT_QUERY)
    const plan = nextYearPlan(previous, new Date().getFullYear())
    const ids = plan.sections.flatMap((section) => [section._id, `drafts.${section._id}`])
    const existing = new Set(await client.fetch<string[]>(`*[_id in $ids]._id`, {ids}))
    const missing = plan.sections.filter((section) => !existing.has(section._id) && !existing.has(`drafts.${section._id}`))
    if (missing.length > 0) {
      const transaction = client.transaction()
      for (const section of missing) transaction.createIfNotExists({...section, _id: `drafts.${section._id}`})
      await transaction.commit({visibility: 'sync'})
    }
    return plan.report
  },
}
