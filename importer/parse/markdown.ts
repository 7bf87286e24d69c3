import type {Root} from 'mdast'
import {unified} from 'unified'
import remarkParse from 'remark-parse'
import remarkGfm from 'remark-gfm'
import remarkFrontmatter from 'remark-frontmatter'

/** One frozen processor: building it per file costs more than parsing a small report. */
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze()

/**
 * Parses a report's markdown (CommonMark + GFM, YAML front matter) into mdast with positions.
 * @param source - the decoded markdown text
 * @returns the mdast root; a `yaml` node first when the file has front matter
 */
export function parseMarkdown(source: string): Root {
  // Syntax extensions act while parsing; there are no transforms to run.
  return processor.parse(source)
}
