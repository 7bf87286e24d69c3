import {randomBytes} from 'node:crypto'
import {mkdir, rename, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'

/**
 * Serialises documents as NDJSON, the format `sanity dataset import` reads: one JSON document
 * per line, in the given order, `\n` after each. Same documents, same bytes.
 * @param documents - the documents, already in their stable order
 * @returns the NDJSON text
 */
export function toNdjson(documents: readonly object[]): string {
  return documents.map((document) => `${JSON.stringify(document)}\n`).join('')
}

/**
 * Writes a file atomically: to a temporary file in the same folder, then renamed over the
 * target, so a reader (or a failed run) never sees half a dataset and an earlier file stays
 * intact until the new one is complete.
 * @param file - the target path (its folder is created)
 * @param content - what to write
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const temporary = await temporaryFileFor(file)
  try {
    await writeFile(temporary, content, {encoding: 'utf8', mode: 0o644})
    await replaceAtomically(temporary, file)
  } catch (error) {
    await rm(temporary, {force: true})
    throw error
  }
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
 */
export async function replaceAtomically(temporary: string, file: string): Promise<void> {
  await rename(temporary, file)
}
