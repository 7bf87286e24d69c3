/**
 * Converting one input file, the unit of work of an import: the same function runs in the
 * main thread (one input, `--jobs 1`, a custom profile) and in worker threads. Its result is
 * plain data (structured-clone safe): the report and its sections finished and stamped as far as
 * the report alone allows (`prepareReport`: the main thread re-checks, once every report is known,
 * what depends on the others — a title may name another year's project, a byline depends on the
 * newest role), its warnings, and the authors and projects it names, as a registry state the
 * main thread absorbs.
 */
import type {Diagnostic} from '../diagnostics.ts'
import {ImportError} from '../diagnostics.ts'
import {datasetContext} from '../documents/dataset.ts'
import {prepareReport} from '../documents/prepared-report.ts'
import {SharedRegistry} from '../documents/registry.ts'
import type {RegistryState} from '../documents/registry.ts'
import {convertReport} from '../documents/report.ts'
import {readInput} from '../inputs.ts'
import {decodeSource} from '../parse/decode.ts'
import {compileProfile} from '../profile/compile.ts'
import type {ProfileData} from '../profile/data.ts'
import type {ReportProfile} from '../profile/types.ts'

/** One file to convert. */
export interface FileTask {
  /** Absolute path, to read. */
  absolute: string
  /** As shown in messages and `importInfo.source`. */
  file: string
  maxBytes: number
  assetsDir?: string | undefined
  /** Rewrite relative links that look like domains or e-mail addresses (`--fix-links`). */
  fixLinks?: boolean
  /** The profile's data: a worker thread compiles it (functions cannot cross threads). */
  profile?: ProfileData
}

/** A converted report. */
export interface ConvertedFile {
  ok: true
  year: number
  /** The report's slug: its identity within the import. */
  slug: string
  /** The report converted, finished and stamped as far as it alone allows (`prepareReport`). */
  entry: Uint8Array
  /** How many section documents `ndjson` holds. */
  sections: number
  diagnostics: Diagnostic[]
  registry: RegistryState
}

/** A file that cannot make a report: one located error. */
export interface RejectedFile {
  ok: false
  error: Diagnostic
}

export type FileOutcome = ConvertedFile | RejectedFile

/** Profiles compiled from data in this thread, by their JSON (a few per import). */
const compiled = new Map<string, ReportProfile>()

/**
 * @param data - a profile's data, as a task carries it
 * @returns the profile compiled from it (once per thread)
 */
export function profileFromData(data: ProfileData): ReportProfile {
  const key = JSON.stringify(data)
  let profile = compiled.get(key)
  if (!profile) compiled.set(key, (profile = compileProfile(data)))
  return profile
}

/**
 * Reads, decodes and converts one report with its own registry.
 * @param task - the file and its limits
 * @param fallback - the report conventions when the task carries no profile data
 * @returns the converted report, or its located error (anything else is thrown: a bug)
 */
export async function convertFile(task: FileTask, fallback: ReportProfile): Promise<FileOutcome> {
  const profile = task.profile ? profileFromData(task.profile) : fallback
  try {
    const source = decodeSource(await readInput(task.absolute, task.file, task.maxBytes), task.file)
    const registry = new SharedRegistry()
    const {report, sections, diagnostics} = convertReport(source, {file: task.file, profile, assetsDir: task.assetsDir, registry, fixLinks: task.fixLinks})
    const entry = prepareReport({report, sections, source: task.file}, datasetContext(registry))
    // Copied: a message may be a slice of the source text and would keep all of it alive.
    return {ok: true, year: report.year, slug: report.slug.current, entry, sections: sections.length, diagnostics: structuredClone(diagnostics.list), registry: registry.state()}
  } catch (error) {
    if (error instanceof ImportError) return {ok: false, error: error.diagnostic}
    throw error
  }
}
