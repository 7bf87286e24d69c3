import {randomBytes} from 'node:crypto'
import type {Stats} from 'node:fs'
import {chmod, lstat, mkdir, rename, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {relativeAssetSource} from '../../config/asset-source.ts'
import {ImportError} from '../diagnostics.ts'

/**
 * Serialises documents as NDJSON, the format `sanity dataset import` reads: one JSON document
 * per line, in the given order, `\n` after each. Same documents, same bytes.
 * @param documents - the documents, already in their stable order
 * @returns the NDJSON text
 */
export function toNdjson(documents: readonly object[]): string {
  return documents.map((document) => `${JSON.stringify(document)}\n`).join('')
}

/** An absolute file source in NDJSON text (file URLs are percent-encoded: no quote or backslash inside). */
const ABSOLUTE_SOURCE = /"_sanityAsset":"((?:image|file)@file:\/\/\/[^"\\]*)"/g
const SOURCE_KEY = Buffer.from('"_sanityAsset":"')

/**
 * Names image files relative to the NDJSON file's folder (`image@file://./…`, as
 * `sanity dataset import` resolves them), so a snapshot and its images import from anywhere.
 * @param ndjson - NDJSON text with absolute `_sanityAsset` file sources
 * @param folder - the folder the NDJSON file is written to
 * @returns the same text with relative sources
 */
export function relativeAssetPaths(ndjson: string, folder: string): string {
  return ndjson.replace(ABSOLUTE_SOURCE, (_, source: string) => `"_sanityAsset":${JSON.stringify(relativeAssetSource(source, folder))}`)
}

/**
 * {@link relativeAssetPaths} on encoded lines; a chunk without an image source is returned as is.
 * @param chunk - UTF-8 NDJSON lines
 * @param folder - the folder the NDJSON file is written to
 * @returns the chunk, rewritten when it names files
 */
export function relativeAssetChunk(chunk: Uint8Array, folder: string): Uint8Array {
  const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
  if (!bytes.includes(SOURCE_KEY)) return chunk
  return Buffer.from(relativeAssetPaths(bytes.toString('utf8'), folder), 'utf8')
}

/**
 * Writes a file atomically: to a temporary file in the same folder, then renamed over the
 * target, so a reader (or a failed run) never sees half a dataset and an earlier file stays
 * intact until the new one is complete. An existing target must be a regular file (a symlink,
 * FIFO, device or folder is refused, never replaced) and keeps its permission bits.
 * @param file - the target path (its folder is created)
 * @param content - what to write
 * @throws ImportError (bad-output) when the target exists and is not a regular file
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const mode = await checkOutput(file)
  const temporary = await temporaryFileFor(file)
  try {
    await writeFile(temporary, content, {encoding: 'utf8', mode, flag: 'wx'})
    await replaceAtomically(temporary, file, mode)
  } catch (error) {
    await rm(temporary, {force: true})
    throw error
  }
}

/**
 * Checks an output path before anything is written: an existing target must be a regular file
 * (a symlink, FIFO, device or folder is refused, never replaced).
 * @param file - the target path
 * @returns the permission bits the new file gets: the existing file's, else 0644
 * @throws ImportError (bad-output) when the target exists and is not a regular file
 */
export async function checkOutput(file: string): Promise<number> {
  const existing = await lstat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined
    throw error
  })
  if (existing && !existing.isFile()) {
    throw new ImportError({rule: 'bad-output', message: `--out is ${describeKind(existing)}, not a regular file; refusing to replace it`, file})
  }
  return existing ? existing.mode & 0o7777 : 0o644
}

function describeKind(info: Stats): string {
  if (info.isSymbolicLink()) return 'a symbolic link'
  if (info.isDirectory()) return 'a folder'
  if (info.isFIFO()) return 'a FIFO (named pipe)'
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device'
  if (info.isSocket()) return 'a socket'
  return 'not a regular file'
}

/**
 * The temporary file an atomic write goes through: in the target's folder (created), so the
 * final rename stays on one file system. Shared with the streaming writer (`ndjson-stream.ts`).
 * @param file - the target path
 * @returns a fresh temporary path next to it (not yet created)
 */
export async function temporaryFileFor(file: string): Promise<string> {
  const folder = path.dirname(path.resolve(file))
  await mkdir(folder, {recursive: true})
  return path.join(folder, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
}

/**
 * Puts a complete temporary file in place of the target in one step.
 * @param temporary - from {@link temporaryFileFor}, fully written
 * @param file - the target path
 * @param mode - its permission bits (from {@link checkOutput}; the umask may have narrowed them)
 */
export async function replaceAtomically(temporary: string, file: string, mode: number): Promise<void> {
  await chmod(temporary, mode)
  await rename(temporary, file)
}
