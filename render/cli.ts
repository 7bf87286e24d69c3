/**
 * `npm run render -- [--year <n>] [--dataset <file.ndjson>] [--out <dir>] [--assets <site-root>]`:
 * renders a report of the local dataset to `<out>/<year>/index.html`. See render/README.md.
 */
import {OFFLINE_DEFAULTS, resolveStudioEnv} from '../studio/env'
import {USAGE, UsageError, parseRenderArgs} from './args'
import {RenderError, renderSitePage} from './site'

async function main(argv: string[]): Promise<number> {
  const args = parseRenderArgs(argv, process.env)
  if (args.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  const target = resolveStudioEnv(process.env)
  // Asset references resolve only against a configured project or the local lake; otherwise images keep their `src`.
  const configured = target.apiHost !== undefined || target.projectId !== OFFLINE_DEFAULTS.projectId
  const {file} = await renderSitePage({
    dataset: args.dataset,
    year: args.year,
    out: args.out,
    assets: args.assets,
    imageHost: configured ? {projectId: target.projectId, dataset: target.dataset, ...(target.apiHost ? {baseUrl: target.apiHost} : {})} : undefined,
  })
  process.stdout.write(`${file}\n`)
  return 0
}

try {
  process.exitCode = await main(process.argv.slice(2))
} catch (error) {
  const known = error instanceof UsageError || error instanceof RenderError
  // Input problems get one line; anything else is a bug, but still no stack for the reader.
  process.stderr.write(`error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`)
  if (error instanceof UsageError) process.stderr.write(`${USAGE}\n`)
  if (!known && process.env.DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`)
  process.exitCode = error instanceof UsageError ? 2 : known ? 1 : 70
}
