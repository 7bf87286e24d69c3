/**
 * `npm run studio`: `sanity dev --port 3334` with `SANITY_STUDIO_API_TOKEN` set to the local
 * lake's token (`SANITY_LAKE_TOKEN`, else `.data/lake-token`, created if the lake has not run yet),
 * so the Studio can read drafts and save edits. An explicit `SANITY_STUDIO_API_TOKEN` wins. Nothing
 * is set for a host that is not on this machine, and `SANITY_API_TOKEN` is never used
 * (`dev-token.ts`).
 */
import {spawn} from 'node:child_process'
import {config as loadDotenv} from 'dotenv'
import {DEFAULT_LAKE_DIR} from '../lake/defaults.ts'
import {readOrCreateLakeToken} from '../lake/token.ts'
import {readVariables} from '../config/load.ts'
import {devStudioToken} from './dev-token.ts'
import {checkedStudioEnv, StudioTargetError, type StudioEnv} from './env.ts'

// Where each value comes from, read before .env is merged into the environment.
const vars = readVariables()
loadDotenv({quiet: true})
const env = {...process.env}
let target: StudioEnv
try {
  target = checkedStudioEnv(env, vars)
} catch (error) {
  // A real project id aimed at this machine, or a bad dataset name: one line, no dev server.
  if (!(error instanceof StudioTargetError)) throw error
  process.stderr.write(`studio: ${error.message}\n`)
  process.exit(1)
}
const token = devStudioToken(env, target.apiHost, () => readOrCreateLakeToken(DEFAULT_LAKE_DIR))
if (token) env.SANITY_STUDIO_API_TOKEN = token
process.stdout.write(`studio: project ${target.projectId}, dataset ${target.dataset}, API ${target.apiHost ?? `https://${target.projectId}.api.sanity.io`}\n`)
const child = spawn('sanity', ['dev', '--port', '3334', ...process.argv.slice(2)], {stdio: 'inherit', env})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
child.on('error', (error) => {
  process.stderr.write(`studio: cannot start sanity dev (${error.message})\n`)
  process.exit(1)
})
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
