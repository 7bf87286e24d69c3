/**
 * `npm run query -- <name|GROQ> [--param name=value]... [--dataset <file.ndjson>] [--remote] [--perspective published|drafts|raw]`
 *
 * Runs one of the frontend queries (by name) or any GROQ text against one view of the data
 * (see `openDataView`): `--dataset` reads that file; `--remote` asks the configured API; otherwise
 * the configured lake when it is running, else the snapshot `.data/<dataset>.ndjson`. A line on
 * stderr says which. API reads use the published perspective unless `--perspective` says otherwise.
 */
import {parseArgs} from 'node:util'
import {namedQueries, type QueryName} from './definitions.ts'
import {DataViewError, openDataView, type ReadPerspective} from './data-view.ts'

const usage =
  'usage: npm run query -- <name|GROQ> [--param name=value]... [--dataset <file.ndjson>] [--remote] [--perspective published|drafts|raw]\n' +
  `names: ${Object.keys(namedQueries).join(', ')}`

const PERSPECTIVES: readonly ReadPerspective[] = ['published', 'drafts', 'raw']

class UsageError extends Error {}

/** `year=2022` → {year: 2022}: JSON when it parses, else the raw string. */
function parseParam(text: string): [string, unknown] {
  const eq = text.indexOf('=')
  if (eq <= 0) throw new UsageError(`--param takes name=value, got "${text}"`)
  const raw = text.slice(eq + 1)
  let value: unknown = raw
  try {
    value = JSON.parse(raw)
  } catch {
    // A bare word is a string parameter.
  }
  return [text.slice(0, eq), value]
}

async function main(argv: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        param: {type: 'string', multiple: true, default: []},
        dataset: {type: 'string'},
        remote: {type: 'boolean', default: false},
        perspective: {type: 'string'},
        help: {type: 'boolean', default: false},
      },
    })
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0])
  }
  if (parsed.values.help) {
    process.stdout.write(`${usage}\n`)
    return 0
  }
  const [target, ...extra] = parsed.positionals
  if (!target || extra.length > 0) throw new UsageError('give exactly one query name or GROQ text')
  const perspective = parsed.values.perspective ?? 'published'
  if (!PERSPECTIVES.includes(perspective as ReadPerspective)) {
    throw new UsageError(`--perspective must be one of ${PERSPECTIVES.join(', ')}, got "${perspective}"`)
  }
  if (parsed.values.dataset && parsed.values.remote) throw new UsageError('--dataset reads a file, --remote asks the API: give one or the other')
  // A bare word is a query name (as GROQ it would only read a field of nothing: null).
  if (!(target in namedQueries) && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(target)) {
    throw new UsageError(`no query named "${target}"; the named queries are: ${Object.keys(namedQueries).join(', ')} (or give GROQ text)`)
  }
  const query = target in namedQueries ? namedQueries[target as QueryName] : target
  const params = Object.fromEntries(parsed.values.param.map(parseParam))

  const view = await openDataView({
    dataset: parsed.values.dataset,
    remote: parsed.values.remote,
    perspective: perspective as ReadPerspective,
  })
  process.stderr.write(`${view.description}\n`)
  const result = await view.fetch(query, params)
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
  return 0
}

// exitCode, not exit(): a large result piped to another program must be flushed first.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error)
    process.stderr.write(`error: ${message}\n`)
    if (error instanceof UsageError) process.stderr.write(`${usage}\n`)
    if (!(error instanceof UsageError || error instanceof DataViewError) && process.env.DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`)
    process.exitCode = error instanceof UsageError ? 2 : 1
  },
)
