/**
 * The lake as a child process (one node process, so SIGKILL really stops the server), for
 * tests that crash it mid-push.
 */
import {spawn, type ChildProcess} from 'node:child_process'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export interface LakeProcess {
  url: string
  port: number
  child: ChildProcess
  /** SIGKILL, resolved once the process is gone. */
  kill: () => Promise<void>
}

/**
 * Starts `lake/cli.ts` and waits for its `lake listening on …` line.
 * @param dir - data folder
 * @param token - the token it accepts
 * @param port - 0 for any free port
 * @returns the running lake
 */
export function spawnLake(dir: string, token: string, port = 0): Promise<LakeProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'lake/cli.ts'), '--port', String(port), '--dir', dir, '--token', token],
    {cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe']},
  )
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return new Promise((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`lake did not start: ${output}`)), 30_000)
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /lake listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(output)
      if (!match?.[1] || !match[2]) return
      clearTimeout(timer)
      resolve({
        url: match[1],
        port: Number(match[2]),
        child,
        kill: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
          await exited
        },
      })
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`lake exited (${code}): ${output}`))
    })
  })
}
