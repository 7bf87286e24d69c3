import type {Diagnostics} from '../diagnostics.ts'

/**
 * The deepest leading indentation (in columns) parsed as written. micromark re-checks every
 * open container on every line, so a list nested hundreds deep costs time quadratic in its
 * depth (a 1,000-deep list: over a minute). Real reports nest a handful of levels; 128 columns
 * is 64 levels of two-space lists, far beyond what the Portable Text converter keeps anyway.
 */
export const MAX_INDENT_COLUMNS = 128

const TAB_STOP = 4

/** Columns of a run of spaces and tabs, with tabs to the next multiple of four (CommonMark). */
function columnsOf(whitespace: string): number {
  let columns = 0
  for (const char of whitespace) columns = char === '\t' ? columns + TAB_STOP - (columns % TAB_STOP) : columns + 1
  return columns
}

/**
 * Caps the leading indentation of each line at {@link MAX_INDENT_COLUMNS}, so pathological
 * nesting parses in linear time. Lines keep their numbers; every capped run of lines is
 * reported once, at its first line, because it flattens nesting the writer meant.
 * @param source - the decoded markdown
 * @param diagnostics - where the located warning goes
 * @param maxColumns - the cap (tests use smaller ones)
 * @returns the text to parse (the same string when nothing was capped)
 */
export function limitIndentation(source: string, diagnostics: Diagnostics, maxColumns = MAX_INDENT_COLUMNS): string {
  // Fast path: no line is indented that deep.
  if (!new RegExp(`^[ \\t]{${Math.ceil(maxColumns / TAB_STOP) + 1},}`, 'm').test(source)) return source
  const lines = source.split('\n')
  let capped = 0
  let runStart = -1
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!
    const indent = /^[ \t]*/.exec(line)![0]
    const columns = columnsOf(indent)
    if (columns > maxColumns) {
      lines[index] = ' '.repeat(maxColumns) + line.slice(indent.length)
      capped++
      if (runStart < 0) {
        runStart = index
        diagnostics.warn(
          'deep-indentation',
          `indentation of ${columns} columns reduced to ${maxColumns}: nesting deeper than that is flattened`,
          {line: index + 1, column: 1},
        )
      }
    } else if (line.trim() !== '') {
      runStart = -1
    }
  }
  return capped > 0 ? lines.join('\n') : source
}
