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
  const folder = path.dirname(path.resolve(file))
  await mkdir(folder, {recursive: true})
  const temporary = path.join(folder, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  try {
    await writeFile(temporary, content, {encoding: 'utf8', mode: 0o644})
    await rename(temporary, file)
  } catch (error) {
    await rm(temporary, {force: true})
    throw error
  }
}
