/**
 * The listen endpoint: a `text/event-stream` that opens with `welcome` and then sends one
 * `mutation` event per document of each committed transaction that matched the query before
 * or after it (transition `appear`, `update` or `disappear`).
 */
import type {ServerResponse} from 'node:http'
import {randomUUID} from 'node:crypto'
import {matchesQuery, parseQuery} from './query'
import {isPublicId} from './security/read-access'
import type {Dataset, Transaction} from './store'

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

/**
 * Validate a listener's query before the stream starts, so a bad query gets a 400 JSON answer.
 *
 * @param query - GROQ query
 * @param params - its parameters
 * @throws QueryError when the query does not parse
 */
export function checkListenQuery(query: string, params: Record<string, unknown>): void {
  parseQuery(query, params)
}

/**
 * Start an event stream on `res` for mutations in `dataset` that match the query.
 *
 * @param res - the HTTP response (headers not yet sent)
 * @param dataset - dataset to follow
 * @param options - query and inclusion flags
 * @param headers - extra headers (CORS) to send with the stream
 * @returns a function that ends the stream (used at shutdown)
 */
export function openListener(
  res: ServerResponse,
  dataset: Dataset,
  options: ListenOptions,
  headers: Record<string, string>,
): () => void {
  res.writeHead(200, {
    ...headers,
    'Content-Type': 'text/event-stream; charset=utf-8',
    // No `Connection` header: HTTP/1.1 keeps alive by default and HTTP/2 forbids it.
    'Cache-Control': 'no-cache',
  })
  send(res, 'welcome', {listenerName: `lake-${randomUUID()}`})
  // Transactions are delivered in commit order even though matching is asynchronous.
  let chain: Promise<void> = Promise.resolve()
  const unsubscribe = dataset.subscribe((transaction) => {
    chain = chain.then(() => deliver(res, transaction, options)).catch(() => undefined)
  })
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), options.keepAliveMs)
  keepAlive.unref()
  let closed = false
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

async function deliver(res: ServerResponse, transaction: Transaction, options: ListenOptions): Promise<void> {
  const relevant: Array<{effect: Transaction['effects'][number]; transition: string}> = []
  for (const effect of transaction.effects) {
    if (options.publicOnly && !isPublicId(effect.id)) continue
    const before = await matchesQuery(effect.before, options.query, options.params)
    const after = await matchesQuery(effect.after, options.query, options.params)
    if (!before && !after) continue
    relevant.push({effect, transition: before && after ? 'update' : after ? 'appear' : 'disappear'})
  }
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
  res.write(`${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
}
