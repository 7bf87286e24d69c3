/**
 * Pushes imported documents to a dataset: plan (a few reads), upload each distinct image once,
 * then write in transactions under 4 MB at a bounded rate, referenced documents first, retrying
 * passing failures. New documents are `create`d and everything else is patched under a revision
 * guard, so a re-run after an interruption finishes the job, and a concurrent writer's change is
 * re-planned, never overwritten. With `prune`, documents the sources no longer produce go.
 */
import type {SanityClient} from '@sanity/client'
import type {SanityDocumentLike} from 'sanity'
import {timeoutsFrom, UnexpectedResponseError, type Timeouts} from '../../../config/http.ts'
import {loadTarget} from '../../../config/load.ts'
import {authFailureMessage, isMissingDataset} from '../../../config/messages.ts'
import {documentIdProblem} from '../../../config/names.ts'
import {TargetError, type Sourced, type Target} from '../../../config/target.ts'
import {ImportError} from '../../diagnostics.ts'
import {findExistingAssets, findImageSlots, linkAssets, readImageFiles, uploadMissing} from './assets.ts'
import {DEFAULT_BATCH_BYTES, MutationTooLargeError, packBatches, sizeMutation, sizeMutations, type SizedMutation} from './batches.ts'
import {apiOrigin, createTargetClient} from './config.ts'
import {DatasetError, ensureDataset, missingDatasetMessage} from './datasets.ts'
import {
  describeError,
  describeNetworkCode,
  httpStatus,
  networkCode,
  PushError,
  redact,
} from './errors.ts'
import {dependencyOrder, strongReferences} from './order.ts'
import {makePlan, mutationFor, readRemote, withContentHash, type PlanEntry} from './plan.ts'
import {createProgress, type Progress} from './progress.ts'
import {deleteMutations, findStale, type StaleDocument} from './prune.ts'
import {DEFAULT_BURST, DEFAULT_RATE_PER_SECOND, TokenBucket} from './rate-limit.ts'
import {formatPlan, formatSummary, type PushSummary} from './report.ts'
import {RetriesExhaustedError, retryPolicyFrom, type RetryPolicy} from './retry.ts'
import {Transport} from './transport.ts'
import {staleReport, summarise} from './summary.ts'
import {writeBatch, WriteRefusedError, type WriteState} from './write.ts'

export type {PushSummary} from './report.ts'

export interface PushOptions {
  /** Print the plan and write nothing (no mutation, no upload). */
  dryRun: boolean
  /** Overwrite documents an editor changed since the last import. */
  force: boolean
  /** Delete documents the same sources made earlier and no longer produce. */
  prune?: boolean
  /** Where the import ran (`importInfo.source` is relative to it); defaults to `process.cwd()`. */
  cwd?: string
  /** Plain lines (stdout). */
  log: (line: string) => void
  /** A progress bar on a terminal, plain lines otherwise. */
  isTTY: boolean
  /** Defaults to `process.env`; `.env` fills the gaps (see `config/load.ts`). */
  env?: NodeJS.ProcessEnv
  /** The `.env` file to read (default `.env` in the working directory); `false` reads none. */
  envFile?: string | false
  /** Where to push; default resolved from `env` and `.env` (`config/target.ts`). */
  target?: Target
  /** Create the dataset when it does not exist (`--create-dataset`); otherwise a missing one stops the push. */
  createDataset?: boolean
  /** Connect, response and idle limits of every request (over `SANITY_*_TIMEOUT_MS` and the defaults). */
  timeouts?: Partial<Timeouts>
  /** Tests may inject one; otherwise built from the target. */
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

/** What has been done so far, for the message when a push stops half-way. */
interface Progressed {
  phase: 'plan' | 'upload' | 'write'
  documentsToWrite: number
  documentsWritten: number
  assetsUploaded: number
}

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
    const problem = documentIdProblem(id)
    if (problem || typeof id !== 'string') throw fail('invalid-id', `cannot push a document with id ${JSON.stringify(id)}: ${problem ?? 'not a string'}`)
    if (id.startsWith('drafts.')) throw fail('invalid-id', `cannot push a document with id ${JSON.stringify(id)}: drafts are the editors'`)
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
  const timeouts = timeoutsFrom(env, options.timeouts)
  let resolved: Target | undefined
  try {
    resolved = options.target ?? (options.client ? undefined : loadTarget({env, ...(options.envFile === undefined ? {} : {envFile: options.envFile})}))
  } catch (error) {
    if (error instanceof TargetError) throw new PushError('push', 'bad-target', error.message)
    throw error
  }
  const client = options.client ?? createTargetClient(resolved as Target, timeouts)
  const {token, dataset} = client.config()
  const tokenSource: Sourced | undefined = resolved?.token ?? (token ? {value: token, source: 'flag', name: 'the client given to the push'} : undefined)
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
    policy: {attemptTimeoutMs: timeouts.connectMs + timeouts.responseMs, ...retryPolicyFrom(env, options.retry)},
    bucket: new TokenBucket(rate.perSecond, rate.burst ?? Math.min(rate.perSecond, DEFAULT_BURST)),
    onRetry: ({delayMs, reason, attempt}) =>
      progress.log(`retrying in ${(delayMs / 1000).toFixed(1)} s (attempt ${attempt + 1}): ${reason}`),
  })
  const target = `dataset ${dataset ?? '(none)'}`
  const state: Progressed = {phase: 'plan', documentsToWrite: 0, documentsWritten: 0, assetsUploaded: 0}
  try {
    return await run(documents, options, {transport, progress, log, state, target: `${target} at ${origin}`, dataset: dataset ?? ''})
  } catch (error) {
    progress.done()
    throw toPushError(error, {target, origin, token, tokenSource, dataset: dataset ?? '', state})
  }
}

interface RunContext {
  transport: Transport
  progress: Progress
  log: (line: string) => void
  state: Progressed
  target: string
  dataset: string
}

async function run(
  documents: SanityDocumentLike[],
  options: PushOptions,
  {transport, progress, log, state, target, dataset}: RunContext,
): Promise<PushSummary> {
  // Ids are checked before any request: a bad one is a located error, not a half-made plan.
  const prepared = prepare(documents)
  const datasetState = await ensureDataset(transport, dataset, {create: options.createDataset === true, dryRun: options.dryRun})
  if (datasetState === 'created') log(`created dataset "${dataset}"`)
  if (datasetState === 'missing') log(`dataset "${dataset}" does not exist: --create-dataset will create it (dry run: everything below would be created)`)
  // A dataset that does not exist yet holds nothing: the plan reads no further.
  const query = datasetState === 'missing'
    ? async <T>(): Promise<T> => [] as T
    : <T>(groq: string, params: Record<string, unknown>) => transport.query<T>(groq, params)
  const sources = new Map(prepared.map((item) => [item.document._id, item]))
  // Summaries first; whole copies only of those a summary cannot show untouched (plan.ts).
  const expected = new Map(prepared.map(({document, hash}) => [document._id, {hash, type: document._type}]))
  const remote = await readRemote(query, [...sources.keys()], expected)
  const entries = new Map(makePlan(prepared, remote, options.force).map((entry) => [entry.id, entry]))
  const stale = await findStale(query, [...new Set(prepared.map(({document}) => sourceOf(document)))], entries)
  const deleting = options.prune ? stale.filter((doc) => doc.keptBecause === undefined) : []
  const writing = [...entries.values()].filter((entry) => entry.write)
  const maxBytes = options.maxBatchBytes ?? DEFAULT_BATCH_BYTES
  // Fail on an oversized document before anything is uploaded or written.
  packBatches(sizeAll(writing, deleting), maxBytes)

  // Slots are found in the source documents: a merged document shares their objects.
  const images = await readImageFiles(findImageSlots(writing.map((entry) => sources.get(entry.id)?.document ?? entry.document)))
  const reused = await findExistingAssets(images.files, query)
  const toUpload = images.files.length - reused
  const written = new Set<string>()
  const keptAtWrite = new Map<string, string>()

  if (options.dryRun) {
    const planned = [...entries.values(), ...deleting.map((doc) => deleteEntry(doc))]
    // Deletable ones show as `delete` lines; the rest as stale (listed or kept).
    const staleReports = staleReport(stale, options.prune === true, new Set(deleting.map((doc) => doc.id)), keptAtWrite)
    for (const line of formatPlan(target, planned, {upload: toUpload, reuse: reused}, staleReports)) log(line)
    for (const entry of writing) written.add(entry.id)
    for (const doc of deleting) written.add(doc.id)
    return summarise({entries, sources, written, stale, prune: options.prune === true, keptAtWrite, images, transport, cwd: options.cwd, reused, uploaded: 0, dryRun: true})
  }

  state.phase = 'upload'
  state.documentsToWrite = writing.length
  if (toUpload > 0) progress.start('uploading images', toUpload)
  const uploaded = await uploadMissing(
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
  // Sized again: linked images changed the mutations' bytes.
  const batches = packBatches(sizeAll(writing, deleting), maxBytes)
  const writeState: WriteState = {
    transport,
    progress,
    force: options.force,
    entries,
    sources,
    stale: new Map(deleting.map((doc) => [doc.id, doc])),
    written,
    keptAtWrite,
  }
  const total = writing.length + deleting.length
  if (total > 0) progress.start('writing documents', total)
  for (const batch of batches) {
    await writeBatch(batch, writeState)
    state.documentsWritten = [...written].filter((id) => entries.has(id)).length
  }
  progress.done()
  const summary = summarise({entries, sources, written, stale, prune: options.prune === true, keptAtWrite, images, transport, cwd: options.cwd, reused, uploaded, dryRun: false})
  for (const line of formatSummary(target, summary, options.force)) log(line)
  return summary
}

/** The mutations in write order: referenced documents first, deletions last. */
function sizeAll(writing: PlanEntry[], deleting: StaleDocument[]): SizedMutation[] {
  const ordered = dependencyOrder(writing, (entry) => entry.id, (entry) => strongReferences(entry.document))
  return [
    ...ordered.map((entry) => sizeMutation(entry.id, mutationFor(entry))),
    ...deleting.map((doc) => sizeMutations(doc.id, deleteMutations(doc))),
  ]
}

function deleteEntry(doc: StaleDocument): PlanEntry {
  return {id: doc.id, action: 'delete', write: true, document: doc.remote, remote: doc.remote, reason: 'no longer produced by its source'}
}

interface ErrorContext {
  target: string
  origin: string
  token: string | undefined
  /** The token sent and where it came from (for 401/403). */
  tokenSource: Sourced | undefined
  dataset: string
  state: Progressed
}

/** One token-free line for any failure, with how far the push got when it stopped half-way. */
function toPushError(error: unknown, {target, origin, token, tokenSource, dataset, state}: ErrorContext): ImportError {
  if (error instanceof ImportError) return error
  if (error instanceof MutationTooLargeError) {
    return new PushError(target, 'document-too-large', error.message)
  }
  if (error instanceof DatasetError) {
    const message = error.status === undefined ? error.message : `${error.message}: ${authFailureMessage(error.status, tokenSource, 'manage datasets')}`
    return new PushError(target, error.rule, redact(message, token))
  }
  if (error instanceof UnexpectedResponseError) {
    return new PushError(target, 'unexpected-response', redact(`${error.message}: is ${origin} the API you meant? (SANITY_API_HOST)`, token))
  }
  const exhausted = error instanceof RetriesExhaustedError ? error : undefined
  const last = exhausted ? exhausted.lastError : error
  const status = httpStatus(last)
  const code = networkCode(last)
  const attempts = exhausted ? ` (after ${exhausted.attempts} attempts)` : ''
  let rule: string
  let message: string
  if (error instanceof WriteRefusedError) {
    rule = error.rule
    message = error.message
  } else if (status === 401 || status === 403) {
    rule = 'unauthorized'
    message = authFailureMessage(status, tokenSource, 'write')
  } else if (isMissingDataset(status, describeError(last, token))) {
    rule = 'missing-dataset'
    message = missingDatasetMessage(dataset)
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
