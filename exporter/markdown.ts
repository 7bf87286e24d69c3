import type {Root} from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkStringify from 'remark-stringify'
import type {Options} from 'remark-stringify'
import {unified} from 'unified'
import type {MarkedBreak} from './blocks.ts'

/** A thematic break as CommonMark allows it: three or more of one of `*-_`, spaces between. */
const BREAK_MARKER = /^ {0,3}([*_-])(?:[ \t]*\1){2,}[ \t]*$/

const options: Options = {
  bullet: '*',
  emphasis: '*',
  strong: '*',
  fence: '`',
  fences: true,
  rule: '*',
  listItemIndent: 'one',
  handlers: {
    // Write each divider with the marker it had (`***`, `---`), which the importer keeps.
    thematicBreak: (node: MarkedBreak) => {
      const marker = node.data?.marker?.trim()
      return marker && BREAK_MARKER.test(marker) ? marker : '***'
    },
  },
}

/**
 * Serialises an mdast tree with remark-stringify (GFM tables, footnotes, strikethrough, task
 * lists; YAML front matter). Deterministic: the same tree gives the same bytes.
 * @param root - the tree
 * @returns markdown ending in one newline
 */
export function toMarkdown(root: Root): string {
  return unified().use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkStringify, options).stringify(root)
}
