/**
 * `<noscript>` fallbacks are how many sites ship charts and embeds: the script draws them, the
 * fallback (an `<img>`, a link) is what a reader without scripts — and the importer — sees. The
 * fallback replaces its `<noscript>`; what it holds then meets the same safety checks as any HTML
 * (a `<script>` inside is still dropped and reported).
 */
import type {Element, ElementContent, Root as HastRoot, RootContent} from 'hast'
import {fromHtml} from 'hast-util-from-html'

type Parent = HastRoot | Element

/**
 * Replaces every `<noscript>` in the tree with its content (in place).
 * @param tree - the hast tree, raw HTML parsed
 * @returns the same tree
 */
export function unwrapNoscript(tree: HastRoot): HastRoot {
  const stack: Parent[] = [tree]
  while (stack.length > 0) {
    const parent = stack.pop()!
    if (!parent.children.some((child) => child.type === 'element' && child.tagName === 'noscript')) {
      for (const child of parent.children) if (child.type === 'element') stack.push(child)
      continue
    }
    const children: Array<RootContent | ElementContent> = []
    for (const child of parent.children) {
      if (child.type === 'element' && child.tagName === 'noscript') children.push(...fallbackOf(child))
      else children.push(child)
    }
    parent.children = children as typeof parent.children
    // Visited again: a fallback may hold elements (and noscripts) of its own.
    stack.push(parent)
  }
  return tree
}

/** The fallback's nodes: its elements, or its text parsed as HTML where a parser kept it as text. */
function fallbackOf(noscript: Element): ElementContent[] {
  const onlyText = noscript.children.every((child) => child.type === 'text')
  const text = onlyText ? noscript.children.map((child) => (child.type === 'text' ? child.value : '')).join('') : ''
  if (!onlyText || !text.includes('<')) return noscript.children
  const parsed = fromHtml(text, {fragment: true}).children as ElementContent[]
  // Positions of the re-parsed text are relative to it: the noscript's own place stands for them.
  const place = noscript.position
  const stack: ElementContent[] = [...parsed]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (place) node.position = place
    else delete node.position
    if (node.type === 'element') stack.push(...node.children)
  }
  return parsed
}
