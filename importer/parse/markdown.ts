import type {Root} from 'mdast'
import {unified} from 'unified'
import remarkParse from 'remark-parse'
import remarkGfm from 'remark-gfm'
import remarkFrontmatter from 'remark-frontmatter'
import {mayHoldTable, tuneGfm} from './gfm'

/**
 * Frozen processors (building one per file costs more than parsing a small report): remark-gfm
 * tuned to skip attempts that cannot match (`gfm.ts`), with and without table syntax.
 */
const withTables = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(tuneGfm, {table: true}).freeze()
const withoutTables = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(tuneGfm, {table: false}).freeze()

/**
 * Parses a report's markdown (CommonMark + GFM, YAML front matter) into mdast with positions,
 * exactly as remark-parse + remark-gfm + remark-frontmatter do.
 * @param source - the decoded markdown text
 * @returns the mdast root; a `yaml` node first when the file has front matter
 */
export function parseMarkdown(source: string): Root {
  // Syntax extensions act while parsing; there are no transforms to run.
  return (mayHoldTable(source) ? withTables : withoutTables).parse(source)
}
