import type {Root} from 'mdast'
import {unified} from 'unified'
import remarkParse from 'remark-parse'
import remarkGfm from 'remark-gfm'
import remarkFrontmatter from 'remark-frontmatter'
import type {Processor} from 'unified'
import {ImportError} from '../diagnostics.ts'
import {linearAttentionExtension} from './attention.ts'
import {mayHoldTable, tuneGfm} from './gfm.ts'
import {checkInlineWork, InlineLimitError} from './inline-limits.ts'

/** A unified plugin: emphasis resolved in linear time (`attention.ts`), same mdast. */
function linearEmphasis(this: Processor): void {
  const data = this.data()
  data.micromarkExtensions = [...(data.micromarkExtensions ?? []), linearAttentionExtension]
}

/**
 * Frozen processors (building one per file costs more than parsing a small report): remark-gfm
 * tuned to skip attempts that cannot match (`gfm.ts`), with and without table syntax, and
 * emphasis resolved in linear time.
 */
const withTables = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']).use(tuneGfm, {table: true}).use(linearEmphasis).freeze()
const withoutTables = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']).use(tuneGfm, {table: false}).use(linearEmphasis).freeze()

/**
 * Parses a report's markdown (CommonMark + GFM, YAML `---` or TOML `+++` front matter) into mdast with positions,
 * exactly as remark-parse + remark-gfm + remark-frontmatter do, in time linear in its length:
 * inline markup that would take longer (`inline-limits.ts`) is refused with its line.
 * @param source - the decoded markdown text
 * @param file - the file name, for the error
 * @returns the mdast root; a `yaml` or `toml` node first when the file has front matter
 * @throws ImportError (`bracket-work`, `failed-constructs`, `emphasis-depth`) naming the line
 */
export function parseMarkdown(source: string, file = '<markdown>'): Root {
  try {
    checkInlineWork(source)
    // Syntax extensions act while parsing; there are no transforms to run.
    return (mayHoldTable(source) ? withTables : withoutTables).parse(source)
  } catch (error) {
    if (!(error instanceof InlineLimitError)) throw error
    throw new ImportError({rule: error.rule, message: error.message, file, line: error.line, column: error.column})
  }
}
