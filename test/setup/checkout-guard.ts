/**
 * `npm test` writes nothing into the checkout: every file a test needs lives in a temporary
 * folder. This global setup notes each untracked or ignored file (and every tracked change) when
 * the run starts and fails the run if any appeared or changed by its end, naming them.
 * Outside the check: node_modules (installs, caches), `test-artifacts/` (the screenshots browser
 * tests leave for people to look at) and `.sanity/` (the Sanity CLI's own cache, which
 * `sanity build` keeps beside sanity.cli.ts). Outside a git checkout it does nothing.
 */
import {execFileSync} from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '../..')
/** Folders the check leaves out (see above). */
const OUTSIDE = ['node_modules', 'test-artifacts', '.sanity']

/** Path → size and modification time, for every file git does not track, and tracked changes. */
function snapshot(): Map<string, string> | undefined {
  let listed: string
  let changed: string
  try {
    const excluded = OUTSIDE.map((folder) => `:(exclude)${folder}`)
    const options = {cwd: root, encoding: 'utf8' as const, maxBuffer: 64 * 1024 * 1024}
    listed = execFileSync('git', ['ls-files', '--others', '-z', '--', '.', ...excluded], options)
    listed += execFileSync('git', ['ls-files', '--others', '--ignored', '--exclude-standard', '-z', '--', '.', ...excluded], options)
    changed = execFileSync('git', ['status', '--porcelain', '-z', '--untracked-files=no'], {cwd: root, encoding: 'utf8'})
  } catch {
    return undefined
  }
  const files = new Map<string, string>()
  for (const file of listed.split('\0').filter(Boolean)) {
    const stat = fs.statSync(path.join(root, file), {throwIfNoEntry: false})
    files.set(file, stat ? `${stat.size}:${stat.mtimeMs}` : 'gone')
  }
  for (const entry of changed.split('\0').filter(Boolean)) files.set(`(tracked) ${entry}`, 'changed')
  return files
}

/**
 * Vitest global setup: snapshot now, compare at teardown.
 *
 * @returns the teardown, which throws when the run wrote into the checkout
 */
export default function setup(): () => void {
  const before = snapshot()
  return () => {
    if (!before) return
    const after = snapshot() ?? new Map<string, string>()
    const written = [...after].filter(([file, state]) => before.get(file) !== state).map(([file]) => file)
    if (written.length > 0) {
      throw new Error(`npm test wrote into the checkout (tests must use temporary folders):\n${written.map((file) => `  ${file}`).join('\n')}`)
    }
  }
}
