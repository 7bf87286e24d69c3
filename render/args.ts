import {parseArgs} from 'node:util'
import path from 'node:path'

/** A command line that cannot be run: exit code 2 with the usage line. */
export class UsageError extends Error {
  override name = 'UsageError'
}

export const USAGE = 'usage: npm run render -- [--year <n>] [--dataset <file.ndjson>] [--out <dir>] [--assets <site-root>]'

/** What the command line asked for, with defaults applied. */
export interface RenderArgs {
  /** `undefined`: the newest report in the dataset. */
  year: number | undefined
  dataset: string
  out: string
  /** Folder that site paths (`/img/x.png`) live under; images are then linked relative to the page. */
  assets: string | undefined
  help: boolean
}

/**
 * Parses the render command's arguments strictly (unknown flags and missing values are usage errors).
 * @param argv - arguments after the script name
 * @param env - environment: `SANITY_DATASET` names the default dataset file
 * @returns the arguments with defaults (`.data/<dataset>.ndjson`, `.data/site`)
 * @throws UsageError
 */
export function parseRenderArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): RenderArgs {
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
  const datasetName = env.SANITY_DATASET?.trim() || 'production'
  return {
    year,
    dataset: values.dataset ?? path.join('.data', `${datasetName}.ndjson`),
    out: values.out ?? path.join('.data', 'site'),
    assets: values.assets,
    help: values.help,
  }
}
