/**
 * The NDJSON file written as reports are converted, so memory does not grow with the corpus.
 * Same bytes and same all-or-nothing promise as `writeFileAtomic` (whose temporary-file and
 * rename steps it reuses): everything goes to a temporary file next to the target, which
 * replaces the target only when complete; an aborted import removes it.
 *
 * Reports arrive in input order, unfinished (a report's sections are finished only when every
 * report is known), and are written by year. Each report is appended to a spool file as it
 * comes and only its place (year, offset, length) is remembered; at the end each is read back
 * in year order, finished and written to a second temporary file: memory holds one report.
 */
import {open, rm} from 'node:fs/promises'
import type {FileHandle} from 'node:fs/promises'
import path from 'node:path'
import {checkOutput, relativeAssetChunk, relativeAssetPaths, replaceAtomically, temporaryFileFor} from './ndjson.ts'

/** Where an import's documents go, report by report. */
export interface DatasetSink {
  /**
   * One converted report, not yet finished.
   * @param year - the report's year: the dataset is ordered by it
   * @param entry - the report and its sections, prepared (`prepareReport`)
   * @param slug - the report's slug: reports of one year are ordered by it
   */
  report(year: number, entry: Uint8Array, slug?: string): Promise<void>
  /**
   * Finishes every report, in year order, ends the dataset with the shared documents
   * (projects, authors) and commits it.
   * @param finalise - a report's entry → its NDJSON lines (the report, then its sections), as byte chunks
   * @param ndjson - the shared documents' lines
   */
  finish(finalise: (entry: Uint8Array) => Uint8Array[], ndjson: string): Promise<void>
  /** Drops everything written so far; the target stays as it was. */
  abort(): Promise<void>
}

interface Segment {
  year: number
  slug: string
  offset: number
  length: number
}

/**
 * Opens a streaming NDJSON sink. Nothing touches the disk before the first report, so an
 * import whose every input is bad leaves no trace. Image files are named relative to the file
 * (`image@file://./img/a.png`), so the file and its images import from anywhere.
 * @param file - the target (absolute or relative to the working directory)
 * @returns the sink
 */
export function openNdjsonSink(file: string): DatasetSink {
  const folder = path.dirname(path.resolve(file))
  let temporary: string | undefined
  let handle: FileHandle | undefined
  let position = 0
  let mode = 0o644
  const segments: Segment[] = []

  const ensureOpen = async (): Promise<FileHandle> => {
    if (handle) return handle
    // A bad --out (symlink, FIFO, device, folder) is refused before anything is written.
    mode = await checkOutput(file)
    temporary = await temporaryFileFor(file)
    handle = await open(temporary, 'wx+', 0o600)
    return handle
  }
  const cleanUp = async (): Promise<void> => {
    await handle?.close().catch(() => undefined)
    handle = undefined
    if (temporary) await rm(temporary, {force: true})
    temporary = undefined
  }

  return {
    async report(year, entry, slug = '') {
      const spool = await ensureOpen()
      await writeAll(spool, [entry], position)
      segments.push({year, slug, offset: position, length: entry.length})
      position += entry.length
    },
    async finish(finalise, ndjson) {
      try {
        const spool = await ensureOpen()
        const ordered = await temporaryFileFor(file)
        try {
          const out = await open(ordered, 'wx', mode)
          try {
            let at = 0
            for (const segment of sortByYear(segments)) {
              const lines = finalise(await readSegment(spool, segment)).map((chunk) => relativeAssetChunk(chunk, folder))
              at += await writeAll(out, lines, at)
            }
            await writeAll(out, [Buffer.from(relativeAssetPaths(ndjson, folder), 'utf8')], at)
            await out.sync()
          } finally {
            await out.close()
          }
          await replaceAtomically(ordered, file, mode)
        } catch (error) {
          await rm(ordered, {force: true})
          throw error
        }
        await cleanUp()
      } catch (error) {
        await cleanUp()
        throw error
      }
    },
    abort: cleanUp,
  }
}

/** Stable sort by year, then slug (slugs are unique in a valid import; stability keeps input order otherwise). */
function sortByYear(segments: readonly Segment[]): Segment[] {
  return segments.map((segment, index) => ({segment, index}))
    .sort((a, b) => a.segment.year - b.segment.year || (a.segment.slug < b.segment.slug ? -1 : a.segment.slug > b.segment.slug ? 1 : 0) || a.index - b.index)
    .map(({segment}) => segment)
}

/**
 * Writes byte chunks one after the other from `position`.
 * @returns how many bytes were written
 */
async function writeAll(to: FileHandle, chunks: readonly Uint8Array[], position: number): Promise<number> {
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0)
  let done = 0
  let pending = chunks.filter((chunk) => chunk.length > 0)
  while (done < total) {
    const {bytesWritten} = await to.writev(pending, position + done)
    if (bytesWritten === 0) throw new Error('could not write to the output file')
    done += bytesWritten
    pending = rest(pending, bytesWritten)
  }
  return total
}

/** The chunks after the first `skip` bytes. */
function rest(chunks: readonly Uint8Array[], skip: number): Uint8Array[] {
  const out: Uint8Array[] = []
  for (const chunk of chunks) {
    if (skip >= chunk.length) skip -= chunk.length
    else {
      out.push(skip > 0 ? chunk.subarray(skip) : chunk)
      skip = 0
    }
  }
  return out
}

/** Reads one spooled report back. */
async function readSegment(from: FileHandle, segment: Segment): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(segment.length)
  let done = 0
  while (done < segment.length) {
    const {bytesRead} = await from.read(buffer, done, segment.length - done, segment.offset + done)
    if (bytesRead === 0) throw new Error('spool file ended early')
    done += bytesRead
  }
  return buffer
}

/** A sink that keeps nothing and counts (for `--dry-run`). */
export function countingSink(): DatasetSink {
  return {report: async () => undefined, finish: async () => undefined, abort: async () => undefined}
}
