/**
 * The lake's write token when none is configured: random per data folder, created on first
 * start in `<dataDir>/lake-token` (mode 0600, so only its owner can read it). The Studio and the
 * Node tools read it from there; nothing prints it.
 */
import {randomBytes} from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/**
 * Where a data folder's token lives.
 *
 * @param dataDir - the lake's data folder (e.g. `.data`)
 * @returns `<dataDir>/lake-token`, absolute
 */
export function lakeTokenFile(dataDir: string): string {
  return path.resolve(dataDir, 'lake-token')
}

/**
 * Read the data folder's token, creating it (and the folder) when missing. Creation is
 * exclusive, so two processes starting at once agree on one token.
 *
 * @param dataDir - the lake's data folder
 * @returns the token (43 url-safe characters)
 * @throws Error when the file exists but is not a regular file or is empty
 */
export function readOrCreateLakeToken(dataDir: string): string {
  const file = lakeTokenFile(dataDir)
  const existing = readToken(file)
  if (existing !== undefined) return existing
  fs.mkdirSync(path.dirname(file), {recursive: true, mode: 0o700})
  const token = randomBytes(32).toString('base64url')
  try {
    const fd = fs.openSync(file, 'wx', 0o600)
    try {
      fs.writeSync(fd, `${token}\n`)
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
    return token
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      const raced = readToken(file)
      if (raced !== undefined) return raced
    }
    throw error
  }
}

/**
 * Read the data folder's token if a lake has created it, without creating anything: what a
 * client (push, query, render) uses, so a command that only reads never writes into the folder.
 *
 * @param dataDir - the lake's data folder
 * @returns the token, or undefined when no lake has started there yet
 * @throws Error when the file exists but is not a regular file or is empty
 */
export function readLakeToken(dataDir: string): string | undefined {
  return readToken(lakeTokenFile(dataDir))
}

function readToken(file: string): string | undefined {
  let stat: fs.Stats
  try {
    stat = fs.lstatSync(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  if (!stat.isFile()) throw new Error(`${file} is not a regular file; remove it so the lake can create its token`)
  // Tighten a copy that lost its mode (e.g. restored from a backup).
  if ((stat.mode & 0o077) !== 0) fs.chmodSync(file, 0o600)
  const token = fs.readFileSync(file, 'utf8').trim()
  if (token === '') throw new Error(`${file} is empty; remove it so the lake can create a new token`)
  return token
}

/**
 * The bearer token the lake accepts: the option, else SANITY_LAKE_TOKEN, else the data folder's
 * random token (`<dir>/lake-token`, created on first start, mode 0600). Blank counts as unset
 * (an empty line in `.env`). Never SANITY_API_TOKEN: a real project's token stays out of the lake.
 *
 * @param option - `LakeOptions.token` (e.g. from `--token`)
 * @param fromEnv - the SANITY_LAKE_TOKEN environment value
 * @param dataDir - the lake's data folder (where the random token lives)
 * @returns the token to compare bearer tokens with
 */
export function resolveToken(option: string | undefined, fromEnv: string | undefined, dataDir: string): string {
  return [option, fromEnv].map((value) => value?.trim()).find((value): value is string => Boolean(value)) ?? readOrCreateLakeToken(dataDir)
}
