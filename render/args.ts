import {parseArgs} from 'node:util'
import path from 'node:path'

/** A command line that cannot be run: exit code 2 with the usage line. */
export class UsageError extends Error {
  override name = 'UsageError'
}

export const USAGE = 'usage: npm run render -- [--year <n>] [--dataset <file.ndjson>] [--out <dir>] [--assets <site-root>] [--serve [--port <n>]]'

/** The port `--serve` listens on when none is given. */
export const DEFAULT_SERVE_PORT = 3335

/** What the command line asked for, with defaults applied. */
export interface RenderArgs {
  /** `undefined`: the newest report. */
  year: number | undefined
  /** `undefined`: the running lake, else the snapshot (see `openDataView`). */
  dataset: string | undefined
  out: string
  /** Folder that site paths (`/img/x.png`) live under. */
  assets: string | undefined
  /** Serve the page on 127.0.0.1 after writing it. */
  serve: boolean
  port: number
  help: boolean
}

/**
 * Parses the render command's arguments strictly (unknown flags and missing values are usage errors).
 * @param argv - arguments after the script name
 * @returns the arguments with defaults (`.data/site`, port 3335)
 * @throws UsageError
 */
export function parseRenderArgs(argv: readonly string[]): RenderArgs {
  let values
  try {
    ;({values} = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        year: {type: 'string', short: 'y'},
        dataset: {type: 'string', short: 'd'},
        out: {type: 'string', short: 'o'},
        assets: {type: 'string'},
        serve: {type: 'boolean', default: false},
        port: {type: 'string'},
        help: {type: 'boolean', short: 'h', default: false},
      },
    }))
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'invalid arguments')
  }
  const year = values.year === undefined ? undefined : Number(values.year)
  if (year !== undefined && !(/^\d{4}$/.test(values.year?.trim() ?? '') && Number.isInteger(year))) {
    throw new UsageError(`--year must be a four-digit year, got "${values.year}"`)
  }
  for (const flag of ['dataset', 'out', 'assets'] as const) {
    if (values[flag] !== undefined && values[flag].trim() === '') throw new UsageError(`--${flag} needs a path`)
  }
  const port = values.port === undefined ? DEFAULT_SERVE_PORT : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got "${values.port}"`)
  if (values.port !== undefined && !values.serve) throw new UsageError('--port goes with --serve')
  return {
    year,
    dataset: values.dataset,
    out: values.out ?? path.join('.data', 'site'),
    assets: values.assets,
    serve: values.serve,
    port,
    help: values.help,
  }
}
