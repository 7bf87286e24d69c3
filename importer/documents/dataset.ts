import {documentHashes} from './block-hashes.ts'
import {createContentKeys} from './converter.ts'
import {createNameMatcher} from './ids.ts'
import type {SharedRegistry} from './registry.ts'
import type {AuthorDocument, ImportedDocument, ImportInfo, Reference, ReportDocument, SectionDocument} from './types.ts'

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
  for (const section of sections) documents.push(stamp(finishSection(section, sectionFinish(section, context)), {source}))
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
 * Puts an import's documents in their stable order — reports by year (then slug), each followed by its
 * sections in outline order, then projects and authors sorted by id — and stamps each with
 * `importInfo`.
 * @param reports - the converted reports
 * @param registry - the authors and projects they share
 * @returns the documents, ready to serialise
 */
export function assembleDataset(reports: readonly ReportEntry[], registry: SharedRegistry): ImportedDocument[] {
  const context = datasetContext(registry)
  const ordered = [...reports].sort((a, b) => a.report.year - b.report.year || compareText(a.report.slug.current, b.report.slug.current))
  return [...ordered.flatMap((entry) => assembleReport(entry, context)), ...sharedDocuments(context)]
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** What finishing changes in a section: the decisions that need every report of the import. */
export interface SectionFinish {
  /** The section's own projects, then those its title names (any year's), without repeats. */
  projects: string[]
  /** Whether the printed byline stays (the author documents cannot reproduce it). */
  keepByline: boolean
}

/**
 * @param section - a converted section (its own projects, authors and printed byline)
 * @param context - from {@link datasetContext}
 * @returns what {@link finishSection} will do to it
 */
export function sectionFinish(section: SectionDocument, context: DatasetContext): SectionFinish {
  const own = section.projects?.map((ref) => ref._ref) ?? []
  const projects = [...new Set([...own, ...context.namedIn(section.title)])]
  const keepByline = section.byline !== undefined &&
    (section.authors ?? []).map((ref) => printedByline(context.authors.get(ref._ref))).join('\n') !== section.byline
  return {projects, keepByline}
}

/**
 * @param section - a converted section
 * @param finish - from {@link sectionFinish}
 * @returns a copy with the projects the title names added and the printed byline kept only when needed
 */
export function finishSection(section: SectionDocument, finish: SectionFinish): SectionDocument {
  const finished: SectionDocument = {...section}
  if (finish.projects.length > 0) finished.projects = references(finish.projects)
  if (!finish.keepByline) delete finished.byline
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
  const {contentHash, blockHashes} = documentHashes(content)
  const info: ImportInfo = {
    _type: 'importInfo',
    source: provenance.source,
    ...(provenance.sources && provenance.sources.length > 0 ? {sources: provenance.sources} : {}),
    ...(prior?.headingDepth !== undefined ? {headingDepth: prior.headingDepth} : {}),
    contentHash,
    blockHashes,
  }
  return {...content, importInfo: info} as T
}
