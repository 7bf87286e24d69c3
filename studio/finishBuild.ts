/**
 * `npm run studio:build`'s second step: a Studio built for a local lake gets its index page made
 * quiet (studio/offlineVite.ts). Usage: `tsx studio/finishBuild.ts <outDir>`.
 */
import {config as loadDotenv} from 'dotenv'
import {resolveStudioEnv} from './env.ts'
import {finishOfflineBuild, isLoopbackHost} from './offlineVite.ts'

// The same configuration the CLI saw (it loads .env too; the environment wins).
loadDotenv({quiet: true})
const outDir = process.argv[2] ?? 'studio/dist'
const {apiHost} = resolveStudioEnv(process.env)
if (isLoopbackHost(apiHost)) {
  finishOfflineBuild(outDir, apiHost).catch((error: unknown) => {
    process.stderr.write(`studio build: could not finish ${outDir}/index.html: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  })
}
