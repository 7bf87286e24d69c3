import type {SourcePoint} from '../diagnostics.ts'

/**
 * The 1-based line and column of a character offset in a text.
 * @param text - the text the offset points into
 * @param offset - a 0-based UTF-16 offset
 * @returns its line and column (columns count UTF-16 units, as mdast's do)
 */
export function pointAt(text: string, offset: number): SourcePoint {
  let line = 1
  let lineStart = 0
  const end = Math.min(offset, text.length)
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return {line, column: end - lineStart + 1}
}
