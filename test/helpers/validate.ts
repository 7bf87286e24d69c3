import type {SanityDocument} from 'sanity'
import {errorsOf, validate} from '../schema/workspace'

/** Validates a batch of documents as one dataset: references and unique rules see each other. */
export type BatchValidator = (documents: ReadonlyArray<{_id: string; _type: string}>) => Promise<string[]>

/**
 * @returns a function that runs the schema's rules on every document of a batch and lists
 * each error as `id path: message` (empty when all pass)
 */
export async function createValidator(): Promise<BatchValidator> {
  return async (documents) => {
    const all = documents as unknown as SanityDocument[]
    const problems: string[] = []
    for (const document of all) {
      const others = all.filter((other) => other !== document)
      for (const marker of errorsOf(await validate(document, others))) {
        problems.push(`${document._id} ${JSON.stringify(marker.path)}: ${marker.message}`)
      }
    }
    return problems
  }
}
