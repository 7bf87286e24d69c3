import {constants, type Stats} from 'node:fs'
import {open, readdir, stat, type FileHandle} from 'node:fs/promises'
import path from 'node:path'
import {ImportError} from './diagnostics.ts'

/** Markdown file names a folder import picks up (`.smd`: Zine's SuperMD, markdown with Ziggy front matter). */
const MARKDOWN = /\.(md|markdown|smd)$/i
/** A repository's own documents, beside reports in a folder: not reports (given by name, they are imported). */
const REPOSITORY_DOCUMENT = /^(?:readme|contributing|changelog|license|code_of_conduct|security)\.(?:md|markdown)$/i

/**
 * Expands one command-line path into markdown files: a file as given, a folder searched
 * recursively for `*.md` / `*.markdown` / `*.smd` (hidden folders, node_modules and a repository's
 * README, CONTRIBUTING, CHANGELOG, LICENSE, CODE_OF_CONDUCT and SECURITY files skipped), sorted.
 * @param given - a file or folder, as given
 * @param cwd - what a relative path is relative to
 * @returns the files, each as the folder path joined with its relative name
 * @throws ImportError for a missing or unreadable path, or a folder with no markdown
 */
export async function expandInput(given: string, cwd: string): Promise<string[]> {
  const info = await stat(path.resolve(cwd, given)).catch((error: NodeJS.ErrnoException) => {
    throw new ImportError({rule: 'unreadable', message: describeFsError(error), file: given})
  })
  if (!info.isDirectory()) return [given]
  const found = (await walk(given, cwd)).sort(byCodePoint)
  if (found.length === 0) throw new ImportError({rule: 'no-markdown', message: 'folder has no markdown files (*.md, *.markdown, *.smd)', file: given})
  return found
}

async function walk(folder: string, cwd: string): Promise<string[]> {
  const entries = await readdir(path.resolve(cwd, folder), {withFileTypes: true}).catch((error: NodeJS.ErrnoException) => {
    throw new ImportError({rule: 'unreadable', message: describeFsError(error), file: folder})
  })
  const files: string[] = []
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
    const child = path.join(folder, entry.name)
    if (entry.isDirectory()) files.push(...(await walk(child, cwd)))
    else if (entry.isFile() && MARKDOWN.test(entry.name) && !REPOSITORY_DOCUMENT.test(entry.name)) files.push(child)
  }
  return files
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * @param error - a Node file-system error
 * @returns a short reader-facing reason, without the stack or syscall noise
 */
export function describeFsError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file or folder'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied: cannot read it'
    case 'EISDIR':
      return 'is a folder, expected a file'
    default:
      return `cannot read it (${error.code ?? error.message})`
  }
}

/**
 * Reads one input file, refusing anything that is not a regular file (a FIFO would block
 * forever, a device like `/dev/zero` never ends) and stopping as soon as more than `maxBytes`
 * have been read: the size is checked while reading, not only from `stat` (which reports 0 for
 * devices and files under `/proc`).
 * @param absolute - the file's absolute path
 * @param file - the path as shown in messages
 * @param maxBytes - the size limit
 * @returns the file's bytes
 * @throws ImportError (not-a-file, too-large, unreadable)
 */
export async function readInput(absolute: string, file: string, maxBytes: number): Promise<Uint8Array> {
  let handle: FileHandle | undefined
  try {
    // O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
    handle = await open(absolute, constants.O_RDONLY | constants.O_NONBLOCK)
    const info = await handle.stat()
    if (!info.isFile()) {
      throw new ImportError({rule: 'not-a-file', message: `is ${kindOf(info)}, not a regular file; give a markdown file or folder`, file})
    }
    const tooLarge = (size: string): ImportError =>
      new ImportError({rule: 'too-large', message: `file is ${size} bytes, over the limit of ${maxBytes} bytes (--max-bytes)`, file})
    if (info.size > maxBytes) throw tooLarge(String(info.size))
    const chunks: Buffer[] = []
    let total = 0
    const chunk = Buffer.alloc(64 * 1024)
    for (;;) {
      const {bytesRead} = await handle.read(chunk, 0, chunk.length, null)
      if (bytesRead === 0) break
      total += bytesRead
      // The file grew after stat (or stat lied): stop reading at once.
      if (total > maxBytes) throw tooLarge(`more than ${maxBytes}`)
      chunks.push(Buffer.from(chunk.subarray(0, bytesRead)))
    }
    return Buffer.concat(chunks, total)
  } catch (error) {
    if (error instanceof ImportError) throw error
    throw new ImportError({rule: 'unreadable', message: describeFsError(error as NodeJS.ErrnoException), file})
  } finally {
    await handle?.close()
  }
}

/** What a non-regular path is, for the error message. */
function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a folder'
  if (info.isFIFO()) return 'a FIFO (named pipe)'
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device'
  if (info.isSocket()) return 'a socket'
  return 'not a regular file'
}
