/**
 * Durability for one dataset: a snapshot file (`<dataset>.ndjson`, one document per line — the
 * importer's output format) plus an append-only journal (`<dataset>.journal.ndjson`) of the
 * transactions committed since. Each journal line is fsync'ed before the commit is acknowledged.
 * The journal's first line names the sha256 of the snapshot it applies to, so a snapshot replaced
 * behind the lake's back (e.g. by `npm run import`) makes the old journal stale, not misapplied.
 */
import {createHash} from 'node:crypto'
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

  /**
   * @param dir - the lake's data folder
   * @param dataset - dataset name (already validated by the caller)
   */
  constructor(dir: string, dataset: string) {
    this.snapshotPath = path.join(dir, `${dataset}.ndjson`)
    this.journalPath = path.join(dir, `${dataset}.journal.ndjson`)
  }

  /**
   * Read the snapshot and replay the journal when it belongs to that snapshot.
   *
   * @returns the documents and what happened while loading
   * @throws Error naming file and line when the snapshot has a line that is not a document
   */
  load(): LoadResult {
    const snapshot = readIfExists(this.snapshotPath)
    const documents = new Map<string, StoredDocument>()
    const written = snapshot === null ? new Date() : fs.statSync(this.snapshotPath).mtime
    parseSnapshot(snapshot ?? '', this.snapshotPath, documents, written.toISOString())
    const result: LoadResult = {documents, replayed: 0, staleJournal: false, tornTail: false}
    const journal = readIfExists(this.journalPath)
    if (journal === null) return result
    const lines = journal.split('\n')
    const header = parseLine<JournalHeader>(lines[0] ?? '')
    if (!header || header.snapshotSha256 !== sha256(snapshot ?? '')) {
      result.staleJournal = true
      return result
    }
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i] ?? ''
      if (line.trim() === '') continue
      const entry = parseLine<JournalEntry>(line)
      if (!entry || !Array.isArray(entry.changes)) {
        // Only the last line can be torn by a crash mid-write; it was never acknowledged.
        result.tornTail = true
        break
      }
      for (const change of entry.changes) {
        if (change.document) documents.set(change.id, change.document)
        else documents.delete(change.id)
      }
      result.replayed++
    }
    return result
  }

  /**
   * Write `documents` as the new snapshot (temp file + fsync + rename) and start an empty
   * journal bound to it. Safe against a crash at any point: an old journal never matches the
   * new snapshot's hash, and the new snapshot already contains everything it held.
   *
   * @param documents - the dataset's current documents
   */
  compact(documents: Iterable<StoredDocument>): void {
    this.closeJournal()
    fs.mkdirSync(path.dirname(this.snapshotPath), {recursive: true})
    let text = ''
    for (const doc of documents) text += `${JSON.stringify(doc)}\n`
    writeAtomic(this.snapshotPath, text)
    const header: JournalHeader = {journal: 1, snapshotSha256: sha256(text)}
    writeAtomic(this.journalPath, `${JSON.stringify(header)}\n`)
  }

  /**
   * Append one committed transaction and fsync it; returns only once it is on disk.
   *
   * @param entry - the transaction's resulting document states
   */
  append(entry: JournalEntry): void {
    if (this.fd === null) this.fd = fs.openSync(this.journalPath, 'a')
    fs.writeSync(this.fd, `${JSON.stringify(entry)}\n`)
    fs.fsyncSync(this.fd)
  }

  /** Close the journal file handle (reopened on the next append). */
  closeJournal(): void {
    if (this.fd !== null) fs.closeSync(this.fd)
    this.fd = null
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

/** Write via a temp file, fsync it, rename over the target, fsync the folder. */
export function writeAtomic(file: string, data: string | Uint8Array): void {
  const temp = `${file}.tmp-${process.pid}`
  const fd = fs.openSync(temp, 'w')
  try {
    if (typeof data === 'string') fs.writeSync(fd, data)
    else fs.writeSync(fd, data)
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  fs.renameSync(temp, file)
  fsyncDir(path.dirname(file))
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
