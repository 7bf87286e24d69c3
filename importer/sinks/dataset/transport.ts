/**
 * Every request a push makes goes through here: one rate-limit token per attempt, retries for
 * passing failures (timeouts included: the client's transport bounds each phase, see
 * `config/http.ts`), and counts of what was actually sent (retries included).
 */
import type {DatasetsResponse, Mutation, MultipleMutationResult, QueryParams, SanityClient} from '@sanity/client'
import {systemClock, TokenBucket, type Clock} from './rate-limit.ts'
import {newTransactionId, stampRevision} from './revision.ts'
import {DEFAULT_RETRY_POLICY, withRetry, type RetryInfo, type RetryPolicy} from './retry.ts'

export interface TransportOptions {
  policy?: RetryPolicy
  bucket?: TokenBucket
  onRetry?: (info: RetryInfo) => void
  clock?: Clock
}

/** The uploaded asset document, as far as a push needs it. */
export interface UploadedAsset {
  _id: string
}

export class Transport {
  /** HTTP requests sent, every retry included. */
  requests = 0
  /** Of those, mutation requests. */
  mutationRequests = 0
  /** Bytes of the mutation request bodies sent (every attempt). */
  mutationBytes = 0
  /** Bytes of the query results read (as JSON; what the plan and its checks downloaded). */
  bytesRead = 0

  private readonly policy: RetryPolicy
  private readonly bucket: TokenBucket
  private readonly onRetry: (info: RetryInfo) => void
  private readonly clock: Clock

  readonly client: SanityClient

  constructor(
    client: SanityClient,
    options: TransportOptions = {},
  ) {
    this.client = client
    this.policy = options.policy ?? DEFAULT_RETRY_POLICY
    this.clock = options.clock ?? systemClock
    this.bucket = options.bucket ?? new TokenBucket(20, 5, this.clock)
    this.onRetry = options.onRetry ?? (() => {})
  }

  /**
   * Runs a GROQ query against the raw perspective (drafts included).
   * @param query - GROQ
   * @param params - its parameters
   * @returns the result
   */
  query<T>(query: string, params: QueryParams): Promise<T> {
    return this.send(false, async () => {
      const result = await this.client.fetch<T>(query, params, {perspective: 'raw'})
      this.bytesRead += Buffer.byteLength(JSON.stringify(result) ?? '')
      return result
    })
  }

  /**
   * Commits one transaction, visible to queries when it returns.
   * @param mutations - all-or-nothing
   * @returns the API's answer
   */
  mutate(mutations: Mutation[]): Promise<MultipleMutationResult> {
    return this.send(true, () => {
      // Every attempt is its own transaction, with an id chosen here and recorded in what it
      // writes (revision.ts): a retry never reuses the id of an attempt that may have committed.
      const transactionId = newTransactionId()
      const stamped = stampRevision(mutations, transactionId)
      this.mutationBytes += Buffer.byteLength(JSON.stringify({mutations: stamped}))
      // The client always asks for `returnIds`; returnFirst/returnDocuments false select the
      // id-list answer.
      return this.client.mutate(stamped, {transactionId, returnFirst: false, returnDocuments: false, visibility: 'sync'})
    })
  }

  /**
   * Uploads image bytes (content-addressed by the API, so a retried upload is harmless).
   * @param bytes - the file
   * @param filename - its name, kept as `originalFilename`
   * @returns the asset document
   */
  uploadImage(bytes: Buffer, filename: string): Promise<UploadedAsset> {
    return this.send(false, () => this.client.assets.upload('image', bytes, {filename}))
  }

  /**
   * Lists the project's datasets (a read: safe to retry).
   * @returns the datasets, by name
   */
  listDatasets(): Promise<DatasetsResponse> {
    return this.send(false, () => this.client.datasets.list())
  }

  /**
   * Creates a dataset (`PUT /datasets/:name`; a retry after a lost answer gets 409, which the
   * caller reads as "exists").
   * @param name - the dataset
   * @returns once created
   */
  async createDataset(name: string): Promise<void> {
    await this.send(false, () => this.client.datasets.create(name))
  }

  private send<T>(isMutation: boolean, request: () => Promise<T>): Promise<T> {
    return withRetry(
      async () => {
        await this.bucket.take()
        this.requests++
        if (isMutation) this.mutationRequests++
        return request()
      },
      this.policy,
      this.onRetry,
      this.clock,
    )
  }
}
