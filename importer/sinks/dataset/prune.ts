/**
 * Documents an earlier import of the same sources created and that the sources no longer
 * produce (a renamed heading makes a new section; the old one is stale). They are deleted with
 * `--prune` unless an editor changed one, it has a draft, or a document this import does not
 * own (or will not rewrite) still strongly references it: those are kept and reported.
 */
import type {Mutation} from '@sanity/client'
import type {SanityDocumentLike} from 'sanity'
import {contentHash} from '../../documents/content-hash.ts'
import {strongReferences} from './order.ts'
import {readRemote, type PlanEntry} from './plan.ts'

type QueryFn = <T>(query: string, params: Record<string, unknown>) => Promise<T>

/** A document the sources no longer produce. */
export interface StaleDocument {
  id: string
  type: string
  /** Why it cannot be deleted; undefined when it can. */
  keptBecause?: string
  remote: SanityDocumentLike
}

/** Ids of the sources' documents this import does not produce (the planned ones are not downloaded). */
const OWNED_IDS_QUERY = '*[importInfo.source in $sources && !(_id in path("drafts.**")) && !(_id in $planned)]._id'
const REFERRERS_QUERY = '*[references($ids)]'

/**
 * Finds the stale documents of the given sources and whether each may be deleted.
 * @param query - runs GROQ (the transport)
 * @param sources - `importInfo.source` of every document of this import
 * @param planned - this import's plan, by id (what each referrer will look like after the push)
 * @returns the stale documents, in id order
 */
export async function findStale(query: QueryFn, sources: string[], planned: Map<string, PlanEntry>): Promise<StaleDocument[]> {
  if (sources.length === 0) return []
  const owned = await query<string[]>(OWNED_IDS_QUERY, {sources, planned: [...planned.keys()]})
  const staleIds = owned.filter((id) => !planned.has(id)).sort()
  if (staleIds.length === 0) return []
  const remote = await readRemote(query, staleIds)
  const stale: StaleDocument[] = []
  for (const id of staleIds) {
    const doc = remote.documents.get(id)
    if (!doc) continue
    const recorded = (doc.importInfo as {contentHash?: unknown} | undefined)?.contentHash
    let keptBecause: string | undefined
    if (remote.drafts.has(id)) keptBecause = `an unpublished draft exists (drafts.${id})`
    else if (recorded !== contentHash(doc)) keptBecause = 'edited in the dataset since it was imported'
    stale.push({id, type: doc._type, remote: doc, ...(keptBecause ? {keptBecause} : {})})
  }
  await markReferenced(query, stale, planned)
  return stale
}

/** Keeps stale documents that something staying in the dataset still strongly references. */
async function markReferenced(query: QueryFn, stale: StaleDocument[], planned: Map<string, PlanEntry>): Promise<void> {
  const byId = new Map(stale.map((doc) => [doc.id, doc]))
  const referrers = await query<SanityDocumentLike[]>(REFERRERS_QUERY, {ids: [...byId.keys()]})
  // What each referrer will reference after the push: its planned version if it is written.
  const after = referrers.map((doc) => {
    const entry = planned.get(doc._id)
    const refs = strongReferences(entry?.write ? entry.document : doc)
    return {id: doc._id, refs}
  })
  // A kept stale document keeps what it references: repeat until nothing changes.
  for (let changed = true; changed; ) {
    changed = false
    for (const {id, refs} of after) {
      const self = byId.get(id)
      if (self && self.keptBecause === undefined) continue
      for (const ref of refs) {
        const target = byId.get(ref)
        if (!target || target.keptBecause !== undefined) continue
        target.keptBecause = `still referenced by ${id}`
        changed = true
      }
    }
  }
}

/**
 * The mutations that delete a stale document only if nobody changed it since the plan: a patch
 * guarded by its revision (a no-op otherwise), then the delete, in one transaction.
 * @param doc - a deletable stale document
 * @returns the two mutations
 */
export function deleteMutations(doc: StaleDocument): Mutation[] {
  const guard: Mutation = {patch: {id: doc.id, ifRevisionID: doc.remote._rev as string, unset: ['__pruneGuard']}}
  return [guard, {delete: {id: doc.id}}]
}
