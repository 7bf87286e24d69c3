/**
 * `npm run lake -- [--port <n>] [--dir <folder>] [--token <token>] [--fail-rate <0..1>]
 * [--throttle-rate <0..1>] [--seed <n>] [--project-id <id>] [--request-log <file>] [--no-tls]
 * [--studio-origin <origin>]… [--private] [--assets-root <folder>]… [--query-timeout <ms>]`
 *
 * Serves the local Content Lake (plain HTTP and HTTPS on one port) until SIGINT/SIGTERM.
 * Never prints the token.
 */
import path from 'node:path'
import {config as loadDotenv} from 'dotenv'
import {parseCliArgs, UsageError} from './cli-args.ts'
import {describeOpen} from './open-report.ts'
import {startLake} from './server.ts'
import {lakeTokenFile} from './token.ts'
import {closeOnSignal} from './close-on-signal.ts'

async function main(): Promise<void> {
  loadDotenv({quiet: true})
  const options = parseCliArgs(process.argv.slice(2))
  const lake = await startLake({
    ...options,
    onDatasetOpen: (report) => {
      for (const line of describeOpen(report)) process.stderr.write(`lake: ${line}\n`)
      const ingested = report.snapshotAssets?.created ?? 0
      if (ingested > 0) process.stdout.write(`lake: ${report.dataset}: ingested ${ingested} asset file(s) named by the snapshot\n`)
    },
  })
  const urls = lake.secureUrl ? `${lake.url} and ${lake.secureUrl}` : lake.url
  process.stdout.write(`lake listening on ${urls} (data: ${options.dir})\n`)
  if (!options.token?.trim()) process.stdout.write(`token: in ${lakeTokenFile(options.dir)} (readable only by you; npm run studio, push and query read .data/lake-token)\n`)
  if (lake.secureUrl) {
    process.stdout.write(
      `browsers (the Studio): accept the self-signed certificate in ${path.join(options.dir, 'tls')} once at ${lake.secureUrl}/v1/ping\n`,
    )
  }
  closeOnSignal(lake, 'lake')
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error)
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'EADDRINUSE') process.stderr.write(`lake: the port is already in use (${message})\n`)
  else process.stderr.write(`lake: ${message}\n`)
  process.exit(error instanceof UsageError ? 2 : 1)
})
