/**
 * Where a block's text is in its markdown source, for conflict messages (`file:line`). The
 * documents carry no positions per block, so the source file is searched for the start of the
 * block's text (markup between words makes a longer snippet miss, so shorter ones are tried).
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'

/**
 * Finds text in a source file.
 * @param file - `importInfo.source` (relative to `cwd`)
 * @param text - the block's plain text
 * @param cwd - where the import ran
 * @param cache - file contents already read
 * @returns `file:line`, or `file` when the text is not found
 */
export function locateText(file: string, text: string, cwd: string, cache: Map<string, string | undefined>): string {
  if (!cache.has(file)) {
    let content: string | undefined
    try {
      content = readFileSync(path.resolve(cwd, file), 'utf8')
    } catch {
      content = undefined
    }
    cache.set(file, content)
  }
  const content = cache.get(file)
  // An image: its path is the most specific thing to look for.
  const image = /^!\[[^\]]*\]\(([^)\s]+)\)$/.exec(text.trim())
  if (content && image?.[1] && content.includes(image[1])) {
    return `${file}:${content.slice(0, content.indexOf(image[1])).split('\n').length}`
  }
  const words = text.trim().split(/\s+/).filter(Boolean)
  if (!content || words.length === 0) return file
  for (let count = Math.min(words.length, 8); count >= 1; count--) {
    const snippet = words.slice(0, count).join(' ')
    if (snippet.length < 6 && count < words.length) break
    const index = content.indexOf(snippet)
    if (index >= 0) return `${file}:${content.slice(0, index).split('\n').length}`
  }
  return file
}
