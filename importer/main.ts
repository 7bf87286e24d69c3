import {statSync} from 'node:fs'
import path from 'node:path'
import type {SanityDocumentLike} from 'sanity'
import {loadDataset, loadTarget} from '../config/load.ts'
import {TargetError, type Target} from '../config/target.ts'
import {parseImportArgs, UsageError, USAGE} from './args.ts'
import type {ImportArgs} from './args.ts'
import type {Diagnostic} from './diagnostics.ts'
import {formatDiagnostic, ImportError} from './diagnostics.ts'
import type {ImportedDocument} from './documents/types.ts'
import {ImportFailure} from './failure.ts'
import {DEFAULT_JOBS, importFiles, importToSink} from './import-files.ts'
import type {DocumentCounts, ImportFilesOptions} from './import-files.ts'
import {countingSink, openNdjsonSink} from './sinks/ndjson-stream.ts'
import {defaultProfile} from './profile/default.ts'
import {loadProfile} from './profile/load.ts'
import {ProfileError} from './profile/validate.ts'

/** Where the CLI talks to; tests pass their own. */
export interface CliIO {
  stdout: (line: string) => void
  stderr: (line: string) => void
  env: NodeJS.ProcessEnv
  cwd: string
  isTTY: boolean
}

/** Exit codes: 1 bad input, 2 bad usage, 70 internal error (EX_SOFTWARE). */
export const EXIT = {ok: 0, badInput: 1, usage: 2, internal: 70} as const

/**
 * Runs the import command: converts the inputs, then writes NDJSON (or pushes with --push),
 * printing a summary and located warnings. Bad input is one located line per error and
 * nothing written; no stack trace unless DEBUG=1.
 * @param argv - the arguments after the script name
 * @param io - output streams, environment, working directory
 * @returns the exit code
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  let args: ImportArgs
  try {
    args = parseImportArgs(argv, io.env)
  } catch (error) {
    if (!(error instanceof UsageError)) return internal(error, io)
    io.stderr(`error: ${error.message}`)
    io.stderr(USAGE)
    return EXIT.usage
  }
  if (args.help) {
    io.stdout(USAGE)
    return EXIT.ok
  }
  try {
    const assetsDir = args.assets === undefined ? undefined : checkedAssetsDir(args.assets, io.cwd)
    const options: ImportFilesOptions = {
      assetsDir,
      cwd: io.cwd,
      // Without --profile: each input's report-profile.json, else the conservative default.
      ...(args.profile === undefined ? {defaultProfile} : {profile: await loadProfile(args.profile, io.cwd)}),
      fixLinks: args.fixLinks,
      jobs: args.jobs ?? DEFAULT_JOBS,
      ...(args.maxBytes ? {maxBytes: args.maxBytes} : {}),
    }
    if (args.push) {
      // The target is checked before any work: a bad dataset name or host is one line, at once.
      const target = loadTarget({env: io.env, envFile: path.join(io.cwd, '.env'), lakeDir: path.join(io.cwd, '.data')})
      // The push sink takes the whole dataset at once.
      const {documents, diagnostics} = await importFiles(args.paths, options)
      for (const diagnostic of diagnostics) io.stderr(formatDiagnostic(diagnostic))
      // With --json, stdout carries only the push summary.
      ;(args.json ? io.stderr : io.stdout)(summarise(countTypes(documents), diagnostics))
      return await push(documents, args, io, target)
    }
    const out = args.out ?? defaultDatasetFile(io)
    // Documents stream to the file as reports are converted; it replaces `out` only when complete.
    const sink = args.dryRun ? countingSink() : openNdjsonSink(path.resolve(io.cwd, out))
    const {counts, total, diagnostics, profiles} = await importToSink(args.paths, sink, options)
    for (const diagnostic of diagnostics) io.stderr(formatDiagnostic(diagnostic))
    io.stdout(summarise(counts, diagnostics))
    for (const used of profiles) io.stderr(describeProfile(used, args))
    if (args.dryRun) {
      io.stdout(`dry run: nothing written (would write ${total} documents to ${out})`)
      return EXIT.ok
    }
    io.stdout(`wrote ${total} documents to ${out}`)
    return EXIT.ok
  } catch (error) {
    if (error instanceof ImportFailure) {
      for (const diagnostic of error.errors) io.stderr(formatDiagnostic(diagnostic))
      io.stderr(`import failed: ${error.errors.length} error${error.errors.length === 1 ? '' : 's'}; nothing written`)
      return EXIT.badInput
    }
    if (error instanceof ImportError) {
      io.stderr(error.message)
      return EXIT.badInput
    }
    if (error instanceof TargetError) {
      io.stderr(`error: ${error.message}; nothing written`)
      return EXIT.badInput
    }
    if (error instanceof ProfileError) {
      io.stderr(`${error.file}: error: ${error.detail} [invalid-profile]`)
      return EXIT.badInput
    }
    if (isFsError(error)) {
      io.stderr(`error: cannot write the output: ${error.message.split('\n')[0]}`)
      return EXIT.badInput
    }
    return internal(error, io)
  }
}

/** Which profile converted how many reports, and why that one. */
function describeProfile(used: {name: string; file?: string; reports: number}, args: ImportArgs): string {
  const reports = `${used.reports} report${used.reports === 1 ? '' : 's'}`
  if (used.file) return `profile "${used.name}" (${used.file}) for ${reports}`
  if (args.profile !== undefined) return `profile "${used.name}" (${args.profile}) for ${reports}`
  return `profile "${used.name}" for ${reports}: no report-profile.json beside them (--profile <file> picks one; see importer/README.md)`
}

function checkedAssetsDir(folder: string, cwd: string): string {
  const absolute = path.resolve(cwd, folder)
  let isFolder = false
  try {
    isFolder = statSync(absolute).isDirectory()
  } catch {
    isFolder = false
  }
  if (!isFolder) throw new ImportError({rule: 'no-assets-folder', message: '--assets folder not found', file: folder})
  return absolute
}

/**
 * `.data/<dataset>.ndjson`, the local Content Lake's snapshot; dataset from SANITY_DATASET (env,
 * then .env), checked against Sanity's name rules before anything is written.
 * @throws TargetError for a name Sanity would refuse
 */
function defaultDatasetFile(io: CliIO): string {
  const dataset = loadDataset({env: io.env, envFile: path.join(io.cwd, '.env')})
  return path.join('.data', `${dataset.value}.ndjson`)
}

async function push(documents: ImportedDocument[], args: ImportArgs, io: CliIO, target: Target): Promise<number> {
  // Loaded only for --push: the client and its dependencies cost start-up time otherwise.
  const {pushToDataset} = await import('./sinks/dataset/index.ts')
  try {
    // The sink prints the plan, progress and the one-line summary itself.
    // The typed documents are plain JSON documents; the sink works on Sanity's loose document type.
    const summary = await pushToDataset(documents as unknown as SanityDocumentLike[], {dryRun: args.dryRun, force: args.force, prune: args.prune, createDataset: args.createDataset, cwd: io.cwd, log: args.json ? io.stderr : io.stdout, isTTY: io.isTTY && !args.json, env: io.env, target})
    if (args.json) io.stdout(JSON.stringify(summary))
    return EXIT.ok
  } catch (error) {
    // A located push error is already one `target: error: …` line; anything else gets a prefix.
    io.stderr(error instanceof ImportError ? error.message : `error: push failed: ${firstLine(error)}`)
    if (io.env.DEBUG === '1' && error instanceof Error && error.stack) io.stderr(error.stack)
    return EXIT.badInput
  }
}

function countTypes(documents: readonly ImportedDocument[]): DocumentCounts {
  const counts: DocumentCounts = new Map()
  for (const document of documents) counts.set(document._type, (counts.get(document._type) ?? 0) + 1)
  return counts
}

/** `1 report, 48 sections, 7 projects, 14 authors; 3 warnings`. */
function summarise(counts: DocumentCounts, diagnostics: readonly Diagnostic[]): string {
  const parts = [...counts].map(([type, count]) => `${count} ${type}${count === 1 ? '' : 's'}`)
  const warnings = diagnostics.length
  return `imported ${parts.join(', ') || 'nothing'}; ${warnings} warning${warnings === 1 ? '' : 's'}`
}

function internal(error: unknown, io: CliIO): number {
  io.stderr(`error: internal: ${firstLine(error)}`)
  if (io.env.DEBUG === '1' && error instanceof Error && error.stack) io.stderr(error.stack)
  return EXIT.internal
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0] ?? message
}

function isFsError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string'
}
