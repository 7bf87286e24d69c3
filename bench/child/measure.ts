/**
 * A measured child process of the corpus-scale bench: `import <cli args…>` runs the import
 * command, `parse <folder>` only parses every report with remark-parse + remark-gfm (the
 * single-core floor). Prints one JSON line: exit code, documents, CPU seconds (all threads), peak RSS (getrusage: the
 * whole process, worker threads included).
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {runCli} from '../../importer/main'

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
  for (const name of readdirSync(folder).filter((n) => n.endsWith('.md')).sort()) {
    nodes += parser.parse(readFileSync(path.join(folder, name), 'utf8')).children.length
  }
  detail = `${nodes} top-level nodes`
} else {
  code = 2
  detail = 'usage: measure.ts import <args…> | parse <folder>'
}
const usage = process.resourceUsage()
process.stdout.write(`${JSON.stringify({code, detail, maxRssMb: usage.maxRSS / 1024, cpuS: (usage.userCPUTime + usage.systemCPUTime) / 1e6})}\n`)
process.exitCode = code
