import {availableParallelism} from 'node:os'
import type {Diagnostic} from './diagnostics.ts'
import {datasetContext, sharedDocuments} from './documents/dataset.ts'
import {finishPreparedReport} from './documents/prepared-report.ts'
import {SharedRegistry} from './documents/registry.ts'
import type {ImportedDocument} from './documents/types.ts'
import {ImportFailure} from './failure.ts'
import {displayPath, profiledInputs} from './input-profiles.ts'
import {mapInOrder} from './pool/ordered.ts'
import {convertFile} from './pool/convert-file.ts'
import type {FileOutcome, FileTask} from './pool/convert-file.ts'
import {WorkerPool} from './pool/worker-pool.ts'
import {openInfraProfile} from './profile/openinfra.ts'
import {isCompiledProfile} from './profile/compile.ts'
import type {ReportProfile} from './profile/types.ts'
import type {DatasetSink} from './sinks/ndjson-stream.ts'
import {toNdjson} from './sinks/ndjson.ts'
import type {ImportResult} from './convert.ts'

/** Largest markdown file read by default (20 MB): a report is well under 1 MB. */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024

/** Worker threads by default: one per core. */
export const DEFAULT_JOBS = availableParallelism()

/** Options of {@link importFiles} and {@link importToSink}. */
export interface ImportFilesOptions {
  /** One profile for every input; without it each file takes the nearest `report-profile.json` (see `input-profiles.ts`). */
  profile?: ReportProfile
  /** The profile of files with no `report-profile.json` beside them (default: the OpenInfra profile). */
  defaultProfile?: ReportProfile
  /** Site root for image files. */
  assetsDir?: string | undefined
  /** Files larger than this are refused. */
  maxBytes?: number
  /** Paths in messages and `importInfo.source` are relative to this (default: the working directory). */
  cwd?: string
  /** Rewrite relative links that look like domains or e-mail addresses (each a located note). */
  fixLinks?: boolean
  /**
   * Threads converting in parallel when there are several inputs (default 1: this thread only):
   * this thread and `jobs - 1` worker threads, which compile each file's profile from its data
   * (a hand-made profile object, not compiled from data, keeps the work in this thread).
   */
  jobs?: number
}

/** Documents per type in dataset order (`report`, `section`, `project`, `author`). */
export type DocumentCounts = Map<ImportedDocument['_type'], number>

/** What {@link importToSink} wrote, and the warnings. */
export interface StreamedImport {
  counts: DocumentCounts
  /** Each profile used: its name, the profile file (none for `--profile` or the default) and how many reports. */
  profiles: Array<{name: string; file?: string; reports: number}>
  /** All documents written. */
  total: number
  diagnostics: Diagnostic[]
}

/**
 * Young-generation size of a conversion worker (MB): about what the calling thread gets from
 * `IMPORT_NODE_FLAGS`. Larger ones measured no faster and cost RSS.
 */
const WORKER_YOUNG_GENERATION_MB = 16

/**
 * Imports report files and folders into one set of documents: authors and projects are shared
 * across reports, report slugs (their identity) must be unique. Every file is checked; if any is bad, nothing is
 * returned and all errors are thrown together.
 * @param paths - markdown files and folders (searched recursively, sorted)
 * @param options - profile, assets folder, size limit, jobs
 * @returns the documents in dataset order and every file's warnings
 * @throws ImportFailure listing every located error
 */
export async function importFiles(paths: readonly string[], options: ImportFilesOptions = {}): Promise<ImportResult> {
  const sink = collectingSink()
  const {diagnostics} = await importToSink(paths, sink, options)
  return {documents: sink.documents(), diagnostics}
}

/**
 * The streaming import: converts the inputs (also in worker threads when `jobs` > 1) and hands each
 * report's documents to the sink as soon as it and every input before it are done, so memory
 * does not grow with the corpus. Results are taken in input order — the first report of a year
 * wins, authors and projects merge first-wins — so the output does not depend on scheduling.
 * Any bad input aborts the sink (nothing written) after every input was checked.
 * @param paths - markdown files and folders (searched recursively, sorted)
 * @param sink - where the documents go
 * @param options - profile, assets folder, size limit, jobs
 * @returns the document counts and the warnings
 * @throws ImportFailure listing every located error (the sink is aborted)
 */
export async function importToSink(paths: readonly string[], sink: DatasetSink, options: ImportFilesOptions = {}): Promise<StreamedImport> {
  const cwd = options.cwd ?? process.cwd()
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  const errors: Diagnostic[] = []
  const files = await profiledInputs(paths, cwd, {profile: options.profile, fallback: options.defaultProfile ?? openInfraProfile}, errors)
  const profileOf = new Map(files.map(({absolute, profile}) => [absolute, profile]))
  const tasks: FileTask[] = files.map(({absolute, given, profile}) => ({absolute, file: displayPath(given, cwd), maxBytes, assetsDir: options.assetsDir, fixLinks: options.fixLinks ?? false, ...(isCompiledProfile(profile) ? {profile: profile.data} : {})}))
  const jobs = Math.min(options.jobs ?? 1, tasks.length)
  const inline = (task: FileTask) => convertFile(task, profileOf.get(task.absolute) ?? openInfraProfile)
  // `jobs` threads convert: this one and `jobs - 1` workers (one isolate fewer than `jobs` workers).
  const pool = jobs > 1 && tasks.every((task) => task.profile)
    ? new WorkerPool<FileTask, FileOutcome>(new URL('./pool/worker-entry.mjs', import.meta.url), {size: jobs - 1, depth: 2, youngGenerationMb: WORKER_YOUNG_GENERATION_MB, inline})
    : undefined
  const run = pool ? (task: FileTask) => pool.run(task) : inline

  const registry = new SharedRegistry()
  const warnings: Diagnostic[] = []
  const slugs = new Map<string, string>()
  const used = new Map<ReportProfile, {name: string; file?: string; reports: number}>()
  const counts: DocumentCounts = new Map()
  let total = 0
  try {
    let index = 0
    for await (const outcome of mapInOrder(tasks, run, pool ? jobs * 4 : 1)) {
      const {file} = tasks[index]!
      const input = files[index++]!
      if (!outcome.ok) {
        errors.push(outcome.error)
        continue
      }
      // Registered before the slug check, as converting into one shared registry did.
      registry.absorb(outcome.registry)
      const earlier = slugs.get(outcome.slug)
      if (earlier) {
        errors.push({severity: 'error', rule: 'duplicate-slug', message: `report "${outcome.slug}" (id report-${outcome.slug}) is also made by ${earlier}: two reports cannot share a slug; give one a front matter "slug"`, file, line: 1, column: 1})
        continue
      }
      slugs.set(outcome.slug, file)
      const usage = used.get(input.profile) ?? {name: input.profile.name, ...(input.profileFile ? {file: input.profileFile} : {}), reports: 0}
      usage.reports++
      used.set(input.profile, usage)
      warnings.push(...outcome.diagnostics)
      // After an error nothing more is written: the sink is aborted at the end anyway.
      if (errors.length > 0) continue
      await sink.report(outcome.year, outcome.entry, outcome.slug)
      count(counts, 'report', 1)
      count(counts, 'section', outcome.sections)
      total += 1 + outcome.sections
    }
    if (errors.length > 0) throw new ImportFailure(errors)
    // Every report is registered: finish each spooled report against the whole import.
    const context = datasetContext(registry)
    const shared = sharedDocuments(context)
    for (const document of shared) count(counts, document._type, 1)
    total += shared.length
    await sink.finish((entry) => finishPreparedReport(entry, context), toNdjson(shared))
  } catch (error) {
    await sink.abort()
    throw error
  } finally {
    await pool?.close()
  }
  return {counts, total, diagnostics: warnings, profiles: [...used.values()]}
}

function count(counts: DocumentCounts, type: ImportedDocument['_type'], by: number): void {
  if (by > 0) counts.set(type, (counts.get(type) ?? 0) + by)
}

/** A sink that keeps the documents in memory, for the API and `--push`. */
function collectingSink(): DatasetSink & {documents(): ImportedDocument[]} {
  const entries: Array<{year: number; slug: string; index: number; entry: Uint8Array}> = []
  const reports: Array<{year: number; slug: string; index: number; documents: ImportedDocument[]}> = []
  let shared: ImportedDocument[] = []
  const parse = (ndjson: string): ImportedDocument[] =>
    ndjson === '' ? [] : ndjson.slice(0, -1).split('\n').map((line) => JSON.parse(line) as ImportedDocument)
  return {
    report: async (year, entry, slug = '') => {
      entries.push({year, slug, index: entries.length, entry})
    },
    finish: async (finalise, ndjson) => {
      for (const {year, slug, index, entry} of entries) reports.push({year, slug, index, documents: parse(Buffer.concat(finalise(entry)).toString('utf8'))})
      shared = parse(ndjson)
    },
    abort: async () => {
      entries.length = 0
      reports.length = 0
    },
    documents: () => [...reports.sort((a, b) => a.year - b.year || compareText(a.slug, b.slug) || a.index - b.index).flatMap((entry) => entry.documents), ...shared],
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
