/** Running a Node script of this repository as a child process, under this Node. */
import {spawn} from 'node:child_process'
import path from 'node:path'

const repoRoot = path.resolve(import.meta.dirname, '../..')

/**
 * Runs a Node script in the repository root and waits for it.
 * @param args - script and arguments, e.g. `['node_modules/sanity/bin/sanity', 'build', …]`
 * @param env - extra environment variables
 * @param label - what failed, in the error message (default: the command line)
 * @returns the combined output
 * @throws Error with the end of the output when the exit code is not 0
 */
export function runNode(args: string[], env: Record<string, string> = {}, label = `node ${args.join(' ')}`): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: repoRoot,
      // Sub-processes the script starts must find this Node (24), not the system one.
      env: {...process.env, ...env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0) resolve(output)
      else reject(new Error(`${label} exited with ${code}:\n${output.slice(-2000)}`))
    })
  })
}
