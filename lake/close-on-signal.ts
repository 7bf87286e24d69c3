/**
 * Shutting a long-running lake down on Ctrl+C or SIGTERM: close once (compaction, open
 * connections), then exit 0, or 1 with one line when closing fails.
 */
import type {Lake} from './server.ts'

/**
 * @param lake - the running lake
 * @param name - the command's name, for the error line
 */
export function closeOnSignal(lake: Pick<Lake, 'close'>, name: string): void {
  let stopping = false
  const stop = (): void => {
    if (stopping) return
    stopping = true
    lake.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${name}: error while closing: ${error instanceof Error ? error.message : String(error)}\n`)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
