import {execFile} from 'node:child_process'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {promisify} from 'node:util'
import {repoRoot} from './helpers.ts'

const exec = promisify(execFile)
const TSX = pathToFileURL(path.join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href

/** What a command printed and how it exited. */
export interface Run {
  code: number
  stdout: string
  stderr: string
}

/**
 * Runs one of the repository's TypeScript commands in a child process, from any working folder,
 * with an environment that names no real project (so nothing leaves the machine).
 * @param script - e.g. `queries/cli.ts`
 * @param args - its arguments
 * @param options - working folder and extra environment
 * @returns exit code and output (never throws on a non-zero exit)
 */
export async function runScript(script: string, args: string[], options: {cwd?: string; env?: Record<string, string>} = {}): Promise<Run> {
  const env = {...process.env, SANITY_PROJECT_ID: '', SANITY_DATASET: '', SANITY_API_TOKEN: '', SANITY_API_HOST: 'http://127.0.0.1:9', ...options.env}
  try {
    const {stdout, stderr} = await exec(process.execPath, ['--import', TSX, path.join(repoRoot, script), ...args], {cwd: options.cwd ?? repoRoot, env, maxBuffer: 64 * 1024 * 1024})
    return {code: 0, stdout, stderr}
  } catch (error) {
    const failed = error as {code?: number; stdout?: string; stderr?: string}
    return {code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? ''}
  }
}
