import {parseArgs} from 'node:util'

/** What the command line asked for. */
export interface ImportArgs {
  paths: string[]
  /** NDJSON target; `undefined` means the default local dataset. */
  out?: string
  assets?: string
  maxBytes?: number
  /** Worker threads; `undefined` means one per core. */
  jobs?: number
  push: boolean
  dryRun: boolean
  force: boolean
  /** Delete documents an earlier import of the same sources made and they no longer produce. */
  prune: boolean
  /** Print the push summary as JSON on stdout (everything else goes to stderr). */
  json: boolean
  /** Create the target dataset when it does not exist (`--push` only). */
  createDataset: boolean
  help: boolean
  /** Rewrite relative links that look like domains or e-mail addresses. */
  fixLinks: boolean
  /** A profile file for every input (else each input's `report-profile.json`, else the default profile). */
  profile?: string
}

/** A command line that cannot be run: exit code 2 with the usage line. */
/**
 * The built-in default input: the sample report bundled in `content/`, with its images, so
 * `npm run import` alone imports something real.
 */
export const DEFAULT_INPUT = 'content'

export class UsageError extends Error {
  override name = 'UsageError'
}

export const USAGE =
  'usage: npm run import -- [<file-or-folder>...] [--profile <profile.json>] [--out <dataset.ndjson>] [--assets <folder>] [--max-bytes <n>] [--fix-links] [--jobs <n>] [--push [--create-dataset] [--dry-run] [--force] [--prune] [--json]]'

/**
 * Parses the importer's arguments strictly: an unknown flag or a missing value is a usage error.
 * @param argv - the arguments after the script name
 * @param env - the environment (`IMPORT_MAX_BYTES` is the default of `--max-bytes`)
 * @returns the parsed arguments
 * @throws UsageError
 */
export function parseImportArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): ImportArgs {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        out: {type: 'string', short: 'o'},
        assets: {type: 'string'},
        'max-bytes': {type: 'string'},
        jobs: {type: 'string', short: 'j'},
        push: {type: 'boolean', default: false},
        'dry-run': {type: 'boolean', default: false},
        force: {type: 'boolean', default: false},
        prune: {type: 'boolean', default: false},
        json: {type: 'boolean', default: false},
        'create-dataset': {type: 'boolean', default: false},
        help: {type: 'boolean', short: 'h', default: false},
        'fix-links': {type: 'boolean', default: false},
        profile: {type: 'string', short: 'p'},
      },
    })
  } catch (error) {
    // parseArgs' messages are one line and name the flag; keep them, drop the error code.
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'invalid arguments')
  }
  const {values, positionals} = parsed
  const useDefault = positionals.length === 0
  const args: ImportArgs = {
    paths: useDefault ? [DEFAULT_INPUT] : positionals,
    push: values.push,
    dryRun: values['dry-run'],
    force: values.force,
    prune: values.prune,
    json: values.json,
    createDataset: values['create-dataset'],
    help: values.help,
    fixLinks: values['fix-links'],
  }
  if (args.help) return args
  if (values.profile !== undefined) {
    if (values.profile.trim() === '') throw new UsageError('--profile needs a profile file (JSON, see importer/README.md)')
    args.profile = values.profile
  }
  if (values.out !== undefined) {
    if (values.out.trim() === '') throw new UsageError('--out needs a file name')
    if (values.push) throw new UsageError('--out and --push exclude each other: --push writes to the dataset, not a file')
    args.out = values.out
  }
  if (values.prune && !values.push) throw new UsageError('--prune only applies to --push (it deletes from the dataset)')
  if (values.json && !values.push) throw new UsageError('--json only applies to --push (it prints the push summary)')
  if (values['create-dataset'] && !values.push) throw new UsageError('--create-dataset only applies to --push (it creates the dataset pushed to)')
  // --dry-run without --push converts and reports but writes nothing; --force only matters to --push.
  if (values.assets !== undefined) args.assets = values.assets
  else if (useDefault) args.assets = DEFAULT_INPUT
  const maxBytes = values['max-bytes'] ?? env.IMPORT_MAX_BYTES
  if (maxBytes !== undefined && maxBytes !== '') {
    const source = values['max-bytes'] !== undefined ? '--max-bytes' : 'IMPORT_MAX_BYTES'
    if (!/^\d+$/.test(maxBytes.trim()) || Number(maxBytes) <= 0) throw new UsageError(`${source} must be a positive whole number of bytes, got "${maxBytes}"`)
    args.maxBytes = Number(maxBytes)
  }
  if (values.jobs !== undefined) {
    if (!/^\d+$/.test(values.jobs.trim()) || Number(values.jobs) < 1 || Number(values.jobs) > 256) throw new UsageError(`--jobs must be a whole number from 1 to 256, got "${values.jobs}"`)
    args.jobs = Number(values.jobs)
  }
  return args
}
