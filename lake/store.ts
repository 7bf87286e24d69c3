/**
 * Documents and transactions. Every request's mutations are applied through @sanity/mutator to a
 * working copy and committed all-or-nothing: journaled (fsync'ed) first, then published to
 * memory and to listeners.
 */
import {randomBytes} from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import {datasetNameProblem, isDatasetName} from '../config/names.ts'
import type {AssetContext} from './assets.ts'
import {DatasetFiles, type JournalEntry, type StoredDocument} from './journal.ts'
import {applyOne, checkTransactionSize, MutationError, Working, withArrayKeys, type MutationResult, type Selector} from './mutations.ts'
import {checkIntegrity} from './references.ts'
import {ingestSnapshotAssets, type SnapshotAssetReport} from './snapshot-assets.ts'

export {MutationError, type MutationResult} from './mutations.ts'

/** One document's part in a committed transaction (what listeners receive). */
export interface DocumentEffect {
  id: string
  before: StoredDocument | null
  after: StoredDocument | null
  /** The mutations that touched this document, rewritten to name it by id. */
  mutations: Record<string, unknown>[]
}

/** A transaction the store accepted (or, with dryRun, would have accepted). */
export interface Transaction {
  transactionId: string
  timestamp: string
  results: MutationResult[]
  effects: DocumentEffect[]
}

/** Options of one commit, mirroring the mutate endpoint's query parameters. */
export interface CommitOptions {
  transactionId?: string
  dryRun?: boolean
  autoGenerateArrayKeys?: boolean
  /**
   * Evaluates a delete/patch `query` (the HTTP API passes the query workers, so GROQ never runs
   * on the lake's event loop); default: groq-js here.
   */
  select?: Selector
}


/** Sanity's dataset name rules, shared with the tools that name datasets (config/names.ts). */
export {isDatasetName}

/** A dataset that does not exist (never created, or deleted), or cannot be created as asked. */
export class DatasetLifecycleError extends Error {
  readonly status: 400 | 404 | 409

  /**
   * @param status - the HTTP answer: 400 bad name, 404 missing, 409 exists
   * @param message - one sentence naming the dataset
   */
  constructor(
    status: 400 | 404 | 409,
    message: string,
  ) {
    super(message)
    this.status = status
    this.name = 'DatasetLifecycleError'
  }
}

/** Written when a data folder is first set up: a folder without it is new (and gets the default dataset). */
const CREATED_MARKER = 'lake-created'

/**
 * A new revision/transaction id (22 base62-ish characters, like Sanity's).
 *
 * @returns a random id
 */
export function newRevision(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
  return [...randomBytes(22)].map((byte) => alphabet[byte % alphabet.length]).join('')
}

/** One dataset in memory, backed by its snapshot and journal. */
export class Dataset {
  readonly name: string
  private readonly documents: Map<string, StoredDocument>
  private readonly files: DatasetFiles
  private readonly subscribers = new Set<(transaction: Transaction) => void>()
  /** Bumped by every commit, so query workers can cache a dataset's documents between queries. */
  version = 0
  /** Commits run one at a time: query-based mutations evaluate GROQ asynchronously. */
  private queue: Promise<unknown> = Promise.resolve()

  /**
   * @param name - dataset name
   * @param files - its snapshot/journal files
   * @param documents - its documents as loaded
   */
  constructor(name: string, files: DatasetFiles, documents: Map<string, StoredDocument>) {
    this.name = name
    this.files = files
    this.documents = documents
  }

  /**
   * @param id - document id
   * @returns the document, or undefined
   */
  get(id: string): StoredDocument | undefined {
    return this.documents.get(id)
  }

  /** @returns every document, in insertion order */
  all(): StoredDocument[] {
    return [...this.documents.values()]
  }

  /** @returns how many documents the dataset holds */
  get size(): number {
    return this.documents.size
  }

  /**
   * Receive every committed transaction.
   *
   * @param subscriber - called after the transaction is durable
   * @returns a function that unsubscribes
   */
  subscribe(subscriber: (transaction: Transaction) => void): () => void {
    this.subscribers.add(subscriber)
    return () => this.subscribers.delete(subscriber)
  }

  /** Write a fresh snapshot and empty journal. */
  compact(): void {
    this.files.compact(this.documents.values())
  }

  /** Release the journal's file handle. */
  close(): void {
    this.files.closeJournal()
  }

  /**
   * Apply a request's mutations all-or-nothing.
   *
   * @param mutations - Sanity mutations (`create`, `createOrReplace`, `createIfNotExists`,
   *   `delete`, `patch`), by id or (delete/patch) by GROQ query
   * @param options - transaction id, dryRun, autoGenerateArrayKeys
   * @returns the transaction, durable on disk unless dryRun
   * @throws MutationError when any mutation fails; nothing is then changed
   */
  commit(mutations: unknown[], options: CommitOptions = {}): Promise<Transaction> {
    const run = this.queue.then(() => this.commitNow(mutations, options))
    this.queue = run.catch(() => undefined)
    return run
  }

  private async commitNow(mutations: unknown[], options: CommitOptions): Promise<Transaction> {
    checkTransactionSize(mutations)
    const transactionId = options.transactionId || newRevision()
    const timestamp = new Date().toISOString()
    const working = new Working(this.documents)
    const results: MutationResult[] = []
    for (const [index, mutation] of mutations.entries()) {
      await applyOne(working, mutation, index, {transactionId, timestamp, select: options.select}, results)
    }
    if (options.autoGenerateArrayKeys) {
      for (const [id, doc] of working.changed) if (doc) working.changed.set(id, withArrayKeys(doc))
    }
    const problems = checkIntegrity(working.changed, (id) => working.get(id), () => working.values())
    if (problems.length > 0) {
      throw new MutationError(
        409,
        problems.map((problem) => ({index: 0, ...problem})),
      )
    }
    const effects: DocumentEffect[] = [...working.changed].map(([id, after]) => ({
      id,
      before: this.documents.get(id) ?? null,
      after,
      mutations: working.touchedBy.get(id) ?? [],
    }))
    const transaction: Transaction = {
      transactionId,
      timestamp,
      results: results.map((result) => ({...result, document: working.get(result.id)})),
      effects,
    }
    if (options.dryRun || effects.length === 0) return transaction
    const entry: JournalEntry = {
      transactionId,
      timestamp,
      changes: effects.map(({id, after}) => ({id, document: after})),
    }
    // Durable before visible: once append returns, a crash cannot lose the transaction.
    this.files.append(entry)
    this.version++
    for (const {id, after} of effects) {
      if (after) this.documents.set(id, after)
      else this.documents.delete(id)
    }
    for (const subscriber of this.subscribers) subscriber(transaction)
    return transaction
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** What happened while opening a dataset, for the lake's startup messages. */
export interface OpenReport {
  dataset: string
  /** The dataset's snapshot file. */
  snapshotPath: string
  documents: number
  replayed: number
  staleJournal: boolean
  tornTail: boolean
  /**
   * `_sanityAsset` files ingested at load: only for a snapshot the lake did not write itself
   * (the importer's), when the store was given an asset context.
   */
  snapshotAssets?: SnapshotAssetReport
  /** Why the startup compaction failed (the dataset still opened from its valid journal). */
  compactionError?: string
}

/** Options of {@link LakeStore}. */
export interface LakeStoreOptions {
  /** Told what loading each dataset found (stale journal, replayed transactions, asset problems). */
  onOpen?: (report: OpenReport) => void
  /** Where asset bytes go and how asset URLs look: set to ingest a snapshot's `_sanityAsset` files at load. */
  assets?: AssetContext
  /** Folders a foreign snapshot's `_sanityAsset` files may be read from (none: nothing is read). */
  assetRoots?: string[]
  /** Told when compacting a dataset at close failed (its journal still holds everything). */
  onCloseError?: (dataset: string, message: string) => void
  /** The dataset a new data folder starts with, as a new Sanity project does (default `production`; `false`: none). */
  initialDataset?: string | false
}

/**
 * All datasets under one data folder, opened on first use. Datasets exist only once created
 * ({@link LakeStore.create}, or a snapshot file put in the folder): writes never create one.
 */
export class LakeStore {
  readonly dir: string
  private readonly datasets = new Map<string, Dataset>()
  private readonly options: LakeStoreOptions

  /**
   * @param dir - data folder (created when missing)
   * @param options - open reports and snapshot asset ingestion
   */
  constructor(dir: string, options: LakeStoreOptions = {}) {
    this.dir = dir
    this.options = options
    fs.mkdirSync(dir, {recursive: true})
    const marker = path.join(dir, CREATED_MARKER)
    if (!fs.existsSync(marker)) {
      // A new folder (not one whose datasets were all deleted): it starts like a new project.
      const initial = options.initialDataset ?? 'production'
      if (initial !== false && this.namesOnDisk().length === 0) this.create(initial)
      fs.writeFileSync(marker, `${new Date().toISOString()}\n`)
    }
  }

  /**
   * Create an empty dataset (`PUT /datasets/:name`).
   *
   * @param name - the new dataset's name
   * @returns the dataset
   * @throws DatasetLifecycleError 400 for a name Sanity refuses, 409 when it exists
   */
  create(name: string): Dataset {
    const problem = datasetNameProblem(name)
    if (problem) throw new DatasetLifecycleError(400, `Dataset name "${name}" is not valid: ${problem}`)
    if (this.has(name)) throw new DatasetLifecycleError(409, `Dataset "${name}" already exists`)
    // Opening writes its (empty) snapshot: from then on it exists on disk.
    return this.open(name)
  }

  /**
   * Delete a dataset with its documents, history and asset files (`DELETE /datasets/:name`).
   *
   * @param name - the dataset
   * @throws DatasetLifecycleError 404 when it does not exist
   */
  delete(name: string): void {
    if (!this.has(name)) throw new DatasetLifecycleError(404, `Dataset "${name}" not found`)
    this.datasets.get(name)?.close()
    this.datasets.delete(name)
    for (const file of [`${name}.ndjson`, `${name}.journal.ndjson`, `${name}.history.ndjson`]) fs.rmSync(path.join(this.dir, file), {force: true})
    fs.rmSync(path.join(this.dir, 'assets', name), {recursive: true, force: true})
  }

  /**
   * Open every dataset that has a snapshot or journal in the folder (load, replay, compact).
   *
   * @returns the dataset names opened
   */
  openAll(): string[] {
    for (const name of this.namesOnDisk()) this.dataset(name)
    return this.names()
  }

  /**
   * An existing dataset by name, loading and compacting it on first use.
   *
   * @param name - dataset name
   * @returns the dataset
   * @throws DatasetLifecycleError 404 when it does not exist (it is never created here)
   */
  dataset(name: string): Dataset {
    const open = this.datasets.get(name)
    if (open) return open
    if (!this.has(name)) throw new DatasetLifecycleError(404, `Dataset "${name}" not found`)
    return this.open(name)
  }

  private open(name: string): Dataset {
    const files = new DatasetFiles(this.dir, name)
    const loaded = files.load()
    // What `sanity dataset import` would upload, the lake ingests before the snapshot is served,
    // but only from a snapshot the lake did not write itself (the importer's): documents that
    // came in through the API never make the lake read a file.
    const assets = this.options.assets
    const snapshotAssets = assets && loaded.foreignSnapshot
      ? ingestSnapshotAssets(loaded.documents, name, assets, {roots: this.options.assetRoots ?? []})
      : undefined
    // Startup compaction: fold the journal (and ingested assets) into a fresh snapshot so replay
    // stays short. When it cannot be written (a full disk) the old files stay valid, unless the
    // journal does not belong to the snapshot: appending to it would lose writes, so refuse.
    let compactionError: string | undefined
    try {
      files.compact(loaded.documents.values())
    } catch (error) {
      if (loaded.staleJournal || loaded.foreignSnapshot) {
        throw new Error(`${files.snapshotPath}: cannot write the compacted dataset (${errorText(error)}); refusing to open it`)
      }
      compactionError = errorText(error)
    }
    const dataset = new Dataset(name, files, loaded.documents)
    this.datasets.set(name, dataset)
    this.options.onOpen?.({
      dataset: name,
      snapshotPath: files.snapshotPath,
      documents: loaded.documents.size,
      replayed: loaded.replayed,
      staleJournal: loaded.staleJournal,
      tornTail: loaded.tornTail,
      ...(snapshotAssets ? {snapshotAssets} : {}),
      ...(compactionError ? {compactionError} : {}),
    })
    return dataset
  }

  /** @returns names of datasets open or present on disk, sorted */
  names(): string[] {
    return [...new Set([...this.datasets.keys(), ...this.namesOnDisk()])].sort()
  }

  /** Compact every open dataset and release file handles (a clean shutdown). */
  close(): void {
    for (const dataset of this.datasets.values()) {
      try {
        dataset.compact()
      } catch (error) {
        // The journal still holds every acknowledged write: the next start replays it.
        this.options.onCloseError?.(dataset.name, errorText(error))
      }
      dataset.close()
    }
  }

  /**
   * Does the dataset exist (open, or with files on disk)? Reads ask this so they never create one.
   *
   * @param name - dataset name
   * @returns true when it exists
   */
  has(name: string): boolean {
    return this.datasets.has(name) || (isDatasetName(name) && this.namesOnDisk().includes(name))
  }

  private namesOnDisk(): string[] {
    return fs
      .readdirSync(this.dir)
      .filter((file) => file.endsWith('.ndjson'))
      .map((file) => file.replace(/(\.journal)?\.ndjson$/, ''))
      .filter(isDatasetName)
  }
}
