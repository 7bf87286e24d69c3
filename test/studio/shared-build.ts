/**
 * One Studio build for every browser test (and every run while the sources are unchanged): the
 * Studio is built once aimed at a placeholder lake address, kept under the temp folder by a hash
 * of its sources, and each test's static server writes its own lake's address into the files it
 * serves (see `serveStatic`'s `lakeUrl`). Concurrent test files wait for the one build.
 */
import {createHash} from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {buildStudio, repoRoot} from './run'

/** The lake address baked into the shared build (loopback, so the offline build steps apply). */
export const PLACEHOLDER_LAKE = 'https://127.0.0.1:65531'

/** What the build depends on: the Studio, the schema it loads, the renderer its preview uses. */
const SOURCES = ['studio', 'schemas', 'render', 'lake/defaults.ts', 'sanity.config.ts', 'sanity.cli.ts', 'package-lock.json']

function sourceHash(): string {
  const hash = createHash('sha256')
  const visit = (entry: string): void => {
    const full = path.join(repoRoot, entry)
    const stat = fs.statSync(full, {throwIfNoEntry: false})
    if (!stat) return
    if (stat.isDirectory()) {
      for (const child of fs.readdirSync(full).sort()) if (child !== 'dist') visit(path.join(entry, child))
    } else {
      hash.update(entry).update('\0').update(fs.readFileSync(full)).update('\0')
    }
  }
  for (const entry of SOURCES) visit(entry)
  return hash.digest('hex').slice(0, 16)
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The shared Studio build, built on first use.
 *
 * @returns the build folder (index.html and static/)
 */
export async function sharedStudioBuild(): Promise<string> {
  const dir = path.join(os.tmpdir(), `annual-report-studio-build-${sourceHash()}`)
  const done = path.join(dir, '.complete')
  const lock = `${dir}.lock`
  for (let waited = 0; !fs.existsSync(done); waited += 500) {
    try {
      fs.mkdirSync(lock) // atomic: exactly one test file builds
    } catch {
      // Another file is building; a lock older than 10 minutes is left over from a killed run.
      const age = Date.now() - (fs.statSync(lock, {throwIfNoEntry: false})?.mtimeMs ?? Date.now())
      if (age > 600_000) fs.rmSync(lock, {recursive: true, force: true})
      await sleep(500)
      continue
    }
    try {
      if (fs.existsSync(done)) break
      const staging = `${dir}.tmp-${process.pid}`
      fs.rmSync(staging, {recursive: true, force: true})
      await buildStudio(staging, PLACEHOLDER_LAKE)
      fs.rmSync(dir, {recursive: true, force: true})
      fs.renameSync(staging, dir)
      fs.writeFileSync(done, new Date().toISOString())
    } finally {
      fs.rmSync(lock, {recursive: true, force: true})
    }
  }
  return dir
}
