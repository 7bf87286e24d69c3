/**
 * The NDJSON file written as reports are converted, so memory does not grow with the corpus.
 * Same bytes and same all-or-nothing promise as `writeFileAtomic` (whose temporary-file and
 * rename steps it reuses): everything goes to a temporary file next to the target, which
 * replaces the target only when complete; an aborted import removes it.
 *
 * Reports arrive in input order but are written by year. Each report's lines are appended
 * as they come and only their place (year, offset, length) is remembered; when the years
 * arrived in order the temporary file already is the dataset, otherwise its pieces are copied
 * once, in year order, into a second temporary file.
 */
import {open, rm} from 'node:fs/promises'
import type {FileHandle} from 'node:fs/promises'
import {replaceAtomically, temporaryFileFor} from './ndjson'

/** Where an import's documents go, report by report. */
export interface DatasetSink {
  /**
   * One report's documents (the report, then its sections) as NDJSON lines.
   * @param year - the report's year: the dataset is ordered by it
   * @param ndjson - the lines, each ending in `\n`
   */
  report(year: number, ndjson: string): Promise<void>
  /**
   * Ends the dataset with the shared documents (projects, authors) and commits it.
   * @param ndjson - their lines
   */
  finish(ndjson: string): Promise<void>
  /** Drops everything written so far; the target stays as it was. */
  abort(): Promise<void>
}

interface Segment {
  year: number
  offset: number
  length: number
}

/** Bytes copied per read when reordering (bounded memory). */
const COPY_CHUNK = 1 << 20

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
  let lastYear = Number.NEGATIVE_INFINITY
  let inOrder = true
  const segments: Segment[] = []

  const ensureOpen = async (): Promise<FileHandle> => {
    if (handle) return handle
    temporary = await temporaryFileFor(file)
    handle = await open(temporary, 'wx+', 0o644)
    return handle
  }
  const append = async (text: string): Promise<number> => {
    const bytes = Buffer.from(text, 'utf8')
    const target = await ensureOpen()
    await target.write(bytes, 0, bytes.length, position)
    position += bytes.length
    return bytes.length
  }
  const cleanUp = async (): Promise<void> => {
    await handle?.close().catch(() => undefined)
    handle = undefined
    if (temporary) await rm(temporary, {force: true})
    temporary = undefined
  }

  return {
    async report(year, ndjson) {
      const offset = position
      const length = await append(ndjson)
      if (year < lastYear) inOrder = false
      lastYear = Math.max(lastYear, year)
      segments.push({year, offset, length})
    },
    async finish(ndjson) {
      try {
        const spool = await ensureOpen()
        if (inOrder) {
          await append(ndjson)
          await spool.sync()
          await spool.close()
          handle = undefined
          await replaceAtomically(temporary!, file)
          temporary = undefined
          return
        }
        const ordered = await temporaryFileFor(file)
        try {
          const out = await open(ordered, 'wx', 0o644)
          try {
            let at = 0
            for (const segment of sortByYear(segments)) at += await copyRange(spool, out, segment, at)
            const tail = Buffer.from(ndjson, 'utf8')
            await out.write(tail, 0, tail.length, at)
            await out.sync()
          } finally {
            await out.close()
          }
          await replaceAtomically(ordered, file)
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

/** Copies one spooled report into the ordered file in bounded chunks; returns the bytes copied. */
async function copyRange(from: FileHandle, to: FileHandle, segment: Segment, at: number): Promise<number> {
  const buffer = Buffer.allocUnsafe(Math.min(COPY_CHUNK, Math.max(1, segment.length)))
  let done = 0
  while (done < segment.length) {
    const want = Math.min(buffer.length, segment.length - done)
    const {bytesRead} = await from.read(buffer, 0, want, segment.offset + done)
    if (bytesRead === 0) throw new Error('spool file ended early')
    await to.write(buffer, 0, bytesRead, at + done)
    done += bytesRead
  }
  return done
}

/** A sink that keeps nothing and counts (for `--dry-run`). */
export function countingSink(): DatasetSink {
  return {report: async () => undefined, finish: async () => undefined, abort: async () => undefined}
}
