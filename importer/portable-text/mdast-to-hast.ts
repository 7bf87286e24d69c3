/**
 * mdast → hast, so markdown-made and HTML-made content share one mapping to
 * Portable Text. `mdast-util-to-hast` builds the elements (keeping raw HTML),
 * `hast-util-raw` parses the raw HTML into real elements with positions (`raw-html.ts`).
 * Custom handlers keep what HTML would lose: exact URLs (no percent-encoding),
 * code meta, footnotes, the thematic-break marker, and the caller's hooks.
 */
import type {Element, Root as HastRoot} from 'hast'
import type {Definition, Html, Nodes as MdastNodes, Root, RootContent} from 'mdast'
import {defaultHandlers, toHast, type Handler, type State} from 'mdast-util-to-hast'
import type {Diagnostics} from '../diagnostics.ts'
import {CUSTOM} from './hast-helpers.ts'
import {limitNesting} from './limit-nesting.ts'
import {parseRawHtml} from './raw-html.ts'


export interface MdastToHastOptions {
  diagnostics: Diagnostics
  /** Definitions from elsewhere in the document (the nodes' own come first). */
  definitions?: readonly Definition[] | undefined
  /** The markdown source, used only to recover thematic-break markers. */
  source?: string | undefined
  /** Nodes replaced by `x-pt-hook` placeholders, by their index in the hook results. */
  hooked?: ReadonlyMap<RootContent, number> | undefined
  /** `false` leaves raw HTML as `raw` nodes (to compare ways of parsing it). */
  parseRaw?: boolean
}

/** A placeholder mdast node for a node the caller's blockHook converted. */
interface HookNode {
  type: 'ptHook'
  index: number
  position?: RootContent['position']
}

function element(state: State, from: MdastNodes, tagName: string, properties: Element['properties'], children: Element['children']): Element {
  const result: Element = {type: 'element', tagName, properties, children}
  state.patch(from, result)
  return state.applyData(from, result) as Element
}

function withTitle(properties: Element['properties'], title: string | null | undefined): Element['properties'] {
  if (title !== null && title !== undefined) properties.title = title
  return properties
}

/**
 * Converts a list of mdast block nodes to one hast tree.
 *
 * @param nodes - mdast block nodes (a section body, the intro, a paragraph)
 * @param options - diagnostics, extra definitions, source, hooked nodes
 * @returns the hast root (raw HTML parsed when there was any)
 */
export function mdastToHast(nodes: readonly RootContent[], options: MdastToHastOptions): HastRoot {
  const {diagnostics, hooked, source} = options
  const html: Html[] = []

  const handlers: Record<string, Handler> = {
    html(state, node) {
      html.push(node)
      return defaultHandlers.html(state, node)
    },
    link: (state, node) =>
      element(state, node, 'a', withTitle({href: node.url}, node.title), state.all(node)),
    image: (state, node) =>
      element(state, node, 'img', withTitle({src: node.url, alt: node.alt ?? ''}, node.title), []),
    linkReference(state, node) {
      const definition = state.definitionById.get(String(node.identifier).toUpperCase())
      if (!definition) {
        diagnostics.warn('unresolved-reference', `no definition for [${node.label ?? node.identifier}]: kept as text`, node)
        return defaultHandlers.linkReference(state, node)
      }
      return element(state, node, 'a', withTitle({href: definition.url}, definition.title), state.all(node))
    },
    imageReference(state, node) {
      const definition = state.definitionById.get(String(node.identifier).toUpperCase())
      if (!definition) {
        diagnostics.warn('unresolved-reference', `no definition for image [${node.label ?? node.identifier}]: kept as text`, node)
        return defaultHandlers.imageReference(state, node)
      }
      return element(state, node, 'img', withTitle({src: definition.url, alt: node.alt ?? ''}, definition.title), [])
    },
    code: (state, node) =>
      element(
        state,
        node,
        CUSTOM.code,
        {dataLanguage: node.lang ?? undefined, dataMeta: node.meta ?? undefined},
        [{type: 'text', value: node.value}],
      ),
    thematicBreak(state, node) {
      const start = node.position?.start.offset
      const end = node.position?.end.offset
      const marker = source !== undefined && start !== undefined && end !== undefined
        ? source.slice(start, end).trim()
        : undefined
      return element(state, node, CUSTOM.divider, {dataMarker: marker || undefined}, [])
    },
    footnoteReference: (state, node) =>
      element(state, node, CUSTOM.footnoteReference, {dataLabel: node.label ?? node.identifier}, []),
    footnoteDefinition: (state, node) =>
      element(state, node, CUSTOM.footnote, {dataLabel: node.label ?? node.identifier}, state.all(node)),
    yaml: () => undefined,
    toml: () => undefined,
  }

  const withHooks = nodes.map((node) => {
    const index = hooked?.get(node)
    return index === undefined ? node : ({type: 'ptHook', index, position: node.position} as unknown as RootContent)
  })
  const children = limitNesting(withHooks, diagnostics)
  const root = {type: 'root', children: [...children, ...(options.definitions ?? [])]} as Root

  const tree = toHast(root, {
    allowDangerousHtml: true,
    handlers,
    unknownHandler(state, node) {
      if (node.type === 'ptHook') {
        return element(state, node, CUSTOM.hook, {dataIndex: (node as unknown as HookNode).index}, [])
      }
      diagnostics.warn('unknown-node', `markdown node "${node.type}" is not supported: kept its text`, node)
      if ('children' in node) return state.all(node)
      return 'value' in node && typeof node.value === 'string' ? {type: 'text', value: node.value} : undefined
    },
  }) as HastRoot
  if (html.length === 0 || options.parseRaw === false) return tree
  reportDiscardedDocumentTags(html, diagnostics)
  try {
    return parseRawHtml(tree)
  } catch (error) {
    // hast-util-from-parse5 recurses per element: pathological nesting (thousands
    // of open elements) overflows the stack. Keep the markdown, drop the raw HTML.
    if (!(error instanceof RangeError)) throw error
    diagnostics.warn(
      'html-too-deep',
      `raw HTML nested too deeply to convert: ${html.length} HTML block(s)/tag(s) dropped`,
      html[0],
    )
    return withoutRaw(tree)
  }
}

/** Removes `raw` nodes from a hast tree, iteratively. */
function withoutRaw(tree: HastRoot): HastRoot {
  const stack: Array<{children: unknown[]}> = [tree]
  while (stack.length > 0) {
    const parent = stack.pop() as {children: Array<{type: string; children?: unknown[]}>}
    parent.children = parent.children.filter((child) => child.type !== 'raw')
    for (const child of parent.children) {
      if (Array.isArray(child.children)) stack.push(child as {children: unknown[]})
    }
  }
  return tree
}

/**
 * `<html>`, `<head>` and `<body>` tags inside a fragment are dropped by the HTML parser with
 * their attributes, so the element-level safety check never sees an `onload=` on them:
 * report those here.
 */
const DOCUMENT_TAG_WITH_HANDLER = /<(html|head|body)\b[^>]*?\son[a-z]+\s*=/i

function reportDiscardedDocumentTags(html: readonly Html[], diagnostics: Diagnostics): void {
  for (const node of html) {
    const match = DOCUMENT_TAG_WITH_HANDLER.exec(node.value)
    if (match) {
      diagnostics.warn(
        'unsafe-content',
        `dropped <${match[1]!.toLowerCase()}> tag with event handler attribute(s): attributes are never carried`,
        node,
      )
    }
  }
}
