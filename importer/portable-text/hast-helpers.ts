/**
 * Small helpers over hast elements, and the names of the custom elements the
 * mdast → hast step uses to carry markdown-only facts through the HTML parser.
 */
import type {Element, ElementContent, Nodes, RootContent} from 'hast'

/** Custom elements made from mdast nodes that HTML has no element for. */
export const CUSTOM = {
  /** Fenced/indented code: `data-language`, `data-meta`, one text child (exact). */
  code: 'x-pt-code',
  /** Thematic break with its marker: `data-marker`. */
  divider: 'x-pt-divider',
  /** Footnote reference: `data-label`. */
  footnoteReference: 'x-pt-fnref',
  /** Footnote definition: `data-label`, block children. */
  footnote: 'x-pt-footnote',
  /** A node the caller's blockHook converted: `data-index` into the hook results. */
  hook: 'x-pt-hook',
} as const

export type HastChild = RootContent | ElementContent

/**
 * Type guard; use {@link isTag} in conditions whose false branch still needs
 * `node` to possibly be an element.
 * @param node - any hast node
 * @param tags - tag names to match (any when empty)
 * @returns whether `node` is an element with one of `tags`
 */
export function isElement(node: Nodes | undefined, ...tags: string[]): node is Element {
  return node?.type === 'element' && (tags.length === 0 || tags.includes(node.tagName))
}

/**
 * @param element - a hast element
 * @param name - a hast property name (`href`, `dataLabel`, ...)
 * @returns the property as a string, or undefined when absent or boolean
 */
export function stringProperty(element: Element, name: string): string | undefined {
  const value = element.properties[name]
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value)) return value.join(' ')
  return undefined
}

/**
 * @param node - a hast node
 * @returns whether it is a text node of only HTML whitespace
 */
export function isWhitespace(node: Nodes): boolean {
  return node.type === 'text' && /^[ \t\n\r\f]*$/.test(node.value)
}

/**
 * @param node - any hast node
 * @param tags - tag names to match
 * @returns whether `node` is an element with one of `tags` (not a type guard)
 */
export function isTag(node: Nodes | undefined, ...tags: string[]): boolean {
  return node?.type === 'element' && tags.includes(node.tagName)
}

/**
 * An image's `src` as HTML reads it: a URL "potentially surrounded by spaces", so leading and
 * trailing ASCII whitespace is not part of it.
 * @param element - an `img`
 * @returns the URL without surrounding whitespace ('' when there is none)
 */
export function imageSource(element: Element): string {
  return (stringProperty(element, 'src') ?? '').replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '')
}
