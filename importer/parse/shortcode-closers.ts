/**
 * Hugo shortcodes written over several lines usually end with `>}}` alone on the last line, and
 * markdown reads that line as a blockquote holding `}}`. Hugo expands shortcodes before markdown,
 * so on the site it is one shortcode: this joins such a blockquote back to the paragraph the
 * shortcode opened in, so the shortcode is converted or kept as written in one piece.
 */
import type {Blockquote, Nodes, Paragraph, Root, RootContent} from 'mdast'

/** The whole source of a blockquote that is only a shortcode's closer. */
const CLOSER = /^>[ \t]*\}\}$/

const slice = (source: string, node: Nodes): string | undefined => {
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  return start === undefined || end === undefined ? undefined : source.slice(start, end)
}

/**
 * Joins, in place, every blockquote that is only `>}}` to the paragraph before it when that
 * paragraph leaves a `{{<` shortcode open (only whitespace between the two).
 *
 * @param root - the parsed tree (changed in place)
 * @param source - the markdown the tree was parsed from
 */
export function joinShortcodeClosers(root: Root, source: string): void {
  const stack: Nodes[] = [root]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (!('children' in node)) continue
    const children = node.children as RootContent[]
    for (let index = 0; index < children.length; index++) {
      const child = children[index]!
      const next = children[index + 1]
      if (child.type === 'paragraph' && next?.type === 'blockquote' && closes(child, next, source)) {
        const between = source.slice(child.position!.end.offset, next.position!.end.offset)
        child.children.push({type: 'text', value: between, position: {start: child.position!.end, end: next.position!.end}})
        child.position = {start: child.position!.start, end: next.position!.end}
        children.splice(index + 1, 1)
      }
      stack.push(child)
    }
  }
}

function closes(paragraph: Paragraph, blockquote: Blockquote, source: string): boolean {
  const closer = slice(source, blockquote)?.trim()
  const opened = slice(source, paragraph)
  if (closer === undefined || opened === undefined || !CLOSER.test(closer)) return false
  // A `{{<` with no `>}}` after it: a shortcode still open at the end of the paragraph.
  if (opened.lastIndexOf('{{<') <= opened.lastIndexOf('>}}')) return false
  // Nothing but whitespace between the paragraph and the closer.
  return source.slice(paragraph.position!.end.offset, blockquote.position!.start.offset).trim() === ''
}
