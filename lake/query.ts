/**
 * GROQ for the lake, on groq-js (the reference implementation Sanity publishes), plus the
 * perspectives the HTTP API applies before a query sees the dataset.
 */
import {evaluate, GroqSyntaxError, parse} from 'groq-js'
import {shimTextSearch} from './groq-shims.ts'
import type {StoredDocument} from './journal.ts'

/** Perspectives the lake understands (others are answered 400 by the server). */
export type Perspective = 'raw' | 'published' | 'drafts' | 'previewDrafts'

/** A query that could not be parsed or evaluated; `body` is Sanity's error shape. */
export class QueryError extends Error {
  readonly status = 400
  readonly body: {error: Record<string, unknown>}

  /**
   * @param description - what went wrong
   * @param details - extra fields of Sanity's error object (type, start, end, query)
   */
  constructor(description: string, details: Record<string, unknown>) {
    super(description)
    this.body = {error: {description, ...details}}
  }
}

/**
 * Is `value` a perspective name the lake implements?
 *
 * @param value - the `perspective` query parameter
 * @returns true for raw, published, drafts, previewDrafts
 */
export function isPerspective(value: string): value is Perspective {
  return value === 'raw' || value === 'published' || value === 'drafts' || value === 'previewDrafts'
}

/**
 * The dataset as a perspective shows it. `published` hides drafts and release versions;
 * `drafts` shows each draft in place of its published document, with the published `_id` and
 * `_originalId` naming the draft, as Sanity does.
 *
 * @param documents - all documents of the dataset
 * @param perspective - which view
 * @returns the documents a query under that perspective sees
 */
export function applyPerspective(
  documents: Iterable<StoredDocument>,
  perspective: Perspective,
): StoredDocument[] {
  const all = [...documents]
  if (perspective === 'raw') return all
  const published = all.filter((doc) => !isDraftOrVersion(doc._id))
  if (perspective === 'published') return published
  const byId = new Map<string, StoredDocument>()
  for (const doc of published) byId.set(doc._id, {...doc, _originalId: doc._id})
  for (const doc of all) {
    if (!doc._id.startsWith('drafts.')) continue
    const id = doc._id.slice('drafts.'.length)
    byId.set(id, {...doc, _id: id, _originalId: doc._id})
  }
  return [...byId.values()]
}

/**
 * Is this id a draft (`drafts.…`) or a release version (`versions.<release>.…`)?
 *
 * @param id - document id
 * @returns true when the published perspective hides it
 */
export function isDraftOrVersion(id: string): boolean {
  return id.startsWith('drafts.') || id.startsWith('versions.')
}

/**
 * Parse a GROQ query, mapping syntax errors to Sanity's `queryParseError`, with the lake's
 * shims for functions groq-js does not evaluate applied.
 *
 * @param query - GROQ source
 * @param params - parameter names the query may use (groq-js checks them at parse time)
 * @param documents - the documents it will run over (whole-document text search needs them)
 * @returns the parsed tree
 * @throws QueryError with status 400
 */
export function parseQuery(
  query: string,
  params: Record<string, unknown>,
  documents: readonly StoredDocument[] = [],
): ReturnType<typeof parse> {
  try {
    // text::query (the Studio's lists and search) is not in groq-js: see groq-shims.ts.
    return shimTextSearch(parse(query, {params}), documents)
  } catch (error) {
    if (error instanceof GroqSyntaxError) {
      return fail(error.message, {
        type: 'queryParseError',
        query,
        start: error.position,
        end: error.position + 1,
      })
    }
    return fail(error instanceof Error ? error.message : String(error), {type: 'queryParseError', query})
  }
}

/**
 * Run a GROQ query against documents.
 *
 * @param documents - the dataset as the perspective shows it
 * @param query - GROQ source
 * @param params - query parameters (`$name` values)
 * @param sanity - projectId/dataset for `sanity::` functions
 * @returns the query result as plain JSON values
 * @throws QueryError (400) when the query cannot be parsed or evaluated
 */
export async function runQuery(
  documents: StoredDocument[],
  query: string,
  params: Record<string, unknown>,
  sanity: {projectId: string; dataset: string},
): Promise<unknown> {
  const tree = parseQuery(query, params, documents)
  try {
    const value = await evaluate(tree, {dataset: documents, params, sanity})
    return await value.get()
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error), {type: 'queryError', query})
  }
}

function fail(description: string, details: Record<string, unknown>): never {
  throw new QueryError(description, details)
}
