/**
 * Durability for one dataset: a snapshot file (`<dataset>.ndjson`, one document per line — the
 * importer's output format) plus an append-only journal (`<dataset>.journal.ndjson`) of the
 * transactions committed since. Each journal line is fsync'ed before the commit is acknowledged.
 * The journal's first line names the sha256 of the snapshot it applies to, so a snapshot replaced
 * behind the lake's back (e.g. by `npm run import`) makes the old journal stale, not misapplied.
 */
import {createHash, randomBytes} from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/** A stored document: Sanity guarantees `_id` and `_type`. */
export interface StoredDocument {
  _id: string
  _type: string
  _rev?: string
  _createdAt?: string
  _updatedAt?: string
  [field: string]: unknown
}

/** One committed transaction: the resulting state of each document it touched (null = deleted). */
export interface JournalEntry {
  transactionId: string
  timestamp: string
  changes: Array<{id: string; document: StoredDocument | null}>
}

/** What loading a dataset from disk found. */
export interface LoadResult {
  documents: Map<string, StoredDocument>
  /** Transactions replayed from the journal. */
  replayed: number
  /** True when a journal existed but belonged to another snapshot and was discarded. */
  staleJournal: boolean
  /** True when the journal's last line was cut short (a write interrupted by a crash). */
  tornTail: boolean
  /**
   * True when the snapshot was not written by the lake (no journal names it): the importer's
   * output. Only such a snapshot may have its `_sanityAsset` files read.
   */
  foreignSnapshot: boolean
}

interface JournalHeader {
  journal: 1
  snapshotSha256: string
}

/** The files of one dataset under the lake's data folder. */
export class DatasetFiles {
  readonly snapshotPath: string
  readonly journalPath: string
  private fd: number | null = null
  /** Bytes of the journal that hold complete, acknowledged lines (appends start here). */
  private size = 0
  /** Set when a failed append could not be rolled back: no further write may follow it. */
  private broken = false

  /**
   * @param dir - the lake's data folder
   * @param dataset - dataset name (already validated by the caller)
   */
  constructor(dir: string, dataset: string) {
    this.snapshotPath = path.join(dir, `${dataset}.ndjson`)
    this.journalPath = path.join(dir, `${dataset}.journal.ndjson`)
  }

  /**
   * Read the snapshot and replay the journal when it belongs to that snapshot. Only the
   * journal's last line may be incomplete (an append cut short, never acknowledged): it is cut
   * off the file and reported. A bad line anywhere else refuses the load.
   *
   * @returns the documents and what happened while loading
   * @throws Error naming file and line when the snapshot or the journal has a bad line
   */
  load(): LoadResult {
    const snapshot = readIfExists(this.snapshotPath)
    const documents = new Map<string, StoredDocument>()
    const written = snapshot === null ? new Date() : fs.statSync(this.snapshotPath).mtime
    parseSnapshot(snapshot ?? '', this.snapshotPath, documents, written.toISOString())
    const result: LoadResult = {
      documents,
      replayed: 0,
      staleJournal: false,
      tornTail: false,
      foreignSnapshot: snapshot !== null,
    }
    const journal = readIfExists(this.journalPath)
    if (journal === null) return result
    const lines = journal.split('\n')
    const header = parseLine<JournalHeader>(lines[0] ?? '')
    if (!header || header.snapshotSha256 !== sha256(snapshot ?? '')) {
      result.staleJournal = true
      return result
    }
    // The journal names this snapshot: the lake wrote it (by compaction), not the importer.
    result.foreignSnapshot = false
    let valid = Buffer.byteLength(`${lines[0] ?? ''}\n`)
    const last = lines.length - 1
    for (let i = 1; i <= last; i++) {
      const line = lines[i] ?? ''
      if (i === last && line === '') break
      const entry = parseLine<JournalEntry>(line)
      if (!entry || !Array.isArray(entry.changes)) {
        if (i === last) {
          // An append cut short (crash or full disk) before it was acknowledged: drop it.
          result.tornTail = true
          truncateFile(this.journalPath, valid)
          break
        }
        throw new Error(`${this.journalPath}:${i + 1}: not a journal entry; refusing to start (move the file aside to discard the journal)`)
      }
      for (const change of entry.changes) {
        if (change.document) documents.set(change.id, change.document)
        else documents.delete(change.id)
      }
      valid += Buffer.byteLength(`${line}\n`)
      result.replayed++
    }
    return result
  }

  /**
   * Write `documents` as the new snapshot and start an empty journal bound to it. Both files are
   * written to temp files, fsync'ed and size-checked before either is renamed into place, so a
   * failure (a full disk) leaves the old snapshot and journal as they were.
   *
   * @param documents - the dataset's current documents
   * @throws Error (code ENOSPC …) when the files could not be written; nothing was replaced
   */
  compact(documents: Iterable<StoredDocument>): void {
    this.closeJournal()
    fs.mkdirSync(path.dirname(this.snapshotPath), {recursive: true})
    let text = ''
    for (const doc of documents) text += `${JSON.stringify(doc)}\n`
    const header: JournalHeader = {journal: 1, snapshotSha256: sha256(text)}
    const snapshotTemp = writeTemp(this.snapshotPath, text)
    let journalTemp: string
    try {
      journalTemp = writeTemp(this.journalPath, `${JSON.stringify(header)}\n`)
    } catch (error) {
      fs.rmSync(snapshotTemp, {force: true})
      throw error
    }
    // The snapshot first: a crash between the renames leaves a journal that no longer matches
    // (discarded as stale) next to a snapshot that already holds everything it recorded.
    fs.renameSync(snapshotTemp, this.snapshotPath)
    fs.renameSync(journalTemp, this.journalPath)
    fsyncDir(path.dirname(this.snapshotPath))
  }

  /**
   * Append one committed transaction and fsync it; returns only once it is on disk. A short
   * write or a failed fsync is rolled back (the file is cut back to its last complete line),
   * so the journal stays parseable and nothing unacknowledged is ever replayed.
   *
   * @param entry - the transaction's resulting document states
   * @throws Error (code ENOSPC, EIO …) when the entry is not durably stored
   */
  append(entry: JournalEntry): void {
    if (this.broken) {
      throw Object.assign(new Error('the journal could not be repaired after a failed write; restart the lake'), {code: 'EIO'})
    }
    const fd = this.openJournal()
    const bytes = Buffer.from(`${JSON.stringify(entry)}\n`)
    const start = this.size
    try {
      writeFully(fd, bytes, start)
      fs.fsyncSync(fd)
      this.size = start + bytes.length
    } catch (error) {
      try {
        fs.ftruncateSync(fd, start)
        fs.fsyncSync(fd)
      } catch {
        // A torn last line is dropped at the next load; nothing may be appended after it.
        this.broken = true
      }
      throw error
    }
  }

  /** Close the journal file handle (reopened on the next append). */
  closeJournal(): void {
    if (this.fd !== null) fs.closeSync(this.fd)
    this.fd = null
  }

  private openJournal(): number {
    if (this.fd === null) {
      this.fd = fs.openSync(this.journalPath, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o600)
      this.size = fs.fstatSync(this.fd).size
    }
    return this.fd
  }
}

/**
 * sha256 of a text, hex.
 *
 * @param text - file content
 * @returns lowercase hex digest
 */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/**
 * Parse snapshot lines into `into`. Documents written by the importer lack the system fields
 * the Content Lake always sets (the Studio treats a document without `_rev` as not loaded), so
 * missing ones are stamped: `_rev` from the line's hash (stable across restarts), the
 * timestamps from when the snapshot file was written.
 */
function parseSnapshot(text: string, file: string, into: Map<string, StoredDocument>, writtenAt: string): void {
  const lines = text.split('\n')
  lines.forEach((line, index) => {
    if (line.trim() === '') return
    const doc = parseLine<StoredDocument>(line)
    if (!doc || typeof doc._id !== 'string' || typeof doc._type !== 'string') {
      throw new Error(`${file}:${index + 1}: not a document (a JSON object with _id and _type)`)
    }
    doc._rev ??= createHash('sha256').update(line).digest('base64url').slice(0, 22)
    doc._createdAt ??= writtenAt
    doc._updatedAt ??= doc._createdAt
    into.set(doc._id, doc)
  })
}

function parseLine<T>(line: string): T | null {
  try {
    const value: unknown = JSON.parse(line)
    return typeof value === 'object' && value !== null ? (value as T) : null
  } catch {
    return null
  }
}

function readIfExists(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

/**
 * Write via a temp file, fsync it, check its size, rename over the target, fsync the folder.
 * On failure the temp file is removed and the target is untouched.
 *
 * @param file - target path
 * @param data - the whole content
 * @throws Error (code ENOSPC …) when the content could not be stored completely
 */
export function writeAtomic(file: string, data: string | Uint8Array): void {
  const temp = writeTemp(file, data)
  fs.renameSync(temp, file)
  fsyncDir(path.dirname(file))
}

/** Write `data` completely to a fresh temp file beside `file` (fsync'ed, size checked); returns its path. */
function writeTemp(file: string, data: string | Uint8Array): string {
  const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`
  const bytes = typeof data === 'string' ? Buffer.from(data) : data
  let fd: number | null = null
  try {
    fd = fs.openSync(temp, 'wx', 0o600)
    writeFully(fd, bytes, 0)
    fs.fsyncSync(fd)
    const size = fs.fstatSync(fd).size
    if (size !== bytes.length) {
      throw Object.assign(new Error(`${temp}: wrote ${size} of ${bytes.length} bytes`), {code: 'EIO'})
    }
    fs.closeSync(fd)
    fd = null
    return temp
  } catch (error) {
    if (fd !== null) fs.closeSync(fd)
    fs.rmSync(temp, {force: true})
    throw error
  }
}

/** `writeSync` may store fewer bytes than asked; a write that stores none means the disk is full. */
function writeFully(fd: number, bytes: Uint8Array, position: number): void {
  let done = 0
  while (done < bytes.length) {
    const written = fs.writeSync(fd, bytes, done, bytes.length - done, position + done)
    if (written <= 0) throw Object.assign(new Error('no space left on device'), {code: 'ENOSPC'})
    done += written
  }
}

function truncateFile(file: string, length: number): void {
  const fd = fs.openSync(file, 'r+')
  try {
    fs.ftruncateSync(fd, length)
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

function fsyncDir(dir: string): void {
  let fd: number | null = null
  try {
    fd = fs.openSync(dir, 'r')
    fs.fsyncSync(fd)
  } catch {
    // Some filesystems refuse fsync on directories; the rename itself is still atomic.
  } finally {
    if (fd !== null) fs.closeSync(fd)
  }
}
