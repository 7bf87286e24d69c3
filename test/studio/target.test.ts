/**
 * A Studio for a real project never talks to this machine: `sanity build` and `npm run studio`
 * refuse a real project id next to a loopback API host (naming the variable to clear), and a
 * build for a real project bakes no loopback address into the bundle.
 */
import {spawn} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {parse} from 'dotenv'
import {afterAll, describe, expect, test} from 'vitest'
import {repoRoot} from './run.ts'

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-target-'))
afterAll(() => fs.rmSync(scratch, {recursive: true, force: true}))

/** A repository command under this Node, stopped after `timeoutMs` (a dev server would run forever). */
function run(args: string[], env: Record<string, string>, timeoutMs = 120_000): Promise<{code: number | null; output: string}> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: repoRoot,
      // Nothing of the machine's own configuration: only what the test sets.
      env: {...process.env, SANITY_PROJECT_ID: '', SANITY_DATASET: '', SANITY_API_HOST: '', SANITY_STUDIO_API_HOST: '', SANITY_STUDIO_PROJECT_ID: '', ...env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({code, output})
    })
  })
}

const sanity = path.join(repoRoot, 'node_modules/sanity/bin/sanity')
const tsx = ['--import', 'tsx']

describe('a real project id with a loopback API host', () => {
  test('`sanity build` stops, naming the variable to clear, and writes no bundle', async () => {
    const out = path.join(scratch, 'refused')
    const result = await run([sanity, 'build', out, '--yes'], {SANITY_PROJECT_ID: 'abc123xy', SANITY_STUDIO_API_HOST: 'https://127.0.0.1:3333'})
    expect(result.code).not.toBe(0)
    expect(result.output.replace(/\s*›\s*/g, ' ')).toMatch(/SANITY_STUDIO_API_HOST=.*points at this machine.*clear SANITY_STUDIO_API_HOST/)
    expect(fs.existsSync(path.join(out, 'index.html'))).toBe(false)
  }, 180_000)

  test('`npm run studio` stops with one line before starting the dev server', async () => {
    const result = await run([...tsx, 'studio/dev.ts'], {SANITY_PROJECT_ID: 'abc123xy', SANITY_API_HOST: 'http://127.0.0.1:3333'}, 30_000)
    expect(result.code).toBe(1)
    // The value as the user set it, and where.
    expect(result.output.trim()).toMatch(/^studio: SANITY_API_HOST="http:\/\/127\.0\.0\.1:3333" \(from the environment\) points at this machine.*clear SANITY_API_HOST/)
  }, 60_000)
})

test('.env.example with a real project id filled in builds a Studio with no loopback address in it', async () => {
  const saved = {...process.env}
  try {
    // What a new user does: copy the example, fill in the project id (the Sanity CLI loads .env).
    const example = parse(fs.readFileSync(path.join(repoRoot, '.env.example')))
    for (const name of Object.keys(process.env)) if (name.startsWith('SANITY_')) delete process.env[name]
    Object.assign(process.env, example, {SANITY_PROJECT_ID: 'abc123xy'})
    // The very function `sanity build` calls for its Vite configuration.
    const {default: cli} = await import('../../studio/sanity.cli.ts')
    const vite = cli.vite as (config: Record<string, unknown>) => {define: Record<string, string>; plugins: unknown[]}
    const built = vite({define: {}, plugins: []})
    expect(built.define['process.env.SANITY_STUDIO_PROJECT_ID']).toBe('"abc123xy"')
    expect(built.define['process.env.SANITY_STUDIO_API_HOST']).toBe('""')
    expect(JSON.stringify(built.define)).not.toMatch(/127\.0\.0\.1|localhost/)
    expect(built.plugins).toEqual([])
  } finally {
    process.env = saved
  }
})
