/**
 * Document history: every committed transaction, kept per dataset in `<dataset>.history.ndjson`
 * (one line per transaction, the resulting state of each document it touched). The file outlives
 * the journal's compaction, so the Studio's History panel works across restarts. When history
 * does not know a document's state before a transaction (an imported snapshot, a snapshot
 * replaced by `npm run import`), that state is stored with the transaction as its baseline.
 */
import fs from 'node:fs'
import path from 'node:path'
import type {StoredDocument} from './journal.ts'
import type {Dataset, Transaction} from './store.ts'

/** One document's part in a recorded transaction. */
export interface HistoryChange {
  id: string
  after: StoredDocument | null
  /** Stored only when history did not already know the state before this transaction. */
  before?: StoredDocument | null
}

/** One recorded transaction. */
export interface HistoryEntry {
  /** The transaction id (= the `_rev` of every document it wrote). */
  id: string
  timestamp: string
  author: string
  changes: HistoryChange[]
}

/** One version of a document: what a transaction left, or a baseline state from before it. */
export interface DocumentVersion {
  /** Index of the entry in the log; for a baseline, a fraction placing it between entries by its time. */
  entry: number
  /** A state history learnt as the `before` of a transaction (e.g. the imported snapshot's). */
  baseline: boolean
  transactionId: string
  timestamp: string
  author: string
  before: StoredDocument | null
  after: StoredDocument | null
}

/** Who the lake records as the author (its only user, see project.ts). */
export const HISTORY_AUTHOR = 'offline-user'

/** The history of one dataset: the log in memory, appended to its file on every commit. */
export class DatasetHistory {
  readonly file: string
  readonly entries: HistoryEntry[] = []
  /** Per document id, its versions in commit order (baseline first when known). */
  private readonly versions = new Map<string, DocumentVersion[]>()
  /** Transaction ids and their positions. */
  private readonly transactions = new Map<string, number>()
  /** Baseline revisions and their positions. */
  private readonly baselines = new Map<string, number>()

  readonly dataset: Dataset

  /**
   * @param dir - the lake's data folder
   * @param dataset - the dataset to record (subscribed immediately)
   */
  constructor(
    dir: string,
    dataset: Dataset,
  ) {
    this.dataset = dataset
    this.file = path.join(dir, `${dataset.name}.history.ndjson`)
    for (const line of readLines(this.file)) {
      const entry = parseEntry(line)
      // A torn last line (a crash mid-append) is skipped; the journal still holds the data.
      if (entry) this.index(entry)
    }
    dataset.subscribe((transaction) => this.record(transaction))
  }

  /**
   * The versions of a document, oldest first.
   *
   * @param id - document id
   * @returns its versions (empty when history never saw it change)
   */
  versionsOf(id: string): DocumentVersion[] {
    return this.versions.get(id) ?? []
  }

  /**
   * Where a revision sits in the log: a transaction's index, or for a baseline revision the
   * position just before the transaction that recorded it.
   *
   * @param revision - a transaction id or a baseline document's `_rev`
   * @returns the position (`n` or `n - 0.5`), or undefined when history does not know it
   */
  positionOf(revision: string): number | undefined {
    return this.transactions.get(revision) ?? this.baselines.get(revision)
  }

  private record(transaction: Transaction): void {
    const entry: HistoryEntry = {
      id: transaction.transactionId,
      timestamp: transaction.timestamp,
      author: HISTORY_AUTHOR,
      changes: transaction.effects.map(({id, before, after}) => {
        const known = this.versionsOf(id).at(-1)?.after ?? null
        // The baseline is kept whenever history's last state is not the one this transaction changed.
        return (known?._rev ?? null) === (before?._rev ?? null) ? {id, after} : {id, after, before}
      }),
    }
    this.index(entry)
    this.append(`${JSON.stringify(entry)}\n`)
  }

  /**
   * History is a convenience next to the journal, which alone makes a write durable: a failed
   * append (full disk) must not fail a transaction already committed, so it is cut back to the
   * last whole line and reported on stderr; the entry stays in memory until restart.
   */
  private append(line: string): void {
    let size = 0
    try {
      size = fs.existsSync(this.file) ? fs.statSync(this.file).size : 0
      fs.appendFileSync(this.file, line)
    } catch (error) {
      try {
        if (fs.existsSync(this.file)) fs.truncateSync(this.file, size)
      } catch {
        // Nothing more to do: the loader skips a torn last line.
      }
      process.stderr.write(`lake: history: could not append to ${path.basename(this.file)} (${(error as NodeJS.ErrnoException).code ?? 'error'}); the change is committed, its history entry is kept in memory only\n`)
    }
  }

  private index(entry: HistoryEntry): void {
    const position = this.entries.push(entry) - 1
    this.transactions.set(entry.id, position)
    for (const change of entry.changes) {
      const list = this.versions.get(change.id) ?? []
      const previous = list.at(-1)?.after ?? null
      let before = previous
      if (change.before !== undefined) {
        before = change.before
        if (change.before) {
          // A baseline stands where its own time puts it among the transactions (it usually
          // predates all of them), never after the document's versions history already has.
          const timestamp = change.before._updatedAt ?? change.before._createdAt ?? entry.timestamp
          const later = this.entries.findIndex((other) => other.timestamp > timestamp)
          const at = Math.max((later === -1 ? position : Math.min(later, position)) - 0.5, (list.at(-1)?.entry ?? -1) + 0.25)
          this.baselines.set(change.before._rev ?? '', at)
          list.push({
            entry: at,
            baseline: true,
            transactionId: change.before._rev ?? '',
            timestamp,
            author: HISTORY_AUTHOR,
            before: null,
            after: change.before,
          })
        }
      }
      list.push({entry: position, baseline: false, transactionId: entry.id, timestamp: entry.timestamp, author: entry.author, before, after: change.after})
      this.versions.set(change.id, list)
    }
  }
}

/** The history of every dataset of a lake, attached when a dataset is first used. */
export class LakeHistory {
  private readonly histories = new Map<string, DatasetHistory>()

  private readonly dir: string

  /** @param dir - the lake's data folder */
  constructor(dir: string) {
    this.dir = dir
  }

  /**
   * Start (or find) the history of a dataset; idempotent.
   *
   * @param dataset - the dataset
   * @returns its history
   */
  attach(dataset: Dataset): DatasetHistory {
    const found = this.histories.get(dataset.name)
    if (found?.dataset === dataset) return found
    const history = new DatasetHistory(this.dir, dataset)
    this.histories.set(dataset.name, history)
    return history
  }
}

function readLines(file: string): string[] {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}

function parseEntry(line: string): HistoryEntry | null {
  try {
    const value = JSON.parse(line) as HistoryEntry
    return typeof value.id === 'string' && Array.isArray(value.changes) ? value : null
  } catch {
    return null
  }
}
