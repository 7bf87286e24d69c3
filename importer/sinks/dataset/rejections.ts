/**
 * What a refused transaction (409) means. The Content Lake answers
 * `{error: {type: 'mutationError', items: [{error: {id, type, description}}]}}`: a revision
 * conflict or an existing id means the dataset changed during the push (re-plan); a reference to
 * a missing document or a delete of a referenced one is a problem of the push itself.
 */

/** One refused mutation. */
export interface Rejection {
  id?: string
  type: string
  description: string
}

/** Types that mean "someone else wrote in the meantime": the transaction is re-planned. */
const CONCURRENT = new Set(['conflictError', 'documentAlreadyExistsError', 'documentNotFoundError'])

/**
 * The refused mutations named in a client error's body.
 * @param error - thrown by `@sanity/client`
 * @returns the items (empty when the body names none)
 */
export function rejections(error: unknown): Rejection[] {
  const body = (error as {response?: {body?: unknown}} | undefined)?.response?.body as
    | {error?: {items?: unknown; type?: unknown; description?: unknown}}
    | undefined
  const details = body?.error ?? (error as {details?: {items?: unknown}} | undefined)?.details
  const items = Array.isArray(details?.items) ? details.items : []
  const found: Rejection[] = []
  for (const item of items) {
    const inner = (item as {error?: {id?: unknown; type?: unknown; description?: unknown}})?.error
    if (!inner || typeof inner.type !== 'string') continue
    found.push({
      ...(typeof inner.id === 'string' ? {id: inner.id} : {}),
      type: inner.type,
      description: typeof inner.description === 'string' ? inner.description : inner.type,
    })
  }
  return found
}

/**
 * Whether a 409 means the dataset changed during the push (or an earlier attempt of this push
 * committed), as opposed to a refusal that re-planning cannot fix.
 * @param found - from {@link rejections}
 * @returns true for revision conflicts, existing ids, or an unexplained 409
 */
export function isConcurrentChange(found: Rejection[]): boolean {
  return found.length === 0 || found.every((item) => CONCURRENT.has(item.type))
}
