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
import {checkOutput, replaceAtomically, temporaryFileFor} from './ndjson'

/** Where an import's documents go, report by report. */
export interface DatasetSink {
  /**
   * One converted report, not yet finished.
   * @param year - the report's year: the dataset is ordered by it
   * @param entry - the report and its sections as one JSON line
   */
  report(year: number, entry: string): Promise<void>
  /**
   * Finishes every report, in year order, ends the dataset with the shared documents
   * (projects, authors) and commits it.
   * @param finalise - a report's entry → its NDJSON lines (the report, then its sections)
   * @param ndjson - the shared documents' lines
   */
  finish(finalise: (entry: string) => string, ndjson: string): Promise<void>
  /** Drops everything written so far; the target stays as it was. */
  abort(): Promise<void>
}

interface Segment {
  year: number
  offset: number
  length: number
}

/**
 * Opens a streaming NDJSON sink. Nothing touches the disk before the first report, so an
 * import whose every input is bad leaves no trace.
 * @param file - the target (absolute or relative to the working directory)
 * @returns the sink
 */
export function openNdjsonSink(file: string): DatasetSink {
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
    async report(year, entry) {
      const bytes = Buffer.from(entry, 'utf8')
      const spool = await ensureOpen()
      await spool.write(bytes, 0, bytes.length, position)
      segments.push({year, offset: position, length: bytes.length})
      position += bytes.length
    },
    async finish(finalise, ndjson) {
      try {
        const spool = await ensureOpen()
        const ordered = await temporaryFileFor(file)
        try {
          const out = await open(ordered, 'wx', mode)
          try {
            let at = 0
            const write = async (text: string): Promise<void> => {
              const bytes = Buffer.from(text, 'utf8')
              await out.write(bytes, 0, bytes.length, at)
              at += bytes.length
            }
            for (const segment of sortByYear(segments)) await write(finalise(await readSegment(spool, segment)))
            await write(ndjson)
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

/** Stable sort by year (years are unique in a valid import; stability keeps input order otherwise). */
function sortByYear(segments: readonly Segment[]): Segment[] {
  return segments.map((segment, index) => ({segment, index}))
    .sort((a, b) => a.segment.year - b.segment.year || a.index - b.index)
    .map(({segment}) => segment)
}

/** Reads one spooled report back. */
async function readSegment(from: FileHandle, segment: Segment): Promise<string> {
  const buffer = Buffer.allocUnsafe(segment.length)
  let done = 0
  while (done < segment.length) {
    const {bytesRead} = await from.read(buffer, done, segment.length - done, segment.offset + done)
    if (bytesRead === 0) throw new Error('spool file ended early')
    done += bytesRead
  }
  return buffer.toString('utf8')
}

/** A sink that keeps nothing and counts (for `--dry-run`). */
export function countingSink(): DatasetSink {
  return {report: async () => undefined, finish: async () => undefined, abort: async () => undefined}
}
