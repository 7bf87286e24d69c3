/**
 * `npm run render -- [--year <n>] [--dataset <file.ndjson>] [--out <dir>] [--assets <site-root>] [--serve [--port <n>]]`:
 * renders a report to `<out>/<year>/index.html` from one view of the data (the running lake,
 * else the snapshot; a line on stderr says which). See render/README.md.
 */
import path from 'node:path'
import {loadTargetIfUsable} from '../config/load.ts'
import {DataViewError, openDataView} from '../queries/data-view.ts'
import {USAGE, UsageError, parseRenderArgs} from './args.ts'
import {imageHostOf} from './images.ts'
import {servePage} from './serve.ts'
import {RenderError, renderSitePage} from './site.ts'

async function main(argv: string[]): Promise<number> {
  const args = parseRenderArgs(argv)
  if (args.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  const view = await openDataView({dataset: args.dataset})
  process.stderr.write(`${view.description}\n`)
  // Asset references point at the API the documents came from, or a real project's CDN; a
  // snapshot of the offline lake shows its own files (render/local-images.ts).
  const target = view.target ?? loadTargetIfUsable()
  const rendered = await renderSitePage({
    source: view,
    year: args.year,
    out: args.out,
    assets: args.assets,
    siteRootImages: args.serve,
    imageHost: target ? imageHostOf(target, view.kind !== 'snapshot') : undefined,
    snapshot: view.kind === 'snapshot' && view.file ? {file: view.file, dataset: path.basename(view.file, '.ndjson')} : undefined,
  })
  for (const warning of rendered.warnings) process.stderr.write(`warning: ${warning}\n`)
  process.stdout.write(`${rendered.file}\n`)
  if (args.serve) {
    const server = await servePage({html: rendered.html, year: rendered.year, assets: args.assets, files: rendered.files, port: args.port})
    process.stdout.write(`serving ${server.url} (Ctrl-C stops)\n`)
    await new Promise<void>((resolve) => {
      const stop = () => void server.close().then(resolve)
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
  }
  return 0
}

try {
  process.exitCode = await main(process.argv.slice(2))
} catch (error) {
  const known = error instanceof UsageError || error instanceof RenderError || error instanceof DataViewError
  // Input problems get one line; anything else is a bug, but still no stack for the reader.
  const code = (error as NodeJS.ErrnoException).code
  const message = code === 'EADDRINUSE' ? 'the --port is in use; pick another with --port <n>' : error instanceof Error ? error.message.split('\n')[0] : String(error)
  process.stderr.write(`error: ${message}\n`)
  if (error instanceof UsageError) process.stderr.write(`${USAGE}\n`)
  if (!known && code !== 'EADDRINUSE' && process.env.DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`)
  process.exitCode = error instanceof UsageError ? 2 : known || code === 'EADDRINUSE' ? 1 : 70
}
