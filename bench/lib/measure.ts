/** Timing helpers: warm-up, then the median of several runs (the machine is shared; medians resist noise). */

/** Median of a list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

/**
 * @param run - the work to time
 * @param options - warm-up calls and timed runs
 * @returns the median wall time of one call, in milliseconds
 */
export function medianMs(run: () => unknown, options: {warmup: number; runs: number}): number {
  for (let i = 0; i < options.warmup; i++) run()
  const times: number[] = []
  for (let i = 0; i < options.runs; i++) {
    const start = performance.now()
    run()
    times.push(performance.now() - start)
  }
  return median(times)
}

/**
 * Times several contenders in interleaved rounds, so a burst of load elsewhere hits all alike.
 * @returns each contender's median in milliseconds
 */
export function interleavedMedians(contenders: Record<string, () => unknown>, options: {warmup: number; runs: number}): Record<string, number> {
  const names = Object.keys(contenders)
  for (const name of names) for (let i = 0; i < options.warmup; i++) contenders[name]!()
  const times: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]))
  for (let round = 0; round < options.runs; round++) {
    for (const name of names) {
      const start = performance.now()
      contenders[name]!()
      times[name]!.push(performance.now() - start)
    }
  }
  return Object.fromEntries(names.map((name) => [name, median(times[name]!)]))
}

/** A markdown table from rows of cells (first row is the header). */
export function markdownTable(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const [header, ...body] = rows.map((row) => row.map(String))
  if (!header) return ''
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...body.map((row) => `| ${row.join(' | ')} |`)].join('\n')
}
