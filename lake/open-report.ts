/**
 * The lines a person should see about opening a dataset: what was discarded, ignored or could
 * not be ingested. Shared by the CLI and {@link startLake}'s default.
 */
import {formatAssetProblem} from './snapshot-assets.ts'
import type {OpenReport} from './store.ts'

/**
 * Describe what opening a dataset found that deserves attention.
 *
 * @param report - from `LakeStore`'s onOpen
 * @returns one line per problem (empty when all went well), without a prefix
 */
export function describeOpen(report: OpenReport): string[] {
  const lines: string[] = []
  if (report.staleJournal) {
    lines.push(`${report.dataset}: the snapshot changed since the journal was written; discarded the stale journal`)
  }
  if (report.tornTail) {
    lines.push(`${report.dataset}: warning: dropped an incomplete last journal line (a write that was never acknowledged)`)
  }
  if (report.compactionError) {
    lines.push(`${report.dataset}: warning: could not compact (${report.compactionError}); serving from the journal`)
  }
  for (const problem of report.snapshotAssets?.problems ?? []) lines.push(formatAssetProblem(problem, report.snapshotPath))
  return lines
}
