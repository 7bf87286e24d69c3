import type {Nodes, Root} from 'mdast'

/** Fenced code that is raw HTML by its format's rules: SuperMD's ```` ```=html ````, Pandoc's ```` ```{=html} ````. */
const RAW_HTML_FENCE = /^(?:=html|\{=html\})$/i

/**
 * Turns raw-HTML fences into the raw HTML they are on the published page (so their images,
 * links and tables are carried, and their scripts are dropped and reported like any raw HTML's).
 * @param root - the parsed file (changed in place)
 */
export function rawHtmlFences(root: Root): void {
  const stack: Nodes[] = [root]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (!('children' in node)) continue
    node.children.forEach((child, index) => {
      if (child.type === 'code' && child.lang && RAW_HTML_FENCE.test(child.lang)) {
        node.children[index] = {type: 'html', value: child.value, ...(child.position ? {position: child.position} : {})}
      } else stack.push(child)
    })
  }
}
