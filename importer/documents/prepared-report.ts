/**
 * A report converted and stamped where it was converted (a worker thread), so that finishing it
 * once every report is known costs the main thread almost nothing.
 *
 * Finishing depends on the whole import in two ways only (`sectionFinish`): the projects a
 * section's title names, and whether its printed byline is still needed. The converting thread
 * decides both from its own report, finishes and stamps every document, and writes down what it
 * decided and what the decision was made from. At the end the main thread decides again with the
 * whole import; where the decisions agree (almost always) the stamped line is used as it is,
 * byte for byte; where they differ the section is rebuilt from the line and finished again —
 * the same functions on the same values as `assembleReport`, so the output is identical.
 *
 * It is UTF-8 bytes (handed from a worker without copying, spooled and read back as they are):
 * one header line (JSON) followed by the report's NDJSON lines, the report then each section,
 * whose byte lengths the header gives — so the main thread decodes only the header.
 */
import type {DatasetContext, ReportEntry, SectionFinish} from './dataset.ts'
import {finishSection, sectionFinish, stamp} from './dataset.ts'
import type {ImportInfo, Reference, SectionDocument} from './types.ts'

/** What a section was before finishing, as far as finishing reads or changes it. */
interface SectionHeader {
  /** The unfinished section's fields, in order. */
  fields: string[]
  title: string
  byline?: string
  projects?: Reference[]
  authors?: Reference[]
  headingDepth?: number
  /** The decisions taken from the report alone (those its line was stamped with). */
  finish: SectionFinish
}

interface Header {
  year: number
  source: string
  /** Byte length of each line that follows (newline included): the report, then each section. */
  lines: number[]
  sections: SectionHeader[]
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()
const NEWLINE = 10

/**
 * @param entry - a converted report
 * @param local - the context of this report alone ({@link datasetContext} of its own registry)
 * @returns the prepared bytes (see the module comment)
 */
export function prepareReport(entry: ReportEntry, local: DatasetContext): Uint8Array {
  const {report, sections, source} = entry
  const lines = [JSON.stringify(stamp(report, {source}))]
  const headers: SectionHeader[] = []
  for (const section of sections) {
    const finish = sectionFinish(section, local)
    lines.push(JSON.stringify(stamp(finishSection(section, finish), {source})))
    const header: SectionHeader = {fields: Object.keys(section), title: section.title, finish}
    if (section.byline !== undefined) header.byline = section.byline
    if (section.projects) header.projects = section.projects
    if (section.authors) header.authors = section.authors
    if (section.importInfo?.headingDepth !== undefined) header.headingDepth = section.importInfo.headingDepth
    headers.push(header)
  }
  // Each line encoded on its own: joining them first would copy the whole report into one more
  // string (two bytes a character once any is not Latin-1) and cost several times the encoding.
  const encoded = lines.map((line) => Buffer.from(`${line}\n`))
  const header: Header = {year: report.year, source, lines: encoded.map((bytes) => bytes.length), sections: headers}
  return concatenate([Buffer.from(`${JSON.stringify(header)}\n`), ...encoded])
}

/**
 * @param chunks - byte chunks (Buffers may share a pooled ArrayBuffer)
 * @returns one Uint8Array with an ArrayBuffer of its own, so a worker can transfer it
 */
function concatenate(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0))
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.length
  }
  return out
}

const sameFinish = (a: SectionFinish, b: SectionFinish): boolean =>
  a.keepByline === b.keepByline && a.projects.length === b.projects.length && a.projects.every((id, index) => b.projects[index] === id)

/**
 * @param prepared - from {@link prepareReport}
 * @param context - the whole import's context
 * @returns the report's NDJSON lines as `assembleReport` would make them, as byte chunks (most
 *   of them views of `prepared`)
 */
export function finishPreparedReport(prepared: Uint8Array, context: DatasetContext): Uint8Array[] {
  let at = prepared.indexOf(NEWLINE) + 1
  const header = JSON.parse(decoder.decode(prepared.subarray(0, at - 1))) as Header
  const line = (index: number): Uint8Array => prepared.subarray(at, (at += header.lines[index]!))
  const out = [line(0)]
  header.sections.forEach((section, index) => {
    const bytes = line(index + 1)
    const finish = sectionFinish(headerSection(section), context)
    if (sameFinish(finish, section.finish)) {
      out.push(bytes)
      return
    }
    const finished = JSON.parse(decoder.decode(bytes)) as SectionDocument
    out.push(encoder.encode(`${JSON.stringify(stamp(finishSection(rebuild(section, finished), finish), {source: header.source}))}\n`))
  })
  return out
}

/** The fields {@link sectionFinish} reads. */
function headerSection(section: SectionHeader): SectionDocument {
  return {title: section.title, byline: section.byline, projects: section.projects, authors: section.authors} as SectionDocument
}

/** The unfinished section, from its finished line and what finishing changed. */
function rebuild(section: SectionHeader, finished: SectionDocument): SectionDocument {
  const record = finished as unknown as Record<string, unknown>
  const unfinished: Record<string, unknown> = {}
  for (const field of section.fields) {
    if (field === 'byline') unfinished.byline = section.byline
    else if (field === 'projects') unfinished.projects = section.projects
    else if (field === 'importInfo') {
      // Only the heading depth of the provisional importInfo is read by `stamp`.
      unfinished.importInfo = {headingDepth: section.headingDepth} as ImportInfo
    } else unfinished[field] = record[field]
  }
  return unfinished as unknown as SectionDocument
}
