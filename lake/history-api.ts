/**
 * The history endpoints the Studio's History panel reads (sanity 6.16, events API):
 * - `GET /data/history/:dataset/events/documents/:id`: the document group's lifecycle events
 *   (created, published, unpublished, draft discarded, deleted); edits are derived by the Studio
 *   from the transactions below.
 * - `GET /data/history/:dataset/transactions/:ids`: NDJSON, one transaction per line with mendoza
 *   `effects` per document (`fromTransaction`, `toTransaction`, `reverse`, `limit`).
 * - `GET /data/history/:dataset/documents/:ids`: the documents at `revision=`, `time=` or
 *   `lastRevision=true`, which the panel shows and restores.
 */
import type {ServerResponse} from 'node:http'
import type {DatasetHistory, DocumentVersion} from './history.ts'
import {apiError, decodeIds, sendJson} from './http.ts'
import type {StoredDocument} from './journal.ts'
import {mendozaPatch} from './mendoza.ts'

const DRAFTS = 'drafts.'

/** A lifecycle event, in the shape of Sanity's document events API. */
export type DocumentEvent = Record<string, unknown> & {type: string; timestamp: string}

/**
 * Answer a `/data/history/:dataset/…` request.
 *
 * @param history - the dataset's history
 * @param tail - the path after `/data/history/:dataset`
 * @param search - the query string
 * @param res - the response
 * @param headers - CORS headers
 */
export function handleHistory(
  history: DatasetHistory,
  tail: string,
  search: URLSearchParams,
  res: ServerResponse,
  headers: Record<string, string>,
): void {
  const [kind, ...rest] = tail.split('/')
  const ids = decodeIds(rest.join('/'))
  if (kind === 'events' && rest[0] === 'documents' && rest.length === 2) {
    const id = decodeIds(rest[1] ?? '')[0] ?? ''
    const limit = positive(search.get('limit')) ?? 100
    sendJson(res, 200, {events: {[id]: documentEvents(history, id).slice(0, limit)}, nextCursor: ''}, headers)
    return
  }
  if (kind === 'events') {
    // Release events (beta.eventsAPI.releases is off): nothing to report.
    sendJson(res, 200, {events: {}, nextCursor: ''}, headers)
    return
  }
  if (kind === 'transactions' && ids.length > 0) {
    const lines = transactions(history, ids, search).map((line) => JSON.stringify(line))
    const text = lines.length > 0 ? `${lines.join('\n')}\n` : ''
    res.writeHead(200, {...headers, 'Content-Type': 'application/x-ndjson', 'Content-Length': String(Buffer.byteLength(text))})
    res.end(text)
    return
  }
  if (kind === 'documents' && ids.length > 0) {
    sendJson(res, 200, {documents: documentsAt(history, ids, search)}, headers)
    return
  }
  throw apiError(404, `No history endpoint "${tail}" in the local lake`, 'notFound')
}

/**
 * The lifecycle events of the group of `id` (its published and draft documents), newest first.
 *
 * @param history - the dataset's history
 * @param id - a published or draft id
 * @returns the events
 */
export function documentEvents(history: DatasetHistory, id: string): DocumentEvent[] {
  const publishedId = id.startsWith(DRAFTS) ? id.slice(DRAFTS.length) : id
  const draftId = `${DRAFTS}${publishedId}`
  const byEntry = new Map<number, {published?: DocumentVersion; draft?: DocumentVersion}>()
  const events: DocumentEvent[] = []
  const base = {documentId: publishedId, author: ''}
  for (const [key, versions] of [['published', history.versionsOf(publishedId)], ['draft', history.versionsOf(draftId)]] as const) {
    for (const version of versions) {
      if (version.baseline) {
        // A state known from before history started (e.g. the imported snapshot): its creation.
        const rev = version.after?._rev ?? ''
        const versionId = key === 'published' ? publishedId : draftId
        events.push({
          ...base,
          type: 'createDocumentVersion',
          author: version.author,
          timestamp: version.after?._createdAt ?? version.timestamp,
          versionId,
          versionRevisionId: rev,
          ...(key === 'published' ? {revisionId: rev} : {}),
        })
        continue
      }
      const slot = byEntry.get(version.entry) ?? {}
      slot[key] = version
      byEntry.set(version.entry, slot)
    }
  }
  for (const [, {published, draft}] of [...byEntry].sort(([a], [b]) => a - b)) {
    const any = published ?? draft
    if (!any) continue
    const common = {...base, author: any.author, timestamp: any.timestamp}
    const tx = any.transactionId
    if (published?.after && draft?.before && !draft.after) {
      events.push({...common, type: 'publishDocumentVersion', versionId: draftId, revisionId: tx, versionRevisionId: draft.before._rev, publishCause: 'document.publish'})
    } else if (published?.before && !published.after && draft?.after) {
      events.push({...common, type: 'unpublishDocument', versionId: draftId, versionRevisionId: tx})
    } else if (published && !published.after && (!draft || !draft.after)) {
      events.push({...common, type: 'deleteDocumentGroup'})
    } else if (published) {
      if (!published.before && published.after) {
        events.push({...common, type: 'createDocumentVersion', versionId: publishedId, revisionId: tx, versionRevisionId: tx})
      } else if (published.after) {
        // Written directly (not from a draft), e.g. by the importer's push: a publish without a draft.
        events.push({...common, type: 'publishDocumentVersion', versionId: publishedId, revisionId: tx, publishCause: 'document.publish'})
      }
    } else if (draft && !draft.before && draft.after && events.length === 0) {
      // Only the group's first draft is its creation; a draft started after a publish is an edit.
      events.push({...common, type: 'createDocumentVersion', versionId: draftId, versionRevisionId: tx})
    } else if (draft?.before && !draft.after) {
      events.push({...common, type: 'deleteDocumentVersion', versionId: draftId, versionRevisionId: draft.before._rev})
    }
    // A draft changed in place is an edit: the Studio derives those from the transactions.
  }
  return events.sort((a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp))
}

interface TransactionLine {
  id: string
  timestamp: string
  author: string
  documentIDs: string[]
  effects: Record<string, {apply: unknown[]; revert: unknown[]}>
}

/**
 * The transactions touching `ids`, oldest first (newest first with `reverse=true`), from
 * `fromTransaction` to `toTransaction` (both included), at most `limit`.
 *
 * @param history - the dataset's history
 * @param ids - document ids
 * @param search - the query string
 * @returns one object per transaction
 */
export function transactions(history: DatasetHistory, ids: string[], search: URLSearchParams): TransactionLine[] {
  const wanted = new Set(ids)
  // Both ends included; a baseline revision sits half a step before its transaction.
  const from = Math.ceil(history.positionOf(search.get('fromTransaction') ?? '') ?? 0)
  const to = Math.floor(history.positionOf(search.get('toTransaction') ?? '') ?? history.entries.length - 1)
  const lines: TransactionLine[] = []
  for (let index = from; index <= to; index++) {
    const entry = history.entries[index]
    if (!entry || !entry.changes.some((change) => wanted.has(change.id))) continue
    const effects: TransactionLine['effects'] = {}
    for (const change of entry.changes) {
      if (!wanted.has(change.id)) continue
      const version = history.versionsOf(change.id).find((candidate) => candidate.entry === index)
      const before = version?.before ?? null
      // Without `_rev`: the Studio strips it from the document it replays these patches on, and a
      // field deletion names the field by its index among the document's keys.
      const [older, newer] = [withoutRev(before), withoutRev(change.after)]
      effects[change.id] = {apply: mendozaPatch(older, newer), revert: mendozaPatch(newer, older)}
    }
    lines.push({id: entry.id, timestamp: entry.timestamp, author: entry.author, documentIDs: entry.changes.map((change) => change.id), effects})
  }
  if (search.get('reverse') === 'true') lines.reverse()
  return lines.slice(0, positive(search.get('limit')) ?? lines.length)
}

/**
 * The documents as they were at `revision` (a transaction or revision id), at `time`, or at their
 * last revision before deletion (`lastRevision=true`). Documents that did not exist then are left out.
 *
 * @param history - the dataset's history
 * @param ids - document ids
 * @param search - `revision`, `time` or `lastRevision`
 * @returns the documents found
 */
export function documentsAt(history: DatasetHistory, ids: string[], search: URLSearchParams): StoredDocument[] {
  const revision = search.get('revision')
  const time = search.get('time')
  const last = search.get('lastRevision') === 'true'
  const found: StoredDocument[] = []
  for (const id of ids) {
    const versions = history.versionsOf(id)
    const current = history.dataset.get(id)
    let doc: StoredDocument | null | undefined
    if (versions.length === 0) {
      // History never saw it change: its present state is every past state history can vouch for.
      const matches = revision ? current?._rev === revision : time ? (current?._createdAt ?? '') <= time : true
      doc = matches ? current : undefined
    } else if (last) {
      doc = [...versions].reverse().find((version) => version.after)?.after
    } else if (revision) {
      const own = versions.find((version) => version.after?._rev === revision)
      if (own) doc = own.after
      else {
        const position = history.positionOf(revision)
        doc = position === undefined ? undefined : versions.filter((version) => version.entry <= position).at(-1)?.after
      }
    } else {
      const at = Date.parse(time ?? new Date().toISOString())
      doc = versions.filter((version) => Date.parse(version.after?._updatedAt ?? version.timestamp) <= at).at(-1)?.after
    }
    // The draft as the Studio's drafts view showed it at a revision of the published document
    // when no draft existed then: the published document itself (e.g. the imported state).
    if (!doc && revision && id.startsWith(DRAFTS)) {
      const published = history.versionsOf(id.slice(DRAFTS.length)).find((version) => version.after?._rev === revision)?.after
      if (published && !found.some((other) => other._id === published._id)) doc = {...published, _id: id}
    }
    if (doc) found.push(doc)
  }
  return found
}

function withoutRev(doc: StoredDocument | null): Record<string, unknown> | null {
  if (!doc) return null
  const {_rev: _omitted, ...rest} = doc
  return rest
}

function positive(value: string | null): number | undefined {
  const parsed = Number(value)
  return value !== null && Number.isInteger(parsed) && parsed > 0 ? parsed : undefined
}
