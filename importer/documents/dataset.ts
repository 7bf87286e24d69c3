import {withBlockHashes} from './block-hashes'
import {contentHash} from './content-hash'
import {createKeyGenerator} from './converter'
import type {SharedRegistry} from './registry'
import type {ImportedDocument, ReportDocument, SectionDocument} from './types'

/** One converted report and the file it came from. */
export interface ReportEntry {
  report: ReportDocument
  sections: SectionDocument[]
  source: string
}

/**
 * Puts an import's documents in their stable order — reports by year, each followed by its
 * sections in outline order, then projects and authors sorted by id — and stamps each with
 * `importInfo` (source file and content hash).
 * @param reports - the converted reports
 * @param registry - the authors and projects they share
 * @returns the documents, ready to serialise
 */
export function assembleDataset(reports: readonly ReportEntry[], registry: SharedRegistry): ImportedDocument[] {
  const ordered = [...reports].sort((a, b) => a.report.year - b.report.year)
  const documents: ImportedDocument[] = []
  for (const {report, sections, source} of ordered) {
    documents.push(stamp(report, source))
    for (const section of sections) documents.push(stamp(section, source))
  }
  for (const {document, source} of registry.documents((id) => createKeyGenerator(`${id}/links`))) {
    documents.push(stamp(document, source))
  }
  return documents
}

function stamp<T extends ImportedDocument>(document: T, source: string): T {
  const {importInfo: _ignored, ...content} = document
  return withBlockHashes({...content, importInfo: {_type: 'importInfo', source, contentHash: contentHash(content)}} as T)
}
