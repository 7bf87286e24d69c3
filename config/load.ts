/**
 * The Node half of the target (see `target.ts`): variables from the environment and `.env`
 * (dotenv; a variable present in the environment wins, even empty, so `SANITY_API_HOST=` on the
 * command line clears a `.env` line), and the local lake's token file, read but never created.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {parse} from 'dotenv'
import {DEFAULT_LAKE_DIR} from '../lake/defaults.ts'
import {resolveDataset, resolveTarget, TargetError, type ResolveOptions, type Sourced, type Target, type TargetVariables} from './target.ts'

/** Where the variables come from. */
export interface LoadOptions {
  /** Defaults to `process.env`. */
  env?: NodeJS.ProcessEnv
  /** The `.env` file; `false` reads none. Default `.env` in the working directory. */
  envFile?: string | false
  /** The local lake's data folder, whose `lake-token` the offline target uses (default `.data`). */
  lakeDir?: string
  /** Command-line values (they win). */
  flags?: ResolveOptions['flags']
}

/**
 * Every variable of the environment and the `.env` file, with its origin.
 * @param options - environment and `.env` file
 * @returns name → value and origin
 */
export function readVariables(options: Pick<LoadOptions, 'env' | 'envFile'> = {}): TargetVariables {
  const env = options.env ?? process.env
  const file = options.envFile ?? path.resolve('.env')
  const vars: Record<string, Sourced> = {}
  for (const [name, value] of Object.entries(readEnvFile(file))) vars[name] = {value, source: '.env', name}
  for (const [name, value] of Object.entries(env)) if (value !== undefined) vars[name] = {value, source: 'environment', name}
  return vars
}

/**
 * The target of the Node tools, from the environment and `.env`.
 * @param options - environment, `.env` file, the lake's data folder, command-line values
 * @returns the target
 * @throws TargetError for a configuration that cannot be used (see `resolveTarget`)
 */
export function loadTarget(options: LoadOptions = {}): Target {
  const lakeDir = options.lakeDir ?? DEFAULT_LAKE_DIR
  return resolveTarget(readVariables(options), {
    ...(options.flags ? {flags: options.flags} : {}),
    lakeToken: () => readLakeToken(lakeDir),
  })
}

/**
 * The target when it is usable, else none (for commands that read a given file and only use the
 * target for asset URLs).
 * @param options - environment, `.env` file, the lake's data folder
 * @returns the target, or undefined when the configuration cannot be used
 */
export function loadTargetIfUsable(options: LoadOptions = {}): Target | undefined {
  try {
    return loadTarget(options)
  } catch (error) {
    if (error instanceof TargetError) return undefined
    throw error
  }
}

/**
 * Only the dataset (what names the default NDJSON file), checked against Sanity's rules.
 * @param options - environment and `.env` file
 * @returns the dataset
 * @throws TargetError for a name Sanity would refuse
 */
export function loadDataset(options: Pick<LoadOptions, 'env' | 'envFile'> = {}): Sourced {
  return resolveDataset(readVariables(options))
}

function readEnvFile(file: string | false): Record<string, string> {
  if (file === false) return {}
  try {
    return parse(readFileSync(file))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {}
    throw error
  }
}

/**
 * The token a lake started in this data folder created (`<dir>/lake-token`), without creating
 * one: no file means no lake ran here, and nothing needs a token yet.
 */
function readLakeToken(dir: string): Sourced | undefined {
  const file = path.join(dir, 'lake-token')
  let value: string
  try {
    value = readFileSync(file, 'utf8').trim()
  } catch {
    return undefined
  }
  return value ? {value, source: 'lake-token', name: file} : undefined
}
