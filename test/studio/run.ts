/** Running the project's own commands (importer, Sanity CLI) from a test, under this Node. */
import {spawn} from 'node:child_process'
import path from 'node:path'

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
