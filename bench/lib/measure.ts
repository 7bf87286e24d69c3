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

/** One contender's medians: wall time, and CPU time of the process (robust to a busy machine). */
export interface Timing {
  wallMs: number
  cpuMs: number
}

/**
 * Times several contenders in interleaved rounds, so a burst of load elsewhere hits all alike.
 * CPU time (user + system of this process) is what to compare on a shared machine: wall time
 * also counts the time other processes had the core.
 * @returns each contender's medians
 */
export function interleavedMedians(contenders: Record<string, () => unknown>, options: {warmup: number; runs: number}): Record<string, Timing> {
  const names = Object.keys(contenders)
  for (const name of names) for (let i = 0; i < options.warmup; i++) contenders[name]!()
  const wall: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]))
  const cpu: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]))
  for (let round = 0; round < options.runs; round++) {
    for (const name of names) {
      const startCpu = process.cpuUsage()
      const start = performance.now()
      contenders[name]!()
      wall[name]!.push(performance.now() - start)
      const used = process.cpuUsage(startCpu)
      cpu[name]!.push((used.user + used.system) / 1000)
    }
  }
  return Object.fromEntries(names.map((name) => [name, {wallMs: median(wall[name]!), cpuMs: median(cpu[name]!)}]))
}

/** A markdown table from rows of cells (first row is the header). */
export function markdownTable(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const [header, ...body] = rows.map((row) => row.map(String))
  if (!header) return ''
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...body.map((row) => `| ${row.join(' | ')} |`)].join('\n')
}
