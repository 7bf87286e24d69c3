/**
 * `npm run studio:offline -- [--port <n>] [--dir <folder>]`: the Studio with no Sanity servers,
 * in one command. Imports the bundled sample when the data folder has no dataset yet, builds the
 * Studio when its sources changed, starts the local lake serving the Studio from its own origin,
 * and prints the one address to open. Stops cleanly on Ctrl+C.
 */
import {spawn} from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import {parseArgs} from 'node:util'
import {config as loadDotenv} from 'dotenv'
import {DEFAULT_DATASET, DEFAULT_LAKE_PORT} from '../../lake/defaults.ts'
import {describeOpen} from '../../lake/open-report.ts'
import {startLake} from '../../lake/server.ts'
import {resolveToken} from '../../lake/token.ts'
import {ensureStudioBuild, repoRoot} from './build.ts'
import {closeOnSignal} from '../../lake/close-on-signal.ts'

class UsageError extends Error {}

interface Options {
  port: number
  dir: string
}

function parseOptions(argv: string[]): Options {
  let values
  try {
    ;({values} = parseArgs({args: argv, strict: true, allowPositionals: false, options: {port: {type: 'string'}, dir: {type: 'string'}}}))
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
  const port = values.port === undefined ? DEFAULT_LAKE_PORT : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535 || values.port?.trim() === '') {
    throw new UsageError(`--port must be an integer from 0 to 65535, got "${values.port}"`)
  }
  return {port, dir: path.resolve(values.dir ?? '.data')}
}

/** Run the importer's CLI with its defaults (the bundled content, with images) into `out`. */
function importSample(out: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'importer/cli.ts'), '--out', out], {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let errors = ''
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0) resolve()
      else reject(new Error(`the import of the bundled sample failed (exit ${code}):\n${errors.trim().split('\n').slice(-5).join('\n')}`))
    })
  })
}

async function main(): Promise<void> {
  loadDotenv({quiet: true})
  const options = parseOptions(process.argv.slice(2))
  const say = (line: string): void => void process.stdout.write(`${line}\n`)
  const dataset = process.env.SANITY_DATASET?.trim() || DEFAULT_DATASET
  const snapshot = path.join(options.dir, `${dataset}.ndjson`)
  if (!fs.existsSync(snapshot)) {
    say(`no local dataset yet: importing the bundled sample report into ${path.relative(process.cwd(), snapshot)}…`)
    fs.mkdirSync(options.dir, {recursive: true})
    await importSample(snapshot)
  }
  // The lake's own token, as `npm run lake` takes it (SANITY_LAKE_TOKEN, else the folder's file).
  const token = resolveToken(undefined, process.env.SANITY_LAKE_TOKEN, options.dir)
  const studioDir = path.join(options.dir, 'studio')
  // The lake first: a busy port fails at once, not after a build. Until the build is in place
  // the Studio's address answers "not built yet".
  const lake = await startLake({
    port: options.port,
    dir: options.dir,
    token,
    studio: {dir: studioDir},
    onDatasetOpen: (report) => describeOpen(report).forEach((line) => process.stderr.write(`lake: ${line}\n`)),
  })
  try {
    await ensureStudioBuild(studioDir, {token, dataset}, say)
  } catch (error) {
    await lake.close()
    throw error
  }
  say('')
  say(`Studio ready. Open: ${lake.url}/`)
  say(`  (it leads to ${lake.secureUrl ?? lake.url}/, where the browser asks once to trust this computer's own certificate; the page explains it)`)
  say(`  data: ${path.relative(process.cwd(), options.dir) || '.'}  ·  stop with Ctrl+C`)
  closeOnSignal(lake, 'studio:offline')
}

main().catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code
  const message = error instanceof Error ? error.message : String(error)
  process.stderr.write(
    code === 'EADDRINUSE' ? `studio:offline: the port is already in use; pick another with --port <n>\n` : `studio:offline: ${message}\n`,
  )
  process.exit(error instanceof UsageError ? 2 : 1)
})
