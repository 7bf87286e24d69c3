/**
 * The push's summary, from the final plan and what was committed: counts overall and per
 * document type, conflicts with their located blocks, stale documents and skipped images.
 */
import type {SanityDocumentLike} from 'sanity'
import type {ImagePlan} from './assets.ts'
import {locateText} from './locate.ts'
import type {PlanEntry} from './plan.ts'
import type {StaleDocument} from './prune.ts'
import {countsFor, emptySummary, type PushSummary, type StaleReport} from './report.ts'
import type {Transport} from './transport.ts'

function sourceOf(document: SanityDocumentLike): string {
  const info = document.importInfo as {source?: unknown} | undefined
  return typeof info?.source === 'string' ? info.source : 'push'
}

/**
 * What became of each stale document.
 * @param stale - the stale documents found by the plan
 * @param prune - whether deletable ones were to be deleted
 * @param written - ids committed (deleted ones included)
 * @param keptAtWrite - stale documents found to be kept while writing
 * @returns one report per stale document
 */
export function staleReport(stale: StaleDocument[], prune: boolean, written: Set<string>, keptAtWrite: Map<string, string>): StaleReport[] {
  return stale.map((doc): StaleReport => {
    const kept = doc.keptBecause ?? keptAtWrite.get(doc.id)
    if (kept) return {id: doc.id, type: doc.type, status: 'kept', reason: kept}
    if (prune && written.has(doc.id)) return {id: doc.id, type: doc.type, status: 'pruned'}
    return {id: doc.id, type: doc.type, status: 'stale'}
  })
}

export interface SummaryInput {
  entries: Map<string, PlanEntry>
  /** The source documents (images as the import left them). */
  sources: Map<string, {document: SanityDocumentLike}>
  written: Set<string>
  stale: StaleDocument[]
  prune: boolean
  keptAtWrite: Map<string, string>
  images: ImagePlan
  transport: Transport
  cwd: string | undefined
  reused: number
  uploaded: number
  dryRun: boolean
}

/**
 * The summary from the final plan and what was committed (for a dry run: what would be).
 * @param input - plan, commits, stale documents, images and the transport's counts
 * @returns the summary
 */
export function summarise(input: SummaryInput): PushSummary {
  const {entries, written, transport} = input
  const summary = emptySummary()
  summary.dryRun = input.dryRun
  const files = new Map<string, string | undefined>()
  for (const entry of entries.values()) {
    const counts = countsFor(summary, entry.document._type)
    const done = !entry.write || written.has(entry.id)
    if (entry.action === 'conflict') {
      counts.conflict++
      const at = sourceOf(entry.document)
      const blocks = (entry.conflicts ?? []).map((unit) => ({
        at: locate(at, [unit.source, unit.editor], input.cwd ?? process.cwd(), files),
        ...unit,
      }))
      summary.conflicts.push({id: entry.id, reason: entry.reason ?? 'conflict', ...(blocks.length ? {blocks} : {})})
    } else if (entry.action === 'unchanged' || !done) {
      summary.unchanged++
      counts.unchanged++
    } else if (entry.action === 'create') {
      summary.created++
      counts.created++
    } else if (entry.action === 'merge') {
      summary.merged++
      counts.merged++
    } else if (entry.action === 'overwrite') {
      summary.overwritten++
      counts.updated++
    } else {
      summary.updated++
      counts.updated++
    }
  }
  summary.stale = staleReport(input.stale, input.prune, written, input.keptAtWrite)
  for (const doc of summary.stale) {
    if (doc.status !== 'pruned') continue
    summary.pruned++
    countsFor(summary, doc.type).pruned++
  }
  const skipped = [
    ...input.images.unusable.map(({slot, file, reason}) => ({slot, file, reason})),
    ...input.images.files.filter((file) => file.refused).flatMap((file) => file.slots.map((slot) => ({slot, file: file.file, reason: file.refused as string}))),
  ]
  for (const {slot, file, reason} of skipped) {
    const type = entries.get(slot.documentId)?.document._type ?? 'unknown'
    summary.skippedImages.push({id: slot.documentId, type, file, reason})
    countsFor(summary, type).skippedImages++
  }
  // Images the import already left as links (unusable or missing files: its warnings say why).
  const seen = new Set<object>(skipped.map(({slot}) => slot.holder))
  for (const {document} of input.sources.values()) {
    for (const holder of linkOnlyImages(document)) {
      if (seen.has(holder)) continue
      summary.skippedImages.push({id: document._id, type: document._type, file: String(holder.src), reason: 'not uploaded: see the import warning for it'})
      countsFor(summary, document._type).skippedImages++
    }
  }
  summary.assetsUploaded = input.uploaded
  summary.assetsReused = input.reused
  summary.requests = transport.requests
  summary.mutationRequests = transport.mutationRequests
  summary.mutationBytes = transport.mutationBytes
  summary.bytesRead = transport.bytesRead
  return summary
}


const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:|^\/\//i

/** Image objects with a local `src` but no file to upload: the import left them as links. */
function linkOnlyImages(document: SanityDocumentLike): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = []
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit)
    if (value === null || typeof value !== 'object') return
    const record = value as Record<string, unknown>
    const src = record.src
    if (typeof src === 'string' && src !== '' && !HAS_SCHEME.test(src) && !('asset' in record) && !('_sanityAsset' in record)) {
      found.push(record)
    }
    for (const child of Object.values(record)) visit(child)
  }
  visit(document)
  return found
}

/** The first candidate text found in the file, else the file. */
function locate(file: string, texts: string[], cwd: string, files: Map<string, string | undefined>): string {
  for (const text of texts) {
    const at = locateText(file, text, cwd, files)
    if (at !== file) return at
  }
  return file
}
