/**
 * The lake's command-line flags, parsed (kept apart from cli.ts, which starts the lake on import).
 */
import {parseArgs} from 'node:util'
import type {LakeOptions} from './server.ts'
import {DEFAULT_LAKE_PORT} from './defaults.ts'
import {DEFAULT_STUDIO_ORIGINS, normalizeOrigin} from './security/cors.ts'

/** A command-line mistake: reported as one line, exit code 2. */
export class UsageError extends Error {}

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
      // `--no-tls`: plain HTTP only. `--tls` (the default) is still accepted.
      allowNegative: true,
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
        'studio-origin': {type: 'string', multiple: true},
        private: {type: 'boolean'},
        'assets-root': {type: 'string', multiple: true},
        'query-timeout': {type: 'string'},
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
  const port = number('port', values.port, 0, 65535) ?? DEFAULT_LAKE_PORT
  if (!Number.isInteger(port)) throw new UsageError(`--port must be an integer, got "${values.port}"`)
  const studioOrigins = values['studio-origin']?.map((origin) => {
    const normalized = normalizeOrigin(origin)
    if (!normalized) throw new UsageError(`--studio-origin must be an http(s) origin such as http://localhost:3334, got "${origin}"`)
    return normalized
  })
  const queryTimeoutMs = number('query-timeout', values['query-timeout'], 100, 600_000)
  return {
    port,
    dir: values.dir ?? '.data',
    // Never SANITY_API_TOKEN: that is a real project's token, which the local lake must not hold.
    token: values.token ?? process.env.SANITY_LAKE_TOKEN,
    failRate: number('fail-rate', values['fail-rate'], 0, 1),
    throttleRate: number('throttle-rate', values['throttle-rate'], 0, 1),
    seed: number('seed', values.seed, -(2 ** 31), 2 ** 32),
    projectId: values['project-id'],
    requestLogFile: values['request-log'],
    tls: values.tls,
    // The dev server's origins stay allowed next to the ones given.
    ...(studioOrigins ? {studioOrigins: [...DEFAULT_STUDIO_ORIGINS, ...studioOrigins]} : {}),
    ...(values.private ? {private: true} : {}),
    ...(values['assets-root'] ? {assetRoots: values['assets-root']} : {}),
    ...(queryTimeoutMs !== undefined ? {limits: {queryTimeoutMs}} : {}),
  }
}
