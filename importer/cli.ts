/**
 * `npm run import -- <file-or-folder>... [--out <file>] [--assets <folder>] [--push]`:
 * markdown reports → NDJSON for `sanity dataset import` (or a push). See importer/README.md.
 */
import {runCli} from './main.ts'

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  cwd: process.cwd(),
  isTTY: Boolean(process.stdout.isTTY),
})
