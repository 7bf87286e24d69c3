/**
 * The revision a push records in what it writes: each transaction gets an id the push chooses
 * (the Content Lake makes it the `_rev` of every document it writes), and a document written
 * exactly as imported carries that id in `importInfo.revision`. A later push that finds
 * `_rev === importInfo.revision` knows nobody changed the document since, without reading it.
 * Mutations are built with a placeholder of the id's length, so batches are sized exactly; each
 * attempt (a retry too) gets a fresh id.
 */
import {randomBytes} from 'node:crypto'
import type {Mutation} from '@sanity/client'

/** Length of a transaction id the push makes (and of the placeholder). */
const ID_LENGTH = 24

/** Stands in for the transaction id until an attempt sends the mutations. */
export const REVISION_PLACEHOLDER = `rev-pending-${'0'.repeat(ID_LENGTH - 'rev-pending-'.length)}`

/**
 * A new transaction id: letters and digits, like the Content Lake's own.
 * @returns the id
 */
export function newTransactionId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
  return [...randomBytes(ID_LENGTH)].map((byte) => alphabet[byte % alphabet.length]).join('')
}

/**
 * The mutations with the placeholder replaced by the transaction id where a revision is recorded
 * (a create's `importInfo.revision`, a patch's `set.importInfo.revision`); nowhere else, so no
 * content is ever touched.
 * @param mutations - as built (with {@link REVISION_PLACEHOLDER} where a revision is recorded)
 * @param transactionId - this attempt's id
 * @returns new mutations; the given ones are not changed
 */
export function stampRevision(mutations: Mutation[], transactionId: string): Mutation[] {
  return mutations.map((mutation) => {
    if ('create' in mutation) return {create: withRevision(mutation.create, transactionId)}
    if ('patch' in mutation && mutation.patch.set && 'importInfo' in mutation.patch.set) {
      return {patch: {...mutation.patch, set: withRevision(mutation.patch.set, transactionId)}}
    }
    return mutation
  })
}

/**
 * A document (or patch `set`) that records the placeholder revision in its `importInfo`.
 * @param value - the document or set
 * @returns a copy with `importInfo.revision` set to the placeholder
 */
export function recordingRevision<T extends Record<string, unknown>>(value: T): T {
  const info = value.importInfo
  if (typeof info !== 'object' || info === null) return value
  return {...value, importInfo: {...info, revision: REVISION_PLACEHOLDER}}
}

/**
 * An `importInfo` without its recorded revision, for comparing what two copies record otherwise.
 * @param info - an `importInfo` value (anything else is returned as it is)
 * @returns a copy without `revision`
 */
export function withoutRevision(info: unknown): unknown {
  if (typeof info !== 'object' || info === null) return info
  const {revision: _revision, ...rest} = info as Record<string, unknown>
  return rest
}

function withRevision<T extends Record<string, unknown>>(value: T, transactionId: string): T {
  const info = value.importInfo as Record<string, unknown> | undefined
  if (info?.revision !== REVISION_PLACEHOLDER) return value
  return {...value, importInfo: {...info, revision: transactionId}}
}
