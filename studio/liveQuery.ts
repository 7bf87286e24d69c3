/**
 * A query a pane shows and keeps current: the answer of one plain fetch as soon as it arrives,
 * then whatever the Studio's `listenQuery` emits (it waits for the listener's welcome before its
 * own first fetch, one round trip later, and refetches on every relevant change).
 */
import {defer, merge, share, takeUntil, type Observable} from 'rxjs'
import type {DocumentStore, SanityClient} from 'sanity'

/** What a live query reads and listens to. */
export interface LiveQuery {
  /** The GROQ query whose result the pane shows (raw perspective: drafts are documents too). */
  fetch: string
  /** A filter-only query for the listener (listeners cannot join). */
  listen: string
  params?: Record<string, string | number | boolean | string[]>
  /** Names the requests (`tag`). */
  tag: string
}

/**
 * The query's result now, then on every change.
 *
 * @param client - a client of the workspace (for the first fetch)
 * @param documentStore - the Studio's document store (for the listener)
 * @param query - what to fetch and listen to
 * @returns the results, the first as soon as the first fetch answers
 */
export function liveQuery<T>(client: SanityClient, documentStore: DocumentStore, query: LiveQuery): Observable<T> {
  const params = query.params ?? {}
  const live$ = documentStore
    .listenQuery({fetch: query.fetch, listen: query.listen}, params, {tag: query.tag, perspective: 'raw', throttleTime: 250})
    .pipe(share()) as Observable<T>
  const first$ = defer(() => client.observable.fetch<T>(query.fetch, params, {perspective: 'raw', tag: `${query.tag}.first`}))
  // The first answer stands until the listener's own result arrives.
  return merge(first$.pipe(takeUntil(live$)), live$)
}
