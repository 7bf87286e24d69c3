import type {Diagnostic} from './diagnostics.ts'
import {assembleDataset} from './documents/dataset.ts'
import {SharedRegistry} from './documents/registry.ts'
import {convertReport} from './documents/report.ts'
import type {ImportedDocument} from './documents/types.ts'
import {openInfraProfile} from './profile/openinfra.ts'
import type {ReportProfile} from './profile/types.ts'

/** Options of {@link importMarkdown}. */
export interface ImportMarkdownOptions {
  /** The file name used in messages and `importInfo.source` (relative, as given). */
  file: string
  /** Report conventions; defaults to the OpenInfra profile. */
  profile?: ReportProfile
  /** Site root for image files (`/img/x.png` → `<assetsDir>/img/x.png`). */
  assetsDir?: string
  /** Rewrite relative links that look like domains or e-mail addresses (each a located note). */
  fixLinks?: boolean
}

/** Documents and the warnings found while making them. */
export interface ImportResult {
  documents: ImportedDocument[]
  diagnostics: Diagnostic[]
}

/**
 * Converts one report's markdown, in memory, into the documents the content model defines.
 * @param source - the markdown text (front matter first)
 * @param options - file name, profile, assets folder
 * @returns the documents in dataset order and the located warnings
 * @throws ImportError (located) when the input cannot make a report
 */
export function importMarkdown(source: string, options: ImportMarkdownOptions): ImportResult {
  const registry = new SharedRegistry()
  const converted = convertReport(source, {
    file: options.file,
    profile: options.profile ?? openInfraProfile,
    assetsDir: options.assetsDir,
    registry,
    fixLinks: options.fixLinks,
  })
  const documents = assembleDataset([{...converted, source: options.file}], registry)
  return {documents, diagnostics: converted.diagnostics.list}
}
