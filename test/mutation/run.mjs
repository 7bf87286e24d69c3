// `npm run mutation [-- <file or glob>...] [--stryker-option value ...]`: Stryker on the core modules
// (test/mutation/modules.mjs), or only on the files given, each against its module's test files
// (a file outside the core modules: against the tests that import it). Plain JavaScript, so it
// starts without tsx.
import {spawn} from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import {CORE_MODULES} from './modules.mjs'

const root = path.resolve(import.meta.dirname, '../..')
const args = process.argv.slice(2)
// Files first; from the first option on, everything goes to Stryker as given.
const firstOption = args.findIndex((arg) => arg.startsWith('-'))
const files = (firstOption < 0 ? args : args.slice(0, firstOption)).map((file) => path.relative(root, path.resolve(file)))
const options = firstOption < 0 ? [] : args.slice(firstOption)

/** Whether a core module's mutate patterns cover `file` (a path or a glob inside it). */
function covers(module, file) {
  const positive = module.mutate.filter((pattern) => !pattern.startsWith('!'))
  return positive.some((pattern) => pattern === file || path.matchesGlob(file, pattern) || file.startsWith(pattern.split('*')[0] || '\0'))
}

const modules = files.length === 0 ? CORE_MODULES : CORE_MODULES.filter((module) => files.some((file) => covers(module, file)))
const mutate = files.length === 0 ? CORE_MODULES.flatMap((module) => module.mutate) : files
// Without a matching module, vitest's related mode finds the tests that import the file.
const testFiles = [...new Set(modules.flatMap((module) => module.tests))]

// Tests read the shared sample at <repo>/../shared; the sandbox is two folders deeper.
const sandboxes = path.join(root, 'coverage', 'stryker-tmp')
const shared = path.resolve(root, '../shared')
fs.mkdirSync(sandboxes, {recursive: true})
const link = path.join(sandboxes, 'shared')
if (fs.existsSync(shared) && !fs.existsSync(link)) fs.symlinkSync(shared, link, 'dir')

// The test files go to vitest.mutation.config.ts, not to Stryker's --testFiles: with that
// option Stryker 10.1 activates module-level (static) mutants after their module has loaded,
// and reports them as survivors though the tests kill them (stryker-js issues 6144, 6209).
const env = {...process.env, ...(testFiles.length > 0 ? {MUTATION_TESTS: testFiles.join(',')} : {})}
const strykerArgs = ['run', 'stryker.config.mjs', '--mutate', mutate.join(','), ...options]
console.log(`mutating ${mutate.join(', ')}${testFiles.length > 0 ? `\nagainst ${testFiles.join(', ')}` : ''}`)
const child = spawn('stryker', strykerArgs, {cwd: root, stdio: 'inherit', env})
// Ctrl-C reaches Stryker through the terminal; a plain kill of this process is passed on.
for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
