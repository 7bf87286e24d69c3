/**
 * A push goes only into a dataset that exists, as with the Sanity CLI: before anything else the
 * project's datasets are listed, and a missing one stops the push with the flag that creates it.
 * `--create-dataset` creates it through the client's `datasets.create` (nothing when it exists).
 */
import {httpStatus} from './errors.ts'
import type {Transport} from './transport.ts'

/** What {@link ensureDataset} found or did. */
export type DatasetState = 'exists' | 'created' | 'missing' | 'unknown'

/** The dataset is missing (and may not be created), or the token may not create it. */
export class DatasetError extends Error {
  override name = 'DatasetError'

  readonly rule: 'missing-dataset' | 'cannot-create-dataset'
  readonly status?: number

  /**
   * @param rule - `missing-dataset` or `cannot-create-dataset`
   * @param message - one line naming the dataset
   * @param status - the API's 401/403, when the token was refused
   */
  constructor(
    rule: 'missing-dataset' | 'cannot-create-dataset',
    message: string,
    status?: number,
  ) {
    super(message)
    this.rule = rule
    this.status = status
  }
}

/** Options of {@link ensureDataset}. */
export interface EnsureOptions {
  /** Create the dataset when it is missing (`--create-dataset`). */
  create: boolean
  /** Report what would happen, create nothing. */
  dryRun: boolean
}

/**
 * Makes sure the dataset exists before a push.
 * @param transport - the push's transport (requests are counted and retried there)
 * @param dataset - the target dataset
 * @param options - create when missing, dry run
 * @returns `exists`; `created`; `missing` (dry run with create: it would be created);
 *   `unknown` when the token may not list datasets (the push then finds out on its first read)
 * @throws DatasetError when the dataset is missing and `create` is off, or the token may not
 *   list or create datasets while `create` is on
 */
export async function ensureDataset(transport: Transport, dataset: string, options: EnsureOptions): Promise<DatasetState> {
  let names: string[]
  try {
    names = (await transport.listDatasets()).map((entry) => entry.name)
  } catch (error) {
    // Listing needs more than write access on some projects: then the first read of the push
    // says whether the dataset exists. Creating it does need that access: report it.
    const status = httpStatus(error)
    if (status !== 401 && status !== 403) throw error
    if (!options.create) return 'unknown'
    throw new DatasetError('cannot-create-dataset', `cannot list the project's datasets to create "${dataset}"`, status)
  }
  if (names.includes(dataset)) return 'exists'
  if (!options.create) throw new DatasetError('missing-dataset', missingDatasetMessage(dataset))
  if (options.dryRun) return 'missing'
  try {
    await transport.createDataset(dataset)
  } catch (error) {
    const status = httpStatus(error)
    // Created by someone else since the list: it exists, which is all a push needs.
    if (status === 409) return 'exists'
    if (status === 401 || status === 403) throw new DatasetError('cannot-create-dataset', `cannot create dataset "${dataset}"`, status)
    throw error
  }
  return 'created'
}

/**
 * What to say when the dataset does not exist.
 * @param dataset - its name
 * @returns one sentence naming the dataset and both ways to create it
 */
export function missingDatasetMessage(dataset: string): string {
  return `dataset "${dataset}" does not exist in this project; create it with --create-dataset (or \`sanity dataset create ${dataset}\`), or set SANITY_DATASET to an existing one`
}
