// `npm run mutation [-- <file or glob>...] [-- stryker options]`: Stryker on the core modules
// (stryker.config.mjs), or only on the files given. Plain JavaScript so it starts without tsx.
import {spawn} from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '../..')
const args = process.argv.slice(2)
const files = args.filter((arg) => !arg.startsWith('-'))
const options = args.filter((arg) => arg.startsWith('-'))

// Tests read the shared sample at <repo>/../shared; the sandbox is two folders deeper.
const sandboxes = path.join(root, 'coverage', 'stryker-tmp')
const shared = path.resolve(root, '../shared')
fs.mkdirSync(sandboxes, {recursive: true})
const link = path.join(sandboxes, 'shared')
if (fs.existsSync(shared) && !fs.existsSync(link)) fs.symlinkSync(shared, link, 'dir')

const strykerArgs = ['run', 'stryker.config.mjs', ...(files.length > 0 ? ['--mutate', files.join(',')] : []), ...options]
const child = spawn('stryker', strykerArgs, {cwd: root, stdio: 'inherit'})
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
