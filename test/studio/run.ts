/** Running the project's own commands (importer, Sanity CLI) from a test, under this Node. */
import {spawn} from 'node:child_process'
import path from 'node:path'
import {finishOfflineBuild} from '../../studio/offlineVite'

/** The repository root. */
export const repoRoot = path.resolve(import.meta.dirname, '../..')

/**
 * Run a Node script (TypeScript through tsx) in the repository root and wait for it.
 *
 * @param args - script and arguments, e.g. `['--import', 'tsx', 'importer/cli.ts', ...]`
 * @param env - extra environment variables
 * @returns the combined output
 * @throws Error with the output when the exit code is not 0
 */
export function runNode(args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: repoRoot,
      // Sub-processes the CLI starts must find this Node (24), not the system one.
      env: {...process.env, ...env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0) resolve(output)
      else reject(new Error(`node ${args.join(' ')} exited with ${code}:\n${output.slice(-2000)}`))
    })
  })
}

/**
 * Build the Studio into `outDir` aimed at a lake: Vite bakes `SANITY_STUDIO_*` into the bundle at
 * build time, so the lake's URL must be known before building.
 *
 * @param outDir - output folder
 * @param apiHost - the lake's URL
 * @returns the CLI output
 */
export async function buildStudio(outDir: string, apiHost: string): Promise<string> {
  const output = await runNode([path.join(repoRoot, 'node_modules/sanity/bin/sanity'), 'build', outDir, '--yes'], {
    SANITY_STUDIO_API_HOST: apiHost,
    SANITY_STUDIO_PROJECT_ID: 'offline',
    SANITY_STUDIO_DATASET: 'production',
  })
  // As `npm run studio:build` does: the built index page loads nothing from other hosts.
  await finishOfflineBuild(outDir, apiHost)
  return output
}
