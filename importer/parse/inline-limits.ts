/**
 * Inline markup the parser cannot take in time linear in its length is refused before parsing,
 * with the line where it became too much. Emphasis runs are resolved in linear time
 * (`attention.ts`); what remains quadratic in micromark is measured here, per paragraph (a run
 * of non-blank lines outside fenced code), in one pass:
 *
 * - bracket walking: for each `]` micromark walks back to the last `[` or complete link, for
 *   each `](` it scans ahead to the `)` ending the destination, and each complete link walks back
 *   over its own text (a paragraph of `a]`, of `](` never closed, or of brackets nested thousands
 *   deep: time quadratic in its length, a 50 KB one over ten seconds);
 * - constructs that fail (a `]` that ends no link, a `!` not starting an image, a `&` not starting
 *   a character reference, a `\` escaping nothing): each leaves a split in the text that micromark
 *   then merges by moving the rest of the paragraph, so thousands of them cost time quadratic in
 *   their number.
 *
 * A paragraph passes while its walking stays under {@link WORK_PER_BYTE} steps per byte of its
 * length plus {@link WORK_ALLOWANCE}, and the square of its failing constructs under the same:
 * links and prose stay far below (each `]` walks back over its own link text), and whatever
 * passes costs at most linear time.
 */

/** A construct nested or repeated beyond what the parser takes in linear time. */
export class InlineLimitError extends Error {
  readonly rule: string
  readonly line: number
  readonly column: number

  /**
   * @param rule - stable identifier (`bracket-work`, `failed-constructs`, `emphasis-depth`)
   * @param message - what was refused and what to do
   * @param line - 1-based line
   * @param column - 1-based column
   */
  constructor(
    rule: string,
    message: string,
    line: number,
    column: number,
  ) {
    super(message)
    this.rule = rule
    this.line = line
    this.column = column
    this.name = 'InlineLimitError'
  }
}

/** Parser steps a paragraph may cost per byte of its length… */
export const WORK_PER_BYTE = 256
/** …plus this many (small paragraphs never reach it). */
export const WORK_ALLOWANCE = 1_000_000
/** Emphasis nested deeper than this is refused (its cost grows with depth times length). */
export const MAX_EMPHASIS_DEPTH = 1_000

const FENCE = /^ {0,3}(`{3,}|~{3,})/
const BACKSLASH = 92
const OPEN_BRACKET = 91
const CLOSE_BRACKET = 93
const OPEN_PAREN = 40
const CLOSE_PAREN = 41
const BANG = 33
const AMPERSAND = 38

/**
 * Refuse a paragraph the parser would need more than linear time for.
 *
 * @param source - the markdown
 * @throws InlineLimitError (`bracket-work`, `failed-constructs`) naming the line where its allowance ran out
 */
export function checkInlineWork(source: string): void {
  // Fast path: nothing that can fail or walk.
  if (!/[\]!&\\]/.test(source)) return
  let fence: string | undefined
  let paragraph = new InlineWalk(0)
  let lineStart = 0
  let line = 1
  for (;;) {
    const newline = source.indexOf('\n', lineStart)
    const lineEnd = newline < 0 ? source.length : newline
    const text = source.slice(lineStart, lineEnd)
    const opening = FENCE.exec(text)?.[1]
    if (fence !== undefined || opening || text.trim() === '') {
      // Fenced code and blank lines end a paragraph; code is never parsed for inline markup.
      if (fence !== undefined) {
        if (opening && opening[0] === fence[0] && opening.length >= fence.length && text.trim() === opening) fence = undefined
      } else if (opening) {
        fence = opening
      }
      paragraph.end()
      paragraph = new InlineWalk(lineEnd + 1)
    } else {
      paragraph.scan(text, lineStart, line)
    }
    if (newline < 0) break
    lineStart = newline + 1
    line++
  }
  paragraph.end()
}

/** What one paragraph costs, accumulated line by line. */
class InlineWalk {
  private readonly opens: number[] = []
  /** `](` waiting for the `)` their destination scan stops at, with their `[` if any. */
  private readonly pending: Array<{at: number; open: number | undefined}> = []
  /** Where a `]` stops walking back: the last `[` or the end of the last complete link. */
  private stop: number
  private work = 0
  private failures = 0
  private length = 0
  private lastLine = 1

  private readonly start: number

  constructor(start: number) {
    this.start = start
    this.stop = start
  }

  scan(text: string, offset: number, line: number): void {
    this.lastLine = line
    this.length += text.length + 1
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index)
      const next = text.charCodeAt(index + 1)
      const at = offset + index
      if (code === BACKSLASH) {
        // An escape consumes the next character; a backslash before anything else is text.
        if (isAsciiPunctuation(next)) index++
        else this.fail(line, index)
      } else if (code === OPEN_BRACKET) {
        this.opens.push(at)
        this.stop = at
      } else if (code === CLOSE_BRACKET) {
        this.work += at - this.stop
        const open = this.opens.pop()
        if (next === OPEN_PAREN) this.pending.push({at, open})
        else this.fail(line, index)
        this.check(line, index + 1)
      } else if (code === CLOSE_PAREN && this.pending.length > 0) {
        for (const link of this.pending) this.work += at - link.at + (link.open === undefined ? 0 : link.at - link.open)
        this.pending.length = 0
        this.stop = at
        this.check(line, index + 1)
      } else if ((code === BANG && next !== OPEN_BRACKET) || (code === AMPERSAND && !isAsciiAlphanumeric(next) && next !== 35)) {
        this.fail(line, index)
      }
    }
  }

  end(): void {
    const end = this.start + this.length
    for (const link of this.pending) this.work += end - link.at
    this.pending.length = 0
    this.check(this.lastLine, 1)
  }

  private allowance(): number {
    return WORK_ALLOWANCE + WORK_PER_BYTE * this.length
  }

  private fail(line: number, index: number): void {
    this.failures++
    if (this.failures * this.failures <= this.allowance()) return
    throw new InlineLimitError(
      'failed-constructs',
      `this paragraph has more "]", "!", "&" and "\\" that start nothing than the parser takes in linear time (${this.failures}; ` +
        `at most the square root of ${WORK_ALLOWANCE} + ${WORK_PER_BYTE} × its length in bytes). Split the paragraph.`,
      line,
      index + 1,
    )
  }

  private check(line: number, column: number): void {
    if (this.work <= this.allowance()) return
    throw new InlineLimitError(
      'bracket-work',
      `this paragraph's brackets are beyond what the parser takes in linear time (unmatched "]", "](" never closed by ")", or ` +
        `brackets nested thousands deep; limit: ${WORK_PER_BYTE} steps of bracket matching per byte of the paragraph ` +
        `beyond ${WORK_ALLOWANCE}). Escape literal brackets as \\[ \\] or split the paragraph.`,
      line,
      column,
    )
  }
}

function isAsciiPunctuation(code: number): boolean {
  return (code >= 33 && code <= 47) || (code >= 58 && code <= 64) || (code >= 91 && code <= 96) || (code >= 123 && code <= 126)
}

function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)
}
