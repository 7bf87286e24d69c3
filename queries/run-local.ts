import {readFile} from 'node:fs/promises'
import {evaluate, parse} from 'groq-js'

/** A document as stored in an NDJSON dataset. */
export type StoredDocument = Record<string, unknown> & {_id: string; _type: string}

/**
 * Reads an NDJSON dataset (one document per line, as `npm run import` writes it).
 * @param file - path of the `.ndjson` file
 * @returns its documents in file order
 */
export async function readDataset(file: string): Promise<StoredDocument[]> {
  const text = await readFile(file, 'utf8')
  const documents: StoredDocument[] = []
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue
    try {
      documents.push(JSON.parse(line) as StoredDocument)
    } catch {
      throw new Error(`${file}:${index + 1}: not a JSON document`)
    }
  }
  return documents
}

/**
 * Runs a GROQ query in process with groq-js, the engine behind Sanity's own query semantics.
 * @param query - GROQ text
 * @param documents - the dataset
 * @param params - query parameters (`$name`)
 * @returns the query result as plain JSON
 */
export async function runLocalQuery<T = unknown>(
  query: string,
  documents: readonly StoredDocument[],
  params: Record<string, unknown> = {},
): Promise<T> {
  const tree = parse(query, {params})
  const value = await evaluate(tree, {dataset: documents as unknown[], params})
  return (await value.get()) as T
}
