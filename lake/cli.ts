/**
 * `npm run lake -- [--port <n>] [--dir <folder>] [--token <token>] [--fail-rate <0..1>]
 * [--throttle-rate <0..1>] [--seed <n>] [--project-id <id>] [--request-log <file>] [--tls]`
 *
 * Serves the local Content Lake until SIGINT/SIGTERM. Never prints the token.
 */
import {parseArgs} from 'node:util'
import {config as loadDotenv} from 'dotenv'
import {startLake, type LakeOptions} from './server'

/** A command-line mistake: reported as one line, exit code 2. */
class UsageError extends Error {}

/**
 * Turn command-line arguments into lake options.
 *
 * @param argv - arguments after the script name
 * @returns options for startLake
 * @throws UsageError for unknown flags or bad numbers
 */
export function parseCliArgs(argv: string[]): LakeOptions & {port: number; dir: string} {
  let values
  try {
    ;({values} = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: {type: 'string'},
        dir: {type: 'string'},
        token: {type: 'string'},
        'fail-rate': {type: 'string'},
        'throttle-rate': {type: 'string'},
        seed: {type: 'string'},
        'project-id': {type: 'string'},
        'request-log': {type: 'string'},
        tls: {type: 'boolean'},
      },
    }))
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
  const number = (flag: string, value: string | undefined, min: number, max: number): number | undefined => {
    if (value === undefined) return undefined
    const parsed = Number(value)
    if (value.trim() === '' || !Number.isFinite(parsed) || parsed < min || parsed > max) {
      throw new UsageError(`--${flag} must be a number from ${min} to ${max}, got "${value}"`)
    }
    return parsed
  }
  const port = number('port', values.port, 0, 65535) ?? 3333
  if (!Number.isInteger(port)) throw new UsageError(`--port must be an integer, got "${values.port}"`)
  return {
    port,
    dir: values.dir ?? '.data',
    token: values.token ?? process.env.SANITY_API_TOKEN,
    failRate: number('fail-rate', values['fail-rate'], 0, 1),
    throttleRate: number('throttle-rate', values['throttle-rate'], 0, 1),
    seed: number('seed', values.seed, -(2 ** 31), 2 ** 32),
    projectId: values['project-id'],
    requestLogFile: values['request-log'],
    tls: values.tls,
  }
}

async function main(): Promise<void> {
  loadDotenv({quiet: true})
  const options = parseCliArgs(process.argv.slice(2))
  const lake = await startLake({
    ...options,
    onDatasetOpen: (report) => {
      if (report.staleJournal) {
        process.stderr.write(
          `lake: ${report.dataset}: the snapshot changed since the journal was written; discarded the stale journal\n`,
        )
      }
      if (report.tornTail) process.stderr.write(`lake: ${report.dataset}: ignored an incomplete last journal line\n`)
    },
  })
  process.stdout.write(`lake listening on ${lake.url} (data: ${options.dir})\n`)
  if (options.tls) {
    process.stdout.write(`self-signed certificate in ${options.dir}/tls: open ${lake.url}/v1/ping once in the browser and accept it\n`)
  }
  let stopping = false
  const stop = (): void => {
    if (stopping) return
    stopping = true
    lake.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`lake: error while closing: ${error instanceof Error ? error.message : String(error)}\n`)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error)
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'EADDRINUSE') process.stderr.write(`lake: the port is already in use (${message})\n`)
  else process.stderr.write(`lake: ${message}\n`)
  process.exit(error instanceof UsageError ? 2 : 1)
})
