import {execFile} from 'node:child_process'
import {cp, mkdtemp, readFile, rm, symlink} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'

const run = promisify(execFile)
const repoRoot = path.resolve(import.meta.dirname, '../..')
const GENERATED = ['schemas/schema.json', 'schemas/sanity.types.ts']
/** Not needed to regenerate, and large or private: left out of the scratch copy. */
const SKIP = new Set(['node_modules', '.git', 'dist', '.data', '.sanity', 'coverage', 'tmp'])

let scratch = ''

/**
 * Runs the Sanity CLI in `cwd` under the Node running the tests (the project pins Node 24).
 * @param cwd - the project copy
 * @param args - CLI arguments
 */
async function sanity(cwd: string, ...args: string[]) {
  const bin = path.join(repoRoot, 'node_modules/sanity/bin/sanity')
  await run(process.execPath, [bin, ...args], {cwd, env: {...process.env, DO_NOT_TRACK: '1'}})
}

// Regenerating in a copy keeps the working tree untouched; node_modules is shared by symlink.
beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'typegen-'))
  await cp(repoRoot, scratch, {
    recursive: true,
    filter: (source) => {
      const relative = path.relative(repoRoot, source)
      const top = relative.split(path.sep)[0] ?? ''
      return !SKIP.has(top) && relative !== path.join('studio', 'dist') && path.basename(source) !== 'node_modules'
    },
  })
  await symlink(path.join(repoRoot, 'node_modules'), path.join(scratch, 'node_modules'), 'dir')
  for (const file of GENERATED) await rm(path.join(scratch, file), {force: true})
  await sanity(scratch, 'schema', 'extract')
  await sanity(scratch, 'typegen', 'generate')
}, 180_000)

afterAll(async () => {
  if (scratch) await rm(scratch, {recursive: true, force: true})
})

describe('committed TypeGen outputs are up to date (run `npm run typegen` when this fails)', () => {
  test.each(GENERATED)('%s matches a fresh regeneration', async (file) => {
    const [fresh, committed] = await Promise.all([
      readFile(path.join(scratch, file), 'utf8'),
      readFile(path.join(repoRoot, file), 'utf8'),
    ])
    expect(committed === fresh, `${file} is stale`).toBe(true)
  })
})
