/**
 * Runs tasks concurrently and hands their results back in input order, with at most `window`
 * tasks started but not yet consumed: memory stays bounded however the corpus is ordered and
 * whatever the scheduling.
 * @param items - the inputs, in order
 * @param run - starts one task
 * @param window - how many may run (or wait to be consumed) at once
 * @returns the results, in the order of `items`
 */
export async function* mapInOrder<T, R>(items: readonly T[], run: (item: T) => Promise<R>, window: number): AsyncGenerator<R> {
  const pending: Array<Promise<R>> = []
  let next = 0
  const fill = (): void => {
    while (next < items.length && pending.length < Math.max(1, window)) {
      const started = run(items[next++]!)
      // Handled when its turn comes; until then a rejection must not count as unhandled.
      started.catch(() => undefined)
      pending.push(started)
    }
  }
  fill()
  while (pending.length > 0) {
    const result = await pending.shift()!
    fill()
    yield result
  }
}
