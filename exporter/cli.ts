/**
 * `npm run export -- --year <y> [--out file.md] [--dataset file.ndjson] [--remote] [--perspective published|drafts|raw]`:
 * a report's documents back out as markdown (stdout without `--out`). Reads the same view of the
 * data as `query` and `render` (a line on stderr says which). See exporter/README.md.
 */
import {parseArgs} from 'node:util'
import {loadTargetIfUsable} from '../config/load.ts'
import {writeFileAtomic} from '../importer/sinks/ndjson.ts'
import {DataViewError, openDataView, type ReadPerspective} from '../queries/data-view.ts'
import {assetImageUrl, imageHostOf} from '../render/images.ts'
import {ExportError, exportReport} from './index.ts'

const USAGE = 'usage: npm run export -- --year <yyyy> [--out <file.md>] [--dataset <file.ndjson>] [--remote] [--perspective published|drafts|raw]'

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  let values
  try {
    ;({values} = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        year: {type: 'string', short: 'y'},
        out: {type: 'string', short: 'o'},
        dataset: {type: 'string', short: 'd'},
        remote: {type: 'boolean', default: false},
        perspective: {type: 'string'},
        help: {type: 'boolean', short: 'h', default: false},
      },
    }))
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0])
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  if (!values.year || !/^\d{4}$/.test(values.year.trim())) throw new UsageError(`--year must be a four-digit year, got "${values.year ?? ''}"`)
  const perspective = (values.perspective ?? 'published') as ReadPerspective
  if (!['published', 'drafts', 'raw'].includes(perspective)) throw new UsageError(`--perspective must be one of published, drafts, raw, got "${perspective}"`)
  if (values.out !== undefined && values.out.trim() === '') throw new UsageError('--out needs a path')
  const view = await openDataView({dataset: values.dataset, remote: values.remote, perspective})
  process.stderr.write(`${view.description}\n`)
  // Images stored without `src` get their asset's URL from the id and the target (the API the
  // documents came from, else the configured one), not from where a lake ran when it was uploaded.
  const target = view.target ?? loadTargetIfUsable()
  const host = target ? imageHostOf(target, true) : undefined
  const assetUrl = host ? (id: string) => assetImageUrl(host, id) : undefined
  const {markdown, warnings} = await exportReport((query, params) => view.fetch(query, params), Number(values.year), assetUrl ? {assetUrl} : {})
  for (const warning of warnings) process.stderr.write(`${warning.at}: warning: ${warning.message}\n`)
  if (values.out) {
    await writeFileAtomic(values.out, markdown)
    process.stderr.write(`wrote ${values.out} (${Buffer.byteLength(markdown)} bytes, ${warnings.length} warnings)\n`)
  } else {
    process.stdout.write(markdown)
  }
  return 0
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    const known = error instanceof UsageError || error instanceof ExportError || error instanceof DataViewError
    process.stderr.write(`error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`)
    if (error instanceof UsageError) process.stderr.write(`${USAGE}\n`)
    if (!known && process.env.DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`)
    process.exitCode = error instanceof UsageError ? 2 : known ? 1 : 70
  },
)
