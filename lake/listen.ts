/**
 * The listen endpoint: a `text/event-stream` that opens with `welcome` and then sends one
 * `mutation` event per document of each committed transaction that matched the query before
 * or after it (transition `appear`, `update` or `disappear`). The query's filter is checked and
 * matched in the query workers (listen-filter.ts), within a budget: a filter that cannot be
 * matched in time ends its stream with a `channelError` event instead of stalling the lake.
 */
import type {ServerResponse} from 'node:http'
import {randomUUID} from 'node:crypto'
import type {StoredDocument} from './journal.ts'
import {isPublicId} from './security/read-access.ts'
import type {Dataset, Transaction} from './store.ts'

/** What the client asked the listener to include. */
export interface ListenOptions {
  query: string
  params: Record<string, unknown>
  includeResult: boolean
  includePreviousRevision: boolean
  includeMutations: boolean
  /** `mendoza` (what the Studio asks for) adds `effects` patches to each event. */
  effectFormat?: string
  /** Milliseconds between keep-alive comments. */
  keepAliveMs: number
  /** An anonymous listener: events on drafts and versions (ids with a dot) are not sent. */
  publicOnly?: boolean
}

/** Transactions a listener may be behind before it is ended. */
const MAX_BACKLOG = 1_000

/** Which of these documents the listener's query selects (evaluated off the event loop). */
export type Matcher = (documents: Array<StoredDocument | null>) => Promise<boolean[]>

/**
 * Start an event stream on `res` for mutations in `dataset` that match the query.
 *
 * @param res - the HTTP response (headers not yet sent)
 * @param dataset - dataset to follow
 * @param options - query and inclusion flags
 * @param headers - extra headers (CORS) to send with the stream
 * @param match - evaluates the query's filter on documents
 * @returns a function that ends the stream (used at shutdown)
 */
export function openListener(
  res: ServerResponse,
  dataset: Dataset,
  options: ListenOptions,
  headers: Record<string, string>,
  match: Matcher,
): () => void {
  res.writeHead(200, {
    ...headers,
    'Content-Type': 'text/event-stream; charset=utf-8',
    // No `Connection` header: HTTP/1.1 keeps alive by default and HTTP/2 forbids it.
    'Cache-Control': 'no-cache',
  })
  send(res, 'welcome', {listenerName: `lake-${randomUUID()}`})
  // Transactions are delivered in commit order even though matching is asynchronous: each
  // transaction's matching starts at once, its delivery waits for the one before.
  let chain: Promise<void> = Promise.resolve()
  let closed = false
  // Transactions matched but not yet delivered: a listener that falls this far behind is ended
  // rather than holding every transaction's documents in memory.
  let backlog = 0
  const unsubscribe = dataset.subscribe((transaction) => {
    if (++backlog > MAX_BACKLOG) {
      send(res, 'channelError', {message: `The listener fell more than ${MAX_BACKLOG} transactions behind; reconnect to follow again`})
      stop()
      return
    }
    const matched = matchTransaction(transaction, options, match)
    matched.catch(() => undefined)
    chain = chain.then(async () => {
      let relevant: Relevant
      try {
        relevant = await matched
        backlog--
      } catch (error) {
        if (closed) return
        send(res, 'channelError', {message: `The listener's query could not be matched: ${error instanceof Error ? error.message : String(error)}`})
        stop()
        return
      }
      if (!closed) deliver(res, transaction, options, relevant)
    })
  })
  const keepAlive = setInterval(() => {
    if (!res.writableEnded && !res.destroyed) res.write(': keep-alive\n\n')
  }, options.keepAliveMs)
  keepAlive.unref()
  const stop = (): void => {
    if (closed) return
    closed = true
    clearInterval(keepAlive)
    unsubscribe()
    res.end()
  }
  res.on('close', stop)
  return stop
}

type Relevant = Array<{effect: Transaction['effects'][number]; transition: string}>

async function matchTransaction(transaction: Transaction, options: ListenOptions, match: Matcher): Promise<Relevant> {
  const effects = transaction.effects.filter((effect) => !options.publicOnly || isPublicId(effect.id))
  if (effects.length === 0) return []
  const matches = await match(effects.flatMap((effect) => [effect.before, effect.after]))
  const relevant: Relevant = []
  effects.forEach((effect, index) => {
    const before = matches[2 * index] === true
    const after = matches[2 * index + 1] === true
    if (before || after) relevant.push({effect, transition: before && after ? 'update' : after ? 'appear' : 'disappear'})
  })
  return relevant
}

function deliver(res: ServerResponse, transaction: Transaction, options: ListenOptions, relevant: Relevant): void {
  relevant.forEach(({effect, transition}, index) => {
    if (res.writableEnded) return
    const data: Record<string, unknown> = {
      eventId: `${transaction.transactionId}#${effect.id}`,
      documentId: effect.id,
      transactionId: transaction.transactionId,
      transition,
      identity: 'offline-user',
      previousRev: effect.before?._rev,
      resultRev: effect.after?._rev ?? transaction.transactionId,
      timestamp: transaction.timestamp,
      visibility: 'query',
      transactionTotalEvents: relevant.length,
      transactionCurrentEvent: index + 1,
    }
    if (options.includeMutations) data.mutations = effect.mutations
    if (options.includeResult && effect.after) data.result = effect.after
    if (options.includePreviousRevision && effect.before) data.previous = effect.before
    if (options.effectFormat === 'mendoza') {
      // The smallest valid mendoza patch: opcode 0 ("Value") outputs the whole new value.
      data.effects = {apply: [0, effect.after], revert: [0, effect.before]}
    }
    send(res, 'mutation', data, `${transaction.transactionId}#${effect.id}`)
  })
}

function send(res: ServerResponse, event: string, data: unknown, id?: string): void {
  if (res.writableEnded || res.destroyed) return
  res.write(`${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
}
