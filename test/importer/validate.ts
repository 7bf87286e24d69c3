import {evaluate, parse} from 'groq-js'
import {createSchema, validateDocument} from 'sanity'
import type {SanityClient} from '@sanity/client'
import {schemaTypes} from '../../schemas'

/** A validation problem of one document, flattened for readable test failures. */
export interface Problem {
  id: string
  path: string
  level: string
  message: string
}

/**
 * Validates documents with the project's schema, offline: custom rules that query the dataset
 * (unique year) get a client that evaluates GROQ over the same documents with groq-js.
 * @param documents - the imported documents
 * @returns every error-level marker
 */
export async function validateAll(documents: ReadonlyArray<{_id: string; _type: string}>): Promise<Problem[]> {
  const schema = createSchema({name: 'default', types: schemaTypes})
  const client = {
    fetch: async (query: string, params?: Record<string, unknown>) =>
      (await evaluate(parse(query), {dataset: documents, params: params ?? {}})).get(),
    withConfig: () => client,
    config: () => ({apiVersion: '2025-02-19'}),
  }
  const getClient = () => client as unknown as SanityClient
  const ids = new Set(documents.map((document) => document._id))
  const problems: Problem[] = []
  for (const document of documents) {
    const markers = await validateDocument({
      document: document as never,
      workspace: {schema, getClient, i18n: {t: (key: string) => key, loadNamespaces: async () => undefined} as never},
      getClient,
      // References must point at documents of this import (the dataset may be empty).
      getDocumentExists: async ({id}: {id: string}) => ids.has(id),
      environment: 'cli',
    })
    for (const marker of markers) {
      if (marker.level !== 'error') continue
      problems.push({id: document._id, path: JSON.stringify(marker.path), level: marker.level, message: marker.message})
    }
  }
  return problems
}
