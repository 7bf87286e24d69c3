import {readdir, readFile, stat} from 'node:fs/promises'
import path from 'node:path'
import {ImportError} from './diagnostics'

/** Markdown file names a folder import picks up. */
const MARKDOWN = /\.(md|markdown)$/i

/**
 * Expands one command-line path into markdown files: a file as given, a folder searched
 * recursively for `*.md` / `*.markdown` (hidden folders and node_modules skipped), sorted.
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
  if (found.length === 0) throw new ImportError({rule: 'no-markdown', message: 'folder has no markdown files (*.md, *.markdown)', file: given})
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
    else if (entry.isFile() && MARKDOWN.test(entry.name)) files.push(child)
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
 * Reads one input file, refusing it when it is over the size limit.
 * @param absolute - the file's absolute path
 * @param file - the path as shown in messages
 * @param maxBytes - the size limit
 * @returns the file's bytes
 * @throws ImportError (too-large, unreadable)
 */
export async function readInput(absolute: string, file: string, maxBytes: number): Promise<Uint8Array> {
  try {
    const info = await stat(absolute)
    if (info.size > maxBytes) {
      throw new ImportError({rule: 'too-large', message: `file is ${info.size} bytes, over the limit of ${maxBytes} bytes (--max-bytes)`, file})
    }
    return await readFile(absolute)
  } catch (error) {
    if (error instanceof ImportError) throw error
    throw new ImportError({rule: 'unreadable', message: describeFsError(error as NodeJS.ErrnoException), file})
  }
}
