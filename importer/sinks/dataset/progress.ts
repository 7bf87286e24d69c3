/**
 * Progress of a push: one `\r`-rewritten bar on a terminal; plain lines (at most about ten per
 * phase) when the output is a log file or a pipe.
 */

export interface ProgressOptions {
  isTTY: boolean
  /** Complete lines. */
  log: (line: string) => void
  /** Raw output for the bar (no newline added). */
  write: (chunk: string) => void
  /** Bar width in characters. */
  width?: number
}

export interface Progress {
  /** Starts a phase of `total` steps. */
  start(label: string, total: number): void
  /** Records `steps` more done. */
  advance(steps?: number): void
  /** Ends the phase (the bar's line is finished). */
  done(): void
  /** Prints a line without breaking the bar. */
  log(line: string): void
}

/**
 * The bar's text.
 * @param label - the phase
 * @param done - steps done
 * @param total - steps in all
 * @param width - bar width
 * @returns e.g. `writing documents [#####-----] 5/10`
 */
export function renderBar(label: string, done: number, total: number, width = 24): string {
  const share = total === 0 ? 1 : Math.min(1, done / total)
  const filled = Math.round(share * width)
  return `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`
}

/**
 * Creates the reporter that fits the output.
 * @param options - where lines and the bar go
 * @returns the reporter
 */
export function createProgress(options: ProgressOptions): Progress {
  const width = options.width ?? 24
  let label = ''
  let total = 0
  let count = 0
  let barShown = false
  let lastLoggedTenth = -1

  const draw = (): void => {
    options.write(`\r${renderBar(label, count, total, width)}`)
    barShown = true
  }
  const clearBar = (): void => {
    if (!barShown) return
    options.write(`\r${' '.repeat(renderBar(label, count, total, width).length)}\r`)
    barShown = false
  }

  return {
    start(newLabel, newTotal) {
      label = newLabel
      total = newTotal
      count = 0
      lastLoggedTenth = -1
      if (options.isTTY) draw()
    },
    advance(steps = 1) {
      count += steps
      if (options.isTTY) return draw()
      const tenth = total === 0 ? 10 : Math.floor((count / total) * 10)
      if (tenth > lastLoggedTenth || count === total) {
        lastLoggedTenth = tenth
        options.log(`${label}: ${count}/${total}`)
      }
    },
    done() {
      if (options.isTTY && barShown) {
        options.write('\n')
        barShown = false
      }
    },
    log(line) {
      const wasShown = barShown
      clearBar()
      options.log(line)
      if (wasShown) draw()
    },
  }
}
