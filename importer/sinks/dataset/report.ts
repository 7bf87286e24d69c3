/**
 * What a push reports: the plan (dry run), the final summary as lines and a table per document
 * type, and the same as JSON for CI (`--json`).
 */
import type {PlanAction, PlanEntry} from './plan.ts'

/** One field or block changed in the dataset and in the source. */
export interface BlockConflict {
  /** `file:line` of the source's version (or the file, when the line cannot be found). */
  at: string
  field: string
  key?: string
  editor: string
  source: string
}

export interface PushConflict {
  id: string
  reason: string
  /** The fields and blocks changed on both sides (the rest of the document was merged). */
  blocks?: BlockConflict[]
}

/** A document the sources no longer produce. */
export interface StaleReport {
  id: string
  type: string
  /** `pruned` (deleted), `stale` (would be deleted with --prune) or `kept` (see reason). */
  status: 'pruned' | 'stale' | 'kept'
  reason?: string
}

/** An image the push could not upload (its document keeps the image's `src`). */
export interface SkippedImage {
  id: string
  type: string
  file: string
  reason: string
}

export interface TypeCounts {
  created: number
  updated: number
  merged: number
  unchanged: number
  conflict: number
  pruned: number
  skippedImages: number
}

export interface PushSummary {
  /** A dry run: the counts say what would be done; nothing was written. */
  dryRun: boolean
  created: number
  updated: number
  /** Documents where the source's changes were merged with an editor's. */
  merged: number
  unchanged: number
  /** Documents kept (wholly or in the blocks changed on both sides) as an editor left them. */
  conflicts: PushConflict[]
  /** Conflicting documents written anyway (`--force`). */
  overwritten: number
  /** Stale documents: deleted (`--prune`), listed, or kept. */
  stale: StaleReport[]
  pruned: number
  assetsUploaded: number
  assetsReused: number
  skippedImages: SkippedImage[]
  /** HTTP requests made, retries included. */
  requests: number
  mutationRequests: number
  /** Bytes of the mutation request bodies sent, retries included. */
  mutationBytes: number
  /** Bytes of query results read from the dataset (the plan's summaries and the copies it needed). */
  bytesRead: number
  /** Counts per document type. */
  byType: Record<string, TypeCounts>
}

/** An empty summary. */
export function emptySummary(): PushSummary {
  return {
    dryRun: false,
    created: 0,
    updated: 0,
    merged: 0,
    unchanged: 0,
    conflicts: [],
    overwritten: 0,
    stale: [],
    pruned: 0,
    assetsUploaded: 0,
    assetsReused: 0,
    skippedImages: [],
    requests: 0,
    mutationRequests: 0,
    mutationBytes: 0,
    bytesRead: 0,
    byType: {},
  }
}

/**
 * The counts of one document type (created on first use).
 * @param summary - the summary
 * @param type - a document `_type`
 * @returns its counts, to increment
 */
export function countsFor(summary: PushSummary, type: string): TypeCounts {
  let counts = summary.byType[type]
  if (!counts) {
    counts = {created: 0, updated: 0, merged: 0, unchanged: 0, conflict: 0, pruned: 0, skippedImages: 0}
    summary.byType[type] = counts
  }
  return counts
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

const PLAN_WORDS: Record<PlanAction, string> = {
  create: 'to create',
  update: 'to update',
  merge: 'to merge',
  unchanged: 'unchanged',
  conflict: 'conflicts',
  overwrite: 'to overwrite',
  delete: 'to delete',
}

/**
 * The plan, as a dry run prints it.
 * @param target - e.g. `dataset production at http://127.0.0.1:3333`
 * @param entries - the plan, deletions included
 * @param images - distinct image files to upload / already in the dataset
 * @param stale - stale documents (kept ones and, without --prune, the ones to list)
 * @returns lines: counts first, then every document that would change or conflicts
 */
export function formatPlan(
  target: string,
  entries: PlanEntry[],
  images: {upload: number; reuse: number},
  stale: StaleReport[],
): string[] {
  const counts = new Map<PlanAction, number>()
  for (const entry of entries) counts.set(entry.action, (counts.get(entry.action) ?? 0) + 1)
  const parts = (Object.keys(PLAN_WORDS) as PlanAction[]).map((action) => `${counts.get(action) ?? 0} ${PLAN_WORDS[action]}`)
  const lines = [
    `dry run for ${target}: ${parts.join(', ')}; images: ${images.upload} to upload, ` +
      `${images.reuse} already there. Nothing was written.`,
  ]
  for (const entry of entries) {
    if (entry.action === 'unchanged') continue
    lines.push(`${entry.action} ${entry.id}${entry.reason ? `: ${entry.reason}` : ''}`)
  }
  for (const doc of stale) if (doc.status !== 'pruned') lines.push(staleLine(doc))
  return lines
}

function staleLine(doc: StaleReport): string {
  if (doc.status === 'kept') return `stale ${doc.id}: kept, ${doc.reason ?? ''}`
  return `stale ${doc.id}: no longer produced by its source (--prune deletes it)`
}

const COLUMNS: (keyof TypeCounts)[] = ['created', 'updated', 'merged', 'unchanged', 'conflict', 'pruned', 'skippedImages']
const HEADINGS = ['created', 'updated', 'merged', 'unchanged', 'conflict', 'pruned', 'skipped images']

/**
 * A table of counts per document type (and a total row).
 * @param summary - the summary
 * @returns aligned lines
 */
export function formatTable(summary: PushSummary): string[] {
  const types = Object.keys(summary.byType).sort()
  const total: TypeCounts = {created: 0, updated: 0, merged: 0, unchanged: 0, conflict: 0, pruned: 0, skippedImages: 0}
  const rows = types.map((type) => {
    const counts = summary.byType[type] as TypeCounts
    for (const column of COLUMNS) total[column] += counts[column]
    return [type, ...COLUMNS.map((column) => String(counts[column]))]
  })
  rows.push(['total', ...COLUMNS.map((column) => String(total[column]))])
  const table = [['type', ...HEADINGS], ...rows]
  const widths = table[0]!.map((_, index) => Math.max(...table.map((row) => (row[index] ?? '').length)))
  return table.map((row) =>
    row.map((cell, index) => (index === 0 ? cell.padEnd(widths[index]!) : cell.padStart(widths[index]!))).join('  ').trimEnd(),
  )
}

/**
 * The final summary.
 * @param target - where the push went
 * @param summary - its counts
 * @param force - whether conflicts could have been overwritten
 * @returns lines: totals, the table, then each conflict, stale document and skipped image
 */
export function formatSummary(target: string, summary: PushSummary, force: boolean): string[] {
  const lines = [
    `pushed to ${target}: ${summary.created} created, ${summary.updated} updated, ` +
      `${summary.merged} merged, ${summary.unchanged} unchanged, ${summary.conflicts.length} conflicts, ` +
      `${summary.overwritten} overwritten, ${summary.pruned} pruned; images: ${summary.assetsUploaded} uploaded, ` +
      `${summary.assetsReused} reused, ${summary.skippedImages.length} skipped; ` +
      `${plural(summary.requests, 'request')} (${plural(summary.mutationRequests, 'transaction')}, ` +
      `${summary.mutationBytes} bytes sent, ${summary.bytesRead} read)`,
    ...formatTable(summary),
  ]
  for (const conflict of summary.conflicts) {
    const hint = force ? '' : ' (kept; --force overwrites it)'
    lines.push(`conflict ${conflict.id}: ${conflict.reason}${hint}`)
    for (const block of conflict.blocks ?? []) {
      lines.push(`  ${block.at}: ${block.field}${block.key ? `[_key=="${block.key}"]` : ''}`)
      lines.push(`    dataset: ${JSON.stringify(block.editor)}`)
      lines.push(`    source:  ${JSON.stringify(block.source)}`)
    }
  }
  for (const doc of summary.stale) {
    if (doc.status === 'pruned') lines.push(`pruned ${doc.id}: no longer produced by its source`)
    else lines.push(staleLine(doc))
  }
  for (const image of summary.skippedImages) lines.push(`skipped image ${image.file} in ${image.id}: ${image.reason}`)
  return lines
}
