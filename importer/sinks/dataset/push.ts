/**
 * Pushes imported documents to a dataset: plan (a few reads), upload each distinct image once,
 * then write in transactions under 4 MB at a bounded rate, retrying passing failures. Writes are
 * idempotent (`createOrReplace` with deterministic ids, revision-guarded patches), so running
 * the push again after an interruption finishes the job without duplicating anything.
 */
import type {SanityClient} from '@sanity/client'
import type {SanityDocumentLike} from 'sanity'
import {ImportError} from '../../diagnostics'
import {
  findExistingAssets,
  findImageSlots,
  linkAssets,
  MissingImageError,
  readImageFiles,
  uploadMissing,
} from './assets'
import {DEFAULT_BATCH_BYTES, MutationTooLargeError, packBatches, sizeMutation, type Batch} from './batches'
import {apiOrigin, createTargetClient, loadTargetConfig} from './config'
import {
  describeError,
  describeNetworkCode,
  httpStatus,
  networkCode,
  PushError,
  redact,
} from './errors'
import {
  classify,
  countActions,
  isAlreadyWritten,
  makePlan,
  mutationFor,
  readRemote,
  withContentHash,
  type PlanAction,
  type PlanEntry,
} from './plan'
import {createProgress, type Progress} from './progress'
import {DEFAULT_BURST, DEFAULT_RATE_PER_SECOND, TokenBucket} from './rate-limit'
import {formatPlan, formatSummary, type PushSummary} from './report'
import {RetriesExhaustedError, retryPolicyFrom, type RetryPolicy} from './retry'
import {Transport} from './transport'

export type {PushSummary} from './report'

export interface PushOptions {
  /** Print the plan and write nothing (no mutation, no upload). */
  dryRun: boolean
  /** Overwrite documents an editor changed since the last import. */
  force: boolean
  /** Plain lines (stdout). */
  log: (line: string) => void
  /** A progress bar on a terminal, plain lines otherwise. */
  isTTY: boolean
  /** Defaults to `process.env`; `.env` fills the gaps (see `loadTargetConfig`). */
  env?: NodeJS.ProcessEnv
  /** Tests may inject one; otherwise built from the environment. */
  client?: SanityClient
  /** Raw output for the progress bar; defaults to `process.stdout.write`. */
  write?: (chunk: string) => void
  /** Retry bounds (over `SANITY_PUSH_RETRY_*` and the defaults). */
  retry?: Partial<RetryPolicy>
  /** Largest mutation request body in bytes (defaults to 90 % of 4 MB). */
  maxBatchBytes?: number
  /** Requests per second and burst (defaults 20 and 5: at most 25 in any second). */
  rateLimit?: {perSecond: number; burst?: number}
}

/** How often one transaction is re-planned after a revision conflict (409) before giving up. */
const MAX_REPLANS = 3

const WRITE_ACTIONS = new Set<PlanAction>(['create', 'update', 'overwrite'])

/** What has been done so far, for the message when a push stops half-way. */
interface Progressed {
  phase: 'plan' | 'upload' | 'write'
  documentsToWrite: number
  documentsWritten: number
  assetsUploaded: number
}

const ID_PATTERN = /^[a-zA-Z0-9_-][a-zA-Z0-9._-]*$/

function sourceOf(document: SanityDocumentLike): string {
  const info = document.importInfo as {source?: unknown} | undefined
  return typeof info?.source === 'string' ? info.source : 'push'
}

/** Checks ids (present, valid, not drafts, unique) and stamps each document's content hash. */
function prepare(documents: SanityDocumentLike[]): {document: SanityDocumentLike; hash: string}[] {
  const seen = new Set<string>()
  return documents.map((document) => {
    const id = document._id
    const fail = (rule: string, message: string) =>
      new ImportError({file: sourceOf(document), rule, message})
    if (typeof id !== 'string' || !ID_PATTERN.test(id) || id.startsWith('drafts.')) {
      throw fail('invalid-id', `cannot push a document with id ${JSON.stringify(id)}`)
    }
    if (typeof document._type !== 'string' || document._type === '') {
      throw fail('missing-type', `document ${id} has no _type`)
    }
    if (seen.has(id)) throw fail('duplicate-id', `document id ${id} occurs twice in one push`)
    seen.add(id)
    return withContentHash(document)
  })
}

/**
 * Pushes documents to the configured dataset.
 * @param documents - as the importer writes them to NDJSON (with `importInfo` and
 *   `_sanityAsset` image sources); not modified
 * @param options - dry run, force, output, and (for tests) client and tuning
 * @returns what was done
 * @throws ImportError (one line, token-free) when the push cannot be completed; a push that
 *   stopped half-way says how much was written
 */
export async function pushToDataset(
  documents: SanityDocumentLike[],
  options: PushOptions,
): Promise<PushSummary> {
  const env = options.env ?? process.env
  const client = options.client ?? createTargetClient(loadTargetConfig(env))
  const {token, dataset} = client.config()
  const origin = apiOrigin(client)
  const log = (line: string) => options.log(redact(line, token))
  const write = options.write ?? ((chunk: string) => void process.stdout.write(chunk))
  const progress = createProgress({
    isTTY: options.isTTY,
    log,
    write: (chunk) => write(redact(chunk, token)),
  })
  const rate = options.rateLimit ?? {perSecond: DEFAULT_RATE_PER_SECOND, burst: DEFAULT_BURST}
  const transport = new Transport(client, {
    policy: retryPolicyFrom(env, options.retry),
    bucket: new TokenBucket(rate.perSecond, rate.burst ?? Math.min(rate.perSecond, DEFAULT_BURST)),
    onRetry: ({delayMs, reason, attempt}) =>
      progress.log(`retrying in ${(delayMs / 1000).toFixed(1)} s (attempt ${attempt + 1}): ${reason}`),
  })
  const target = `dataset ${dataset ?? '(none)'}`
  const state: Progressed = {phase: 'plan', documentsToWrite: 0, documentsWritten: 0, assetsUploaded: 0}
  try {
    return await run(documents, options, {transport, progress, log, state, target: `${target} at ${origin}`})
  } catch (error) {
    progress.done()
    throw toPushError(error, {target, origin, token, state})
  }
}

interface RunContext {
  transport: Transport
  progress: Progress
  log: (line: string) => void
  state: Progressed
  target: string
}

async function run(
  documents: SanityDocumentLike[],
  options: PushOptions,
  {transport, progress, log, state, target}: RunContext,
): Promise<PushSummary> {
  const query = <T>(groq: string, params: Record<string, unknown>) => transport.query<T>(groq, params)
  const prepared = prepare(documents)
  const remote = await readRemote(query, prepared.map(({document}) => document._id))
  const entries = makePlan(prepared, remote, options.force)
  const writing = entries.filter((entry) => WRITE_ACTIONS.has(entry.action))
  const maxBytes = options.maxBatchBytes ?? DEFAULT_BATCH_BYTES
  // Fail on an oversized document before anything is uploaded or written.
  packBatches(writing.map((entry) => sizeMutation(entry.id, mutationFor(entry))), maxBytes)

  const images = await readImageFiles(findImageSlots(writing.map((entry) => entry.document)))
  const reused = await findExistingAssets(images.files, query)
  const toUpload = images.files.length - reused
  const counts = countActions(entries)
  const summary: PushSummary = {
    created: 0,
    updated: 0,
    unchanged: counts.unchanged,
    conflicts: entries
      .filter((entry) => entry.action === 'conflict')
      .map((entry) => ({id: entry.id, reason: entry.reason ?? 'conflict'})),
    overwritten: 0,
    assetsUploaded: 0,
    assetsReused: reused,
    requests: 0,
    mutationRequests: 0,
  }
  const finish = (): PushSummary => {
    summary.requests = transport.requests
    summary.mutationRequests = transport.mutationRequests
    return summary
  }

  if (options.dryRun) {
    for (const line of formatPlan(target, entries, {upload: toUpload, reuse: reused})) log(line)
    return finish()
  }

  state.phase = 'upload'
  state.documentsToWrite = writing.length
  if (toUpload > 0) progress.start('uploading images', toUpload)
  summary.assetsUploaded = await uploadMissing(
    images.files,
    (bytes, filename) => transport.uploadImage(bytes, filename),
    () => {
      state.assetsUploaded++
      progress.advance()
    },
  )
  progress.done()
  linkAssets(images)

  state.phase = 'write'
  const batches = packBatches(
    writing.map((entry) => sizeMutation(entry.id, mutationFor(entry))),
    maxBytes,
  )
  const byId = new Map(writing.map((entry) => [entry.id, entry]))
  const record = (entry: PlanEntry): void => {
    if (entry.action === 'create') summary.created++
    else if (entry.action === 'update') summary.updated++
    else if (entry.action === 'overwrite') summary.overwritten++
    state.documentsWritten++
  }
  if (writing.length > 0) progress.start('writing documents', writing.length)
  for (const batch of batches) {
    await writeBatch(batch, {transport, progress, byId, record, force: options.force, summary})
  }
  progress.done()
  for (const line of formatSummary(target, finish(), options.force)) log(line)
  return summary
}

interface BatchContext {
  transport: Transport
  progress: Progress
  byId: Map<string, PlanEntry>
  record: (entry: PlanEntry) => void
  force: boolean
  summary: PushSummary
}

/**
 * Commits one transaction. On a revision conflict (409: the dataset changed after the plan)
 * its documents are read again and re-planned: already written ones count as done, ones an
 * editor changed become conflicts, the rest are sent again with the new revisions.
 */
async function writeBatch(batch: Batch, context: BatchContext): Promise<void> {
  const {transport, progress, byId, record, force, summary} = context
  let items = batch.items
  for (let replans = 0; items.length > 0; replans++) {
    try {
      await transport.mutate(items.map((item) => item.mutation))
      for (const item of items) record(byId.get(item.id) as PlanEntry)
      progress.advance(items.length)
      return
    } catch (error) {
      if (httpStatus(error) !== 409 || replans >= MAX_REPLANS) throw error
    }
    progress.log(`the dataset changed during the push (409): re-planning ${items.length} documents`)
    const query = <T>(groq: string, params: Record<string, unknown>) => transport.query<T>(groq, params)
    const fresh = await readRemote(query, items.map((item) => item.id))
    const next = []
    for (const item of items) {
      const entry = byId.get(item.id) as PlanEntry
      const hash = (entry.document.importInfo as {contentHash: string}).contentHash
      const current = fresh.documents.get(item.id)
      if (current && isAlreadyWritten(current, hash)) {
        record(entry)
        progress.advance()
        continue
      }
      const replanned = classify(entry.document, hash, fresh, force)
      if (replanned.action === 'conflict') {
        summary.conflicts.push({id: entry.id, reason: replanned.reason ?? 'conflict'})
        progress.advance()
        continue
      }
      byId.set(entry.id, replanned)
      next.push(sizeMutation(entry.id, mutationFor(replanned)))
    }
    items = next
  }
}

interface ErrorContext {
  target: string
  origin: string
  token: string | undefined
  state: Progressed
}

/** One token-free line for any failure, with how far the push got when it stopped half-way. */
function toPushError(error: unknown, {target, origin, token, state}: ErrorContext): ImportError {
  if (error instanceof ImportError) return error
  if (error instanceof MissingImageError) {
    return new ImportError({file: error.file, rule: 'missing-image', message: error.message})
  }
  if (error instanceof MutationTooLargeError) {
    return new PushError(target, 'document-too-large', error.message)
  }
  const exhausted = error instanceof RetriesExhaustedError ? error : undefined
  const last = exhausted ? exhausted.lastError : error
  const status = httpStatus(last)
  const code = networkCode(last)
  const attempts = exhausted ? ` (after ${exhausted.attempts} attempts)` : ''
  let rule: string
  let message: string
  if (status === 401 || status === 403) {
    rule = 'unauthorized'
    message = token
      ? `the API token was rejected (${status})`
      : `the API needs a token (${status}): set SANITY_API_TOKEN`
  } else if (code) {
    rule = 'unreachable'
    message = `cannot reach ${origin}: ${describeNetworkCode(code)}${attempts}`
  } else if (exhausted) {
    rule = 'api-unavailable'
    message = `${origin} kept failing: ${exhausted.reason}${attempts}`
  } else if (status !== undefined) {
    rule = 'api-error'
    message = `${origin} answered ${status}: ${describeError(last, token)}`
  } else {
    rule = 'push-failed'
    message = describeError(error, token)
  }
  if (state.phase !== 'plan') {
    message +=
      `; push incomplete: ${state.documentsWritten} of ${state.documentsToWrite} documents ` +
      `written, ${state.assetsUploaded} images uploaded; run it again to finish`
  }
  return new PushError(target, rule, redact(message, token))
}
