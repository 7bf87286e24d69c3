/**
 * The lines a push prints: the plan (dry run) and the final summary.
 */
import {countActions, type PlanEntry} from './plan'

export interface PushSummary {
  created: number
  updated: number
  unchanged: number
  /** Documents kept as an editor left them (not written). */
  conflicts: {id: string; reason: string}[]
  /** Conflicting documents written anyway (`--force`). */
  overwritten: number
  assetsUploaded: number
  assetsReused: number
  /** HTTP requests made, retries included. */
  requests: number
  mutationRequests: number
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

/**
 * The plan, as a dry run prints it.
 * @param target - e.g. `dataset production at http://127.0.0.1:3333`
 * @param entries - the plan
 * @param images - distinct image files to upload / already in the dataset
 * @returns lines: counts first, then every document that would change or conflicts
 */
export function formatPlan(
  target: string,
  entries: PlanEntry[],
  images: {upload: number; reuse: number},
): string[] {
  const counts = countActions(entries)
  const lines = [
    `dry run for ${target}: ${counts.create} to create, ${counts.update} to update, ` +
      `${counts.unchanged} unchanged, ${counts.conflict} conflicts, ${counts.overwrite} to overwrite; ` +
      `images: ${images.upload} to upload, ${images.reuse} already there. Nothing was written.`,
  ]
  for (const entry of entries) {
    if (entry.action === 'unchanged') continue
    lines.push(`${entry.action} ${entry.id}${entry.reason ? `: ${entry.reason}` : ''}`)
  }
  return lines
}

/**
 * The final summary.
 * @param target - where the push went
 * @param summary - its counts
 * @param force - whether conflicts could have been overwritten
 * @returns lines: totals first, then each kept conflict
 */
export function formatSummary(target: string, summary: PushSummary, force: boolean): string[] {
  const lines = [
    `pushed to ${target}: ${summary.created} created, ${summary.updated} updated, ` +
      `${summary.unchanged} unchanged, ${summary.conflicts.length} conflicts, ` +
      `${summary.overwritten} overwritten; images: ${summary.assetsUploaded} uploaded, ` +
      `${summary.assetsReused} reused; ${plural(summary.requests, 'request')} ` +
      `(${plural(summary.mutationRequests, 'transaction')})`,
  ]
  for (const conflict of summary.conflicts) {
    const hint = force ? '' : ' (kept; --force overwrites it)'
    lines.push(`conflict ${conflict.id}: ${conflict.reason}${hint}`)
  }
  return lines
}
