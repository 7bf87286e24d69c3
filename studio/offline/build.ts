/**
 * The offline Studio build (`sanity build`), made once and reused: the output folder holds a
 * stamp of everything the bundle depends on (sources, lockfile, baked environment), and a build
 * runs only when the stamp differs. The bundle is built `same-origin`, so it serves from any
 * lake port. Builds go to a temp folder and are renamed into place, so a failed or concurrent
 * build never leaves a half-written Studio.
 */
import {createHash} from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import {finishOfflineBuild} from '../offlineVite.ts'
import {precompressStatic} from './precompress.ts'
import {runNode} from './run-node.ts'
import {SAME_ORIGIN_API_HOST} from './same-origin.ts'

/** The repository root. */
export const repoRoot = path.resolve(import.meta.dirname, '../..')

/** Folders and files whose content goes into the Studio bundle. */
const INPUTS = ['studio', 'schemas', 'render', 'queries', 'lake/defaults.ts', 'sanity.config.ts', 'sanity.cli.ts', 'package-lock.json']
const SOURCE = /\.(ts|tsx|js|mjs|json|css)$/
const STAMP = '.build-stamp.json'

/** What the bundle is built for. */
export interface StudioBuildTarget {
  /** The lake's write token, baked in as `SANITY_STUDIO_API_TOKEN` (only its hash is stored in the stamp). */
  token: string
  projectId?: string
  dataset?: string
}

/** The result of {@link ensureStudioBuild}. */
export interface StudioBuild {
  dir: string
  /** False when an existing build was reused. */
  built: boolean
}

/**
 * Make sure `outDir` holds a Studio build for `target` and the current sources.
 *
 * @param outDir - where the built Studio lives
 * @param target - token, project and dataset to bake in
 * @param log - told when a build starts (e.g. a line on stdout)
 * @returns the folder, and whether it was built now
 * @throws Error with the CLI's last output lines when `sanity build` fails
 */
export async function ensureStudioBuild(outDir: string, target: StudioBuildTarget, log: (line: string) => void = () => {}): Promise<StudioBuild> {
  const env = {
    SANITY_STUDIO_API_HOST: SAME_ORIGIN_API_HOST,
    SANITY_STUDIO_PROJECT_ID: target.projectId ?? 'offline',
    SANITY_STUDIO_DATASET: target.dataset ?? 'production',
    SANITY_STUDIO_API_TOKEN: target.token,
  }
  const stamp = buildStamp(env)
  const dir = path.resolve(outDir)
  const ready = (): boolean => readStamp(dir) === stamp && fs.existsSync(path.join(dir, 'index.html'))
  if (ready()) return {dir, built: false}
  // One builder at a time (parallel test files, two commands): the others wait for its result.
  const release = await acquireLock(`${dir}.lock`)
  try {
    if (ready()) return {dir, built: false}
    log('building the Studio (sanity build; once, reused until its sources change)…')
    const temp = `${dir}.tmp-${process.pid}-${Date.now()}`
    try {
      await runSanityBuild(temp, env)
      // As `npm run studio:build` does: the index page loads nothing from other hosts.
      await finishOfflineBuild(temp, SAME_ORIGIN_API_HOST)
      // Served compressed by the lake (lake/studio-host.ts).
      precompressStatic(temp)
      fs.writeFileSync(path.join(temp, STAMP), JSON.stringify({stamp}))
      fs.rmSync(dir, {recursive: true, force: true})
      fs.renameSync(temp, dir)
    } finally {
      fs.rmSync(temp, {recursive: true, force: true})
    }
  } finally {
    release()
  }
  return {dir, built: true}
}

/**
 * The stamp of a build: sha256 over the bundle's source files and the baked environment (the
 * token hashed, never stored).
 *
 * @param env - the `SANITY_STUDIO_*` values baked in
 * @returns hex digest
 */
export function buildStamp(env: Record<string, string>): string {
  const hash = createHash('sha256')
  for (const file of inputFiles()) {
    hash.update(path.relative(repoRoot, file)).update('\0').update(fs.readFileSync(file)).update('\0')
  }
  for (const [key, value] of Object.entries(env).sort()) hash.update(`${key}=${createHash('sha256').update(value).digest('hex')}\0`)
  return hash.digest('hex')
}

function inputFiles(): string[] {
  const files: string[] = []
  const walk = (entry: string): void => {
    const stat = fs.statSync(entry, {throwIfNoEntry: false})
    if (!stat) return
    if (stat.isFile()) {
      if (SOURCE.test(entry)) files.push(entry)
      return
    }
    if (!stat.isDirectory() || path.basename(entry) === 'node_modules' || path.basename(entry) === 'dist') return
    for (const name of fs.readdirSync(entry).sort()) walk(path.join(entry, name))
  }
  for (const input of INPUTS) walk(path.join(repoRoot, input))
  return files
}

/** A lock older than this is left over from a killed build. */
const STALE_LOCK_MS = 10 * 60_000

/**
 * Takes a lock folder (mkdir is atomic), waiting while another process holds it.
 *
 * @param lock - the lock folder's path
 * @returns a function that releases it
 */
async function acquireLock(lock: string): Promise<() => void> {
  for (;;) {
    try {
      fs.mkdirSync(lock)
      return () => fs.rmSync(lock, {recursive: true, force: true})
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const age = Date.now() - (fs.statSync(lock, {throwIfNoEntry: false})?.mtimeMs ?? Date.now())
      if (age > STALE_LOCK_MS) fs.rmSync(lock, {recursive: true, force: true})
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
  }
}

function readStamp(dir: string): string | undefined {
  try {
    return (JSON.parse(fs.readFileSync(path.join(dir, STAMP), 'utf8')) as {stamp?: string}).stamp
  } catch {
    return undefined
  }
}

async function runSanityBuild(outDir: string, env: Record<string, string>): Promise<void> {
  // A production bundle whoever asks for it: under a test runner NODE_ENV is "test", and Vite
  // would then bundle React's development build (slower, and it warns in the console).
  await runNode([path.join(repoRoot, 'node_modules/sanity/bin/sanity'), 'build', outDir, '--yes'], {...env, NODE_ENV: 'production'}, 'sanity build')
}
