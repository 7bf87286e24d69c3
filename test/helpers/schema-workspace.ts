import {evaluate, parse} from 'groq-js'
import {createSchema, validateDocument} from 'sanity'
import type {SanityClient, SanityDocument, Schema, ValidationMarker} from 'sanity'
import {schemaTypes} from '../../schemas/index.ts'

/**
 * The project's schema compiled the way the Studio compiles it (builtin types added by Sanity).
 *
 * @returns the compiled schema
 */
export function compileProjectSchema(): Schema {
  return createSchema({name: 'test', types: schemaTypes})
}

/**
 * A stand-in for the client custom validators get from `context.getClient()`: `fetch` runs
 * the real GROQ (groq-js) over an in-memory dataset, so the rules' queries are exercised too.
 *
 * @param dataset - the documents the "Content Lake" holds
 * @returns an object with the client methods validation uses, typed as a client
 */
export function inMemoryClient(dataset: readonly SanityDocument[]): SanityClient {
  const fetch = async (query: string, params: Record<string, unknown> = {}) => {
    const tree = parse(query, {params})
    const result = await evaluate(tree, {dataset: [...dataset], params})
    return result.get()
  }
  const client = {fetch, withConfig: () => client, config: () => ({dataset: 'test', projectId: 'test'})}
  // Validation only calls fetch/withConfig/config; the full client surface is not needed offline.
  return client as unknown as SanityClient
}

type ValidationWorkspace = Parameters<typeof validateDocument>[0]['workspace']

const schema = compileProjectSchema()

/**
 * Runs the schema's validation rules on one document, as the Studio would, against a small
 * in-memory dataset (references resolve and custom rules query only within it).
 *
 * @param document - the document to validate
 * @param dataset - the other documents in the "dataset"
 * @returns Sanity's validation markers
 */
export async function validate(
  document: SanityDocument,
  dataset: readonly SanityDocument[] = [],
): Promise<ValidationMarker[]> {
  const client = inMemoryClient([...dataset, document])
  const ids = new Set([...dataset, document].map((doc) => doc._id))
  // validateDocument supplies its default i18n when the workspace has none.
  const workspace = {schema, getClient: () => client} as Omit<ValidationWorkspace, 'i18n'> as ValidationWorkspace
  return validateDocument({
    workspace,
    document,
    getDocumentExists: async ({id}) => ids.has(id),
  })
}

/**
 * @param markers - validation markers
 * @returns only the error-level markers
 */
export const errorsOf = (markers: ValidationMarker[]) => markers.filter((marker) => marker.level === 'error')
