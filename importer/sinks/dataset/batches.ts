/**
 * Packs mutations into as few transactions as fit under Sanity's request-body limit (4 MB),
 * measuring the exact JSON bytes each mutation adds to `{"mutations": [...]}`.
 */
import type {Mutation} from '@sanity/client'

/** Sanity's limit on a mutation request body: 4,000,000 bytes (the lake refuses more with 413). */
export const MAX_REQUEST_BYTES = 4_000_000
/** Room left under the limit for the query string, headers and rounding on the server side. */
export const SAFETY_MARGIN = 0.9
export const DEFAULT_BATCH_BYTES = Math.floor(MAX_REQUEST_BYTES * SAFETY_MARGIN)

/** `{"mutations":[` + `]}`: the body's frame around the mutations. */
const FRAME_BYTES = Buffer.byteLength('{"mutations":[]}')

export interface SizedMutation {
  /** The document the mutation writes. */
  id: string
  mutation: Mutation
  /** Mutations sent right before it in the same transaction (e.g. a delete's revision guard). */
  before?: Mutation[]
  /** Serialized JSON bytes (UTF-8), `before` and its commas included. */
  bytes: number
}

export interface Batch {
  items: SizedMutation[]
  /** The request body's size in bytes. */
  bytes: number
}

/** A single mutation that cannot fit any request. */
export class MutationTooLargeError extends Error {
  readonly id: string
  readonly bytes: number
  readonly limit: number

  constructor(
    id: string,
    bytes: number,
    limit: number,
  ) {
    super(
      `document ${id} is ${bytes} bytes as a mutation; one request may carry at most ${limit} bytes`,
    )
    this.id = id
    this.bytes = bytes
    this.limit = limit
    this.name = 'MutationTooLargeError'
  }
}

/**
 * Measures a mutation as it will travel.
 * @param id - the document it writes
 * @param mutation - the mutation
 * @returns the mutation with its UTF-8 JSON size
 */
export function sizeMutation(id: string, mutation: Mutation): SizedMutation {
  return {id, mutation, bytes: Buffer.byteLength(JSON.stringify(mutation))}
}

/**
 * Measures a group of mutations that must travel together (the last one writes `id`).
 * @param id - the document they write
 * @param mutations - at least one
 * @returns the group, sized with the commas between its members
 */
export function sizeMutations(id: string, mutations: Mutation[]): SizedMutation {
  const mutation = mutations[mutations.length - 1] as Mutation
  const bytes = mutations.reduce((sum, item) => sum + Buffer.byteLength(JSON.stringify(item)), mutations.length - 1)
  return {id, mutation, bytes, ...(mutations.length > 1 ? {before: mutations.slice(0, -1)} : {})}
}

/** The mutations of a batch, in order, as the request carries them. */
export function batchMutations(items: SizedMutation[]): Mutation[] {
  return items.flatMap((item) => [...(item.before ?? []), item.mutation])
}

/**
 * Greedily fills requests in order (the push orders referenced documents first, see
 * `order.ts`, so no request references a document a later one creates), each body at most `limit` bytes.
 * @param items - sized mutations
 * @param limit - the largest body allowed (defaults to 90 % of 4 MB)
 * @returns the batches, in order
 * @throws MutationTooLargeError when one mutation alone exceeds the limit
 */
export function packBatches(items: SizedMutation[], limit: number = DEFAULT_BATCH_BYTES): Batch[] {
  const batches: Batch[] = []
  let current: Batch | undefined
  for (const item of items) {
    if (FRAME_BYTES + item.bytes > limit) throw new MutationTooLargeError(item.id, item.bytes, limit)
    // A comma separates it from the previous mutation of the same body.
    if (current && current.bytes + 1 + item.bytes <= limit) {
      current.items.push(item)
      current.bytes += 1 + item.bytes
      continue
    }
    current = {items: [item], bytes: FRAME_BYTES + item.bytes}
    batches.push(current)
  }
  return batches
}
