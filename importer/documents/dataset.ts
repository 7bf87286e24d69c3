import {withBlockHashes} from './block-hashes'
import {contentHash} from './content-hash'
import {createContentKeys} from './converter'
import {createNameMatcher} from './ids'
import type {SharedRegistry} from './registry'
import type {AuthorDocument, ImportedDocument, ImportInfo, Reference, ReportDocument, SectionDocument} from './types'

/** One converted report and the file it came from. */
export interface ReportEntry {
  report: ReportDocument
  sections: SectionDocument[]
  source: string
}

/** What {@link stamp} records besides the content hash. */
export interface Provenance {
  source: string
  /** Every file that contributed (shared documents). */
  sources?: string[]
}

/** What finishing a report needs from every report of the import: the shared documents. */
export interface DatasetContext {
  shared: ReturnType<SharedRegistry['documents']>
  authors: ReadonlyMap<string, AuthorDocument>
  /** The projects a section title names (whole words, any year's project). */
  namedIn: (title: string) => string[]
}

/**
 * @param registry - the authors and projects every report of the import registered
 * @returns what {@link assembleReport} and {@link sharedDocuments} need
 */
export function datasetContext(registry: SharedRegistry): DatasetContext {
  const shared = registry.documents()
  const authors = new Map(shared.filter(({document}) => document._type === 'author').map(({document}) => [document._id, document as AuthorDocument]))
  return {shared, authors, namedIn: createNameMatcher(registry.projectNames())}
}

/**
 * One report's part of the dataset, stamped: the report, then its sections in outline order.
 * Decisions that need every report (a title naming a project of another year, whether a printed
 * byline is still derivable from the author documents) come from the context, so the result does
 * not depend on the order the reports were converted in.
 * @param entry - the converted report
 * @param context - from {@link datasetContext}, once every report is registered
 * @returns the documents
 */
export function assembleReport({report, sections, source}: ReportEntry, context: DatasetContext): ImportedDocument[] {
  const documents: ImportedDocument[] = [stamp(report, {source})]
  for (const section of sections) documents.push(stamp(finishSection(section, context.namedIn(section.title), context.authors), {source}))
  return documents
}

/**
 * @param context - from {@link datasetContext}
 * @returns the projects then the authors, each sorted by id, stamped
 */
export function sharedDocuments(context: DatasetContext): ImportedDocument[] {
  return context.shared.map(({document, source, sources}) => stamp(document, {source, sources}))
}

/**
 * Puts an import's documents in their stable order — reports by year, each followed by its
 * sections in outline order, then projects and authors sorted by id — and stamps each with
 * `importInfo`.
 * @param reports - the converted reports
 * @param registry - the authors and projects they share
 * @returns the documents, ready to serialise
 */
export function assembleDataset(reports: readonly ReportEntry[], registry: SharedRegistry): ImportedDocument[] {
  const context = datasetContext(registry)
  const ordered = [...reports].sort((a, b) => a.report.year - b.report.year)
  return [...ordered.flatMap((entry) => assembleReport(entry, context)), ...sharedDocuments(context)]
}

/** Adds the projects the title names; keeps the printed byline only when the authors cannot reproduce it. */
function finishSection(section: SectionDocument, named: readonly string[], authors: ReadonlyMap<string, AuthorDocument>): SectionDocument {
  const finished: SectionDocument = {...section}
  const own = section.projects?.map((ref) => ref._ref) ?? []
  const projects = [...new Set([...own, ...named])]
  if (projects.length > 0) finished.projects = references(projects)
  if (section.byline !== undefined) {
    const derived = (section.authors ?? []).map((ref) => printedByline(authors.get(ref._ref))).join('\n')
    if (derived === section.byline) delete finished.byline
  }
  return finished
}

/**
 * The byline a frontend prints for an author: `Name, Role, Organisation` (what is known).
 * @param author - the author document
 * @returns the line
 */
export function printedByline(author: AuthorDocument | undefined): string {
  if (!author) return ''
  return [author.name, author.role, author.organisation].filter(Boolean).join(', ')
}

/**
 * References with keys derived from what they point at (stable when others are added or removed).
 * @param ids - document ids, in order
 * @returns the reference array
 */
export function references(ids: readonly string[]): Reference[] {
  const keyOf = createContentKeys()
  return ids.map((ref) => ({_type: 'reference', _ref: ref, _key: keyOf(ref)}))
}

/**
 * The one place `importInfo` is built: provenance, what the document carried already (a
 * section's source heading depth) and the content hash of everything else.
 * @param document - a document, possibly with a provisional importInfo
 * @param provenance - the contributing file(s)
 * @returns the stamped document
 */
export function stamp<T extends ImportedDocument>(document: T, provenance: Provenance): T {
  const {importInfo: prior, ...content} = document
  const info: ImportInfo = {
    _type: 'importInfo',
    source: provenance.source,
    ...(provenance.sources && provenance.sources.length > 0 ? {sources: provenance.sources} : {}),
    ...(prior?.headingDepth !== undefined ? {headingDepth: prior.headingDepth} : {}),
    contentHash: contentHash(content),
  }
  return withBlockHashes({...content, importInfo: info} as T)
}
