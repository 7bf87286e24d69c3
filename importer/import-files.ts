import path from 'node:path'
import type {Diagnostic} from './diagnostics'
import {ImportError} from './diagnostics'
import {assembleDataset} from './documents/dataset'
import type {ReportEntry} from './documents/dataset'
import {SharedRegistry} from './documents/registry'
import {convertReport} from './documents/report'
import {ImportFailure} from './failure'
import {expandInput, readInput} from './inputs'
import {decodeSource} from './parse/decode'
import {openInfraProfile} from './profile/openinfra'
import type {ReportProfile} from './profile/types'
import type {ImportResult} from './convert'

/** Largest markdown file read by default (20 MB): a report is well under 1 MB. */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024

/** Options of {@link importFiles}. */
export interface ImportFilesOptions {
  profile?: ReportProfile
  /** Site root for image files. */
  assetsDir?: string | undefined
  /** Files larger than this are refused. */
  maxBytes?: number
  /** Paths in messages and `importInfo.source` are relative to this (default: the working directory). */
  cwd?: string
  /** Rewrite relative links that look like domains or e-mail addresses (each a located note). */
  fixLinks?: boolean
}

/**
 * Imports report files and folders into one set of documents: authors and projects are shared
 * across reports, years must be unique. Every file is checked; if any is bad, nothing is
 * returned and all errors are thrown together.
 * @param paths - markdown files and folders (searched recursively, sorted)
 * @param options - profile, assets folder, size limit
 * @returns the documents in dataset order and every file's warnings
 * @throws ImportFailure listing every located error
 */
export async function importFiles(paths: readonly string[], options: ImportFilesOptions = {}): Promise<ImportResult> {
  const cwd = options.cwd ?? process.cwd()
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  const profile = options.profile ?? openInfraProfile
  const errors: Diagnostic[] = []
  const files = new Map<string, string>()
  for (const given of paths) {
    for (const file of (await collect(() => expandInput(given, cwd), errors)) ?? []) {
      const absolute = path.resolve(cwd, file)
      if (!files.has(absolute)) files.set(absolute, file)
    }
  }
  const registry = new SharedRegistry()
  const reports: ReportEntry[] = []
  const warnings: Diagnostic[] = []
  const years = new Map<number, string>()

  for (const [absolute, given] of files) {
    const file = displayPath(given, cwd)
    const converted = await collect(async () => {
      const source = decodeSource(await readInput(absolute, file, maxBytes), file)
      return convertReport(source, {file, profile, assetsDir: options.assetsDir, registry, fixLinks: options.fixLinks})
    }, errors)
    if (!converted) continue
    const {report} = converted
    const earlier = years.get(report.year)
    if (earlier) {
      errors.push({severity: 'error', rule: 'duplicate-year', message: `a report for ${report.year} was already imported from ${earlier}`, file, line: 1, column: 1})
      continue
    }
    years.set(report.year, file)
    warnings.push(...converted.diagnostics.list)
    reports.push({report, sections: converted.sections, source: file})
  }
  if (errors.length > 0) throw new ImportFailure(errors)
  return {documents: assembleDataset(reports, registry), diagnostics: warnings}
}

/** Runs a step; an ImportError is recorded (the run goes on to find more), anything else propagates. */
async function collect<T>(step: () => Promise<T>, errors: Diagnostic[]): Promise<T | undefined> {
  try {
    return await step()
  } catch (error) {
    if (error instanceof ImportError) {
      errors.push(error.diagnostic)
      return undefined
    }
    throw error
  }
}

/** A path relative to `cwd` with forward slashes, as a portable `importInfo.source`. */
function displayPath(given: string, cwd: string): string {
  const relative = path.relative(cwd, path.resolve(cwd, given))
  return (relative === '' ? given : relative).split(path.sep).join('/')
}
