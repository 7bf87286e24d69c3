/**
 * Referential integrity as the Content Lake enforces it: a strong reference (`_ref` without
 * `_weak: true`) must point to an existing document, and a document that is strongly referenced
 * cannot be deleted. Cross-dataset/project references are not checked.
 */
import type {StoredDocument} from './journal.ts'

/**
 * Ids this value strongly references, at any depth.
 *
 * @param value - a document or any part of one
 * @returns the referenced ids (may repeat)
 */
export function strongReferences(value: unknown): string[] {
  const found: string[] = []
  walk(value, found)
  return found
}

function walk(value: unknown, found: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, found)
    return
  }
  if (typeof value !== 'object' || value === null) return
  const record = value as Record<string, unknown>
  if (
    typeof record._ref === 'string' &&
    record._weak !== true &&
    record._dataset === undefined &&
    record._projectId === undefined
  ) {
    found.push(record._ref)
  }
  for (const key of Object.keys(record)) walk(record[key], found)
}

/** One broken rule, worded like Sanity's errors. */
export interface IntegrityProblem {
  id: string
  description: string
  type: 'documentReferenceIntegrityError' | 'documentHasExistingReferencesError'
}

/**
 * Check the state a transaction would leave behind.
 *
 * @param changed - ids the transaction wrote or deleted, with their resulting documents
 * @param lookup - the dataset as it would be after the transaction
 * @param all - every document as it would be after the transaction (scanned only on deletes)
 * @returns the problems; empty when the transaction may commit
 */
export function checkIntegrity(
  changed: Map<string, StoredDocument | null>,
  lookup: (id: string) => StoredDocument | undefined,
  all: () => Iterable<StoredDocument>,
): IntegrityProblem[] {
  const problems: IntegrityProblem[] = []
  const deleted = new Set<string>()
  for (const [id, doc] of changed) {
    if (!doc) {
      deleted.add(id)
      continue
    }
    for (const ref of new Set(strongReferences(doc))) {
      if (!lookup(ref)) {
        problems.push({
          id,
          type: 'documentReferenceIntegrityError',
          description: `Document "${id}" references non-existent document "${ref}"`,
        })
      }
    }
  }
  if (deleted.size === 0) return problems
  for (const doc of all()) {
    for (const ref of new Set(strongReferences(doc))) {
      if (deleted.has(ref)) {
        problems.push({
          id: ref,
          type: 'documentHasExistingReferencesError',
          description: `Document "${ref}" cannot be deleted as there are references to it from "${doc._id}"`,
        })
      }
    }
  }
  return problems
}
