/** `npm run corpus -- <folder> <count> [--scale <k>] [--seed <n>]`: writes a generated corpus. */
import {writeCorpus} from './generate.ts'

const [dir, countText, ...rest] = process.argv.slice(2)
const option = (name: string): number | undefined => {
  const at = rest.indexOf(name)
  return at >= 0 ? Number(rest[at + 1]) : undefined
}
const count = Number(countText)
if (!dir || !Number.isInteger(count) || count < 1 || count > 1100) {
  console.error('usage: npm run corpus -- <folder> <count 1–1100> [--scale <k>] [--seed <n>]')
  process.exit(2)
}
const files = writeCorpus(dir, count, {scale: option('--scale') ?? 1, seed: option('--seed') ?? 1})
console.log(`wrote ${files.length} reports to ${dir}`)
