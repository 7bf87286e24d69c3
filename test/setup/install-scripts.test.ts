/**
 * The set-up on a fresh machine depends on two install scripts (the `node` package's, which puts
 * the Node 24 binary in place, and esbuild's). npm 12 skips install scripts a project has not
 * approved in `package.json` `allowScripts`; npm 11 only warns. Every dependency the lockfile
 * marks as having an install script must be approved, or decided against, there.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, test} from 'vitest'

const repoRoot = path.resolve(import.meta.dirname, '../..')
const readJson = (file: string): unknown => JSON.parse(readFileSync(path.join(repoRoot, file), 'utf8'))

/** Package names whose lockfile entry says they run an install script. */
function withInstallScripts(lock: {packages: Record<string, {hasInstallScript?: boolean}>}): string[] {
  return Object.entries(lock.packages)
    .filter(([, entry]) => entry.hasInstallScript)
    .map(([where]) => where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length))
}

describe('install scripts', () => {
  const lock = readJson('package-lock.json') as {packages: Record<string, {hasInstallScript?: boolean}>}
  const {allowScripts = {}} = readJson('package.json') as {allowScripts?: Record<string, boolean>}

  test('the Node 24 package runs its install script (every npm script depends on it)', () => {
    expect(withInstallScripts(lock)).toContain('node')
    expect(allowScripts.node).toBe(true)
  })

  test('every dependency with an install script is decided in allowScripts', () => {
    const undecided = withInstallScripts(lock).filter((name) => !(name in allowScripts) && !Object.keys(allowScripts).some((key) => key.startsWith(`${name}@`)))
    expect(undecided).toEqual([])
  })
})
