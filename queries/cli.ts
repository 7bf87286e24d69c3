/**
 * `npm run query -- <name|GROQ> [--param name=value]... [--dataset <file.ndjson>] [--remote]`
 *
 * Runs one of the frontend queries (by name) or any GROQ text. By default against the local
 * dataset the importer writes (`.data/<dataset>.ndjson`); with `--remote`, through
 * `@sanity/client` against the configured target (a real project, or the local lake).
 */
import {parseArgs} from 'node:util'
import path from 'node:path'
import {namedQueries, type QueryName} from './definitions'
import {readDataset, runLocalQuery} from './run-local'

const usage =
  'usage: npm run query -- <name|GROQ> [--param name=value]... [--dataset <file.ndjson>] [--remote]\n' +
  `names: ${Object.keys(namedQueries).join(', ')}`

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

class UsageError extends Error {}

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
        help: {type: 'boolean', default: false},
      },
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  if (parsed.values.help) {
    process.stdout.write(`${usage}\n`)
    return 0
  }
  const [target, ...extra] = parsed.positionals
  if (!target || extra.length > 0) throw new UsageError('give exactly one query name or GROQ text')
  const query = target in namedQueries ? namedQueries[target as QueryName] : target
  const params = Object.fromEntries(parsed.values.param.map(parseParam))

  let result: unknown
  if (parsed.values.remote) {
    const {createQueryClient} = await import('./remote')
    result = await (await createQueryClient()).fetch(query, params)
  } else {
    const datasetName = process.env.SANITY_DATASET || 'production'
    const file = parsed.values.dataset ?? path.join('.data', `${datasetName}.ndjson`)
    const documents = await readDataset(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new Error(`${file}: no dataset here (run \`npm run import\` first)`)
      throw error
    })
    result = await runLocalQuery(query, documents, params)
  }
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
  return 0
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error)
    process.stderr.write(`error: ${message}\n`)
    if (error instanceof UsageError) process.stderr.write(`${usage}\n`)
    process.exit(error instanceof UsageError ? 2 : 1)
  },
)
