/**
 * A measured child process of the corpus-scale bench: `import <cli args…>` runs the import
 * command, `parse <folder>` only parses every report with remark-parse + remark-gfm (the
 * single-core floor), `parse-ours <folder> <part> <parts>` only parses every `parts`-th report
 * from the `part`-th with the importer's own parser (what an import that converted nothing would
 * cost). Prints one JSON line: exit code, documents, CPU seconds (all threads), peak RSS (getrusage: the
 * whole process, worker threads included).
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {runCli} from '../../importer/main.ts'
import {parseMarkdown} from '../../importer/parse/markdown.ts'

/** The folder's reports, in the order the import takes them. */
const reportsIn = (folder: string): string[] => readdirSync(folder).filter((n) => n.endsWith('.md')).sort().map((name) => path.join(folder, name))

const [mode, ...rest] = process.argv.slice(2)
let code = 0
let detail = ''
if (mode === 'import') {
  const lines: string[] = []
  code = await runCli(rest, {stdout: (line) => lines.push(line), stderr: () => undefined, env: process.env, cwd: process.cwd(), isTTY: false})
  detail = lines.at(-1) ?? ''
} else if (mode === 'parse') {
  const folder = rest[0]!
  const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze()
  let nodes = 0
  for (const file of reportsIn(folder)) nodes += parser.parse(readFileSync(file, 'utf8')).children.length
  detail = `${nodes} top-level nodes`
} else if (mode === 'parse-ours') {
  const [folder, part, parts] = [rest[0]!, Number(rest[1]), Number(rest[2])]
  let nodes = 0
  for (const file of reportsIn(folder).filter((_, index) => index % parts === part)) nodes += parseMarkdown(readFileSync(file, 'utf8')).children.length
  detail = `${nodes} top-level nodes`
} else {
  code = 2
  detail = 'usage: measure.ts import <args…> | parse <folder> | parse-ours <folder> <part> <parts>'
}
const usage = process.resourceUsage()
process.stdout.write(`${JSON.stringify({code, detail, maxRssMb: usage.maxRSS / 1024, cpuS: (usage.userCPUTime + usage.systemCPUTime) / 1e6})}\n`)
process.exitCode = code
