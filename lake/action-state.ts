/**
 * The dataset as the actions of one request see it while they are translated: each action's
 * mutations are applied to an overlay, so a later action in the same request sees what an earlier
 * one did (the Studio restores a deleted document with `create` then `replaceDraft` in one request).
 */
import {Mutation} from '@sanity/mutator'
import type {StoredDocument} from './journal.ts'
import {MutationError, type Dataset} from './store.ts'

/** A plain mutation as the mutate endpoint takes it. */
export type PlainMutation = Record<string, unknown>

/** The documents one request's actions have produced so far, over the dataset. */
export class PendingActions {
  private readonly overlay = new Map<string, StoredDocument | null>()
  /** Every mutation so far, in order: what the request commits. */
  readonly mutations: PlainMutation[] = []

  private readonly dataset: Dataset
  public index: number

  /**
   * @param dataset - the dataset the request acts on
   * @param index - the index of the action being translated (for error items)
   */
  constructor(
    dataset: Dataset,
    index = 0,
  ) {
    this.dataset = dataset
    this.index = index
  }

  /**
   * A document as the request has left it so far.
   *
   * @param id - the document id
   * @returns the document, or undefined when it does not exist (or was deleted by this request)
   */
  get(id: string): StoredDocument | undefined {
    if (this.overlay.has(id)) return this.overlay.get(id) ?? undefined
    return this.dataset.get(id)
  }

  /**
   * Was this document left untouched so far by the request (so its stored `_rev` still holds)?
   *
   * @param id - the document id
   * @returns true when no earlier action of the request wrote it
   */
  untouched(id: string): boolean {
    return !this.overlay.has(id)
  }

  /**
   * Every id, among the dataset and this request's documents, that `match` accepts.
   *
   * @param match - a predicate on ids
   * @returns the ids of documents that currently exist
   */
  ids(match: (id: string) => boolean): string[] {
    const found = new Set<string>()
    for (const doc of this.dataset.all()) if (match(doc._id) && this.get(doc._id)) found.add(doc._id)
    for (const [id, doc] of this.overlay) if (doc && match(id)) found.add(id)
    return [...found]
  }

  /**
   * Record a mutation and apply it to the overlay.
   *
   * @param mutation - `create`, `createOrReplace`, `createIfNotExists`, `delete` (by id) or `patch` (by id)
   */
  push(mutation: PlainMutation): void {
    this.mutations.push(mutation)
    const [kind, body] = Object.entries(mutation)[0] ?? []
    const record = body as Record<string, unknown> & {_id?: string; id?: string}
    if (kind === 'delete') {
      this.overlay.set(String(record.id), null)
      return
    }
    if (kind === 'createIfNotExists' && this.get(String(record._id))) return
    if (kind === 'create' || kind === 'createOrReplace' || kind === 'createIfNotExists') {
      this.overlay.set(String(record._id), {...record, _rev: 'pending'} as StoredDocument)
      return
    }
    const current = this.get(String(record.id))
    if (!current) return // the commit reports it
    try {
      const next = new Mutation({mutations: [mutation]}).apply(current) as StoredDocument | null
      this.overlay.set(current._id, next)
    } catch (error) {
      throw new MutationError(400, [
        {index: this.index, id: current._id, description: error instanceof Error ? error.message : String(error), type: 'invalidMutationError'},
      ])
    }
  }
}
