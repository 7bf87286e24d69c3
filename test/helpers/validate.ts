import type {SanityDocument} from 'sanity'
import {errorsOf, validate} from './schema-workspace.ts'

/** A validation error of one document, flattened for readable test failures. */
export interface Problem {
  id: string
  path: string
  message: string
}

/**
 * Runs the schema's rules on every document of a batch, as one dataset: references resolve and
 * the unique-year rule's GROQ query sees the other documents.
 * @param documents - imported documents
 * @returns every error-level marker (empty when all pass)
 */
export async function validateAll(documents: ReadonlyArray<{_id: string; _type: string}>): Promise<Problem[]> {
  const all = documents as unknown as SanityDocument[]
  const problems: Problem[] = []
  for (const document of all) {
    const others = all.filter((other) => other !== document)
    for (const marker of errorsOf(await validate(document, others))) {
      problems.push({id: document._id, path: JSON.stringify(marker.path), message: marker.message})
    }
  }
  return problems
}
