/**
 * Front matter as sites write it — YAML (`---`), TOML (`+++`), Ziggy (`---` with `.key = value`)
 * — read into one shape: keys, plain values and where each starts in the markdown file.
 */
import type {Literal, Yaml} from 'mdast'
import {parse as parseToml, TomlError} from 'smol-toml'
import {isAlias, isMap, isScalar, parseDocument} from 'yaml'
import type {Document as YamlDocument, Node as YamlNode, Pair} from 'yaml'
import type {Diagnostics, SourcePoint} from '../diagnostics.ts'
import {pointAt} from './position.ts'
import {looksLikeZiggy, parseZiggy, ZiggyError} from './ziggy.ts'
import type {ZiggyField} from './ziggy.ts'

/** One front matter key, its value (plain data) and where they start. */
export interface FrontMatterEntry {
  key: string
  value: unknown
  /** Where the key starts. */
  at: SourcePoint
  /** Where the value starts (the key's place when unknown). */
  valueAt: SourcePoint
  /** A mapping's own entries, in order. */
  entries?: FrontMatterEntry[]
}

/** TOML front matter (`+++`), as remark-frontmatter parses it. */
export interface Toml extends Literal {
  type: 'toml'
}

declare module 'mdast' {
  interface FrontmatterContentMap {
    toml: Toml
  }
  interface RootContentMap {
    toml: Toml
  }
}

/** The front matter node of a parsed file: remark-frontmatter's `yaml` or `toml`. */
export type FrontMatterNode = Yaml | Toml

/**
 * Reads a front matter block.
 * @param node - the `yaml` (`---`) or `toml` (`+++`) node
 * @param diagnostics - names the file in errors
 * @returns the top-level entries in order
 * @throws ImportError (located) when the block is not valid YAML, TOML or Ziggy, or not a mapping
 */
export function readFrontMatterEntries(node: FrontMatterNode, diagnostics: Diagnostics): FrontMatterEntry[] {
  // The text starts on the line after the opening fence.
  const firstLine = (node.position?.start.line ?? 1) + 1
  const point = (offset: number): SourcePoint => {
    const inText = pointAt(node.value, offset)
    return {line: firstLine + inText.line - 1, column: inText.column}
  }
  if (node.type === 'toml') return tomlEntries(node.value, point, diagnostics)
  if (looksLikeZiggy(node.value)) return ziggyEntries(node.value, point, diagnostics)
  return yamlEntries(node.value, point, diagnostics)
}

type Locate = (offset: number) => SourcePoint

function yamlEntries(text: string, point: Locate, diagnostics: Diagnostics): FrontMatterEntry[] {
  const document = parseDocument(text, {prettyErrors: false, uniqueKeys: true})
  const problem = document.errors[0]
  if (problem) {
    const message = problem.message.split('\n')[0] ?? problem.message
    throw diagnostics.error('invalid-yaml', `invalid YAML front matter: ${message}`, point(problem.pos[0]))
  }
  const contents = document.contents
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''))) return []
  if (!isMap(contents)) throw diagnostics.error('invalid-front-matter', 'front matter must be a YAML mapping of keys to values', at(contents, point))
  return contents.items.map((pair) => yamlEntry(pair, document, point, diagnostics, 0))
}

function yamlEntry(pair: Pair, document: YamlDocument, point: Locate, diagnostics: Diagnostics, depth: number): FrontMatterEntry {
  if (!isScalar(pair.key) || (typeof pair.key.value !== 'string' && typeof pair.key.value !== 'number')) {
    throw diagnostics.error('invalid-front-matter', 'front matter keys must be plain names', at(pair.key, point))
  }
  // An alias stands for the node its anchor names (YAML 1.2: the same value).
  const node = isAlias(pair.value) ? (pair.value.resolve(document) ?? null) : pair.value
  const keyAt = at(pair.key, point) ?? {line: 1, column: 1}
  const entry: FrontMatterEntry = {key: String(pair.key.value), value: toPlain(node, document), at: keyAt, valueAt: at(pair.value, point) ?? keyAt}
  if (isMap(node) && depth < 8) entry.entries = node.items.map((item) => yamlEntry(item, document, point, diagnostics, depth + 1))
  return entry
}

function toPlain(node: unknown, document: YamlDocument): unknown {
  if (node === null || node === undefined) return null
  return (node as YamlNode).toJSON?.(document) ?? (isScalar(node) ? node.value : null)
}

function at(node: unknown, point: Locate): SourcePoint | undefined {
  const range = (node as YamlNode | undefined)?.range
  return range ? point(range[0]) : undefined
}

function tomlEntries(text: string, point: Locate, diagnostics: Diagnostics): FrontMatterEntry[] {
  let data: Record<string, unknown>
  try {
    data = parseToml(text) as Record<string, unknown>
  } catch (error) {
    if (!(error instanceof TomlError)) throw error
    const message = error.message.split('\n')[0] ?? error.message
    throw diagnostics.error('invalid-toml', `invalid TOML front matter: ${message}`, point(offsetOfLine(text, error.line) + Math.max(0, error.column - 1)))
  }
  return tomlTable(data, text, point, '')
}

/** TOML parsers give no positions: a key is found on its `key =` line (inside its `[table]`). */
function tomlTable(data: Record<string, unknown>, text: string, point: Locate, table: string): FrontMatterEntry[] {
  return Object.entries(data).map(([key, value]) => {
    const offset = tomlKeyOffset(text, table, key)
    const entry: FrontMatterEntry = {key, value: value instanceof Date ? value.toISOString() : value, at: point(offset), valueAt: point(offset)}
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) {
      entry.entries = tomlTable(value as Record<string, unknown>, text, point, table ? `${table}.${key}` : key)
    }
    return entry
  })
}

function tomlKeyOffset(text: string, table: string, key: string): number {
  const quoted = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const start = table === '' ? 0 : Math.max(0, text.search(new RegExp(`^\\s*\\[\\s*${table.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\]`, 'm')))
  const found = new RegExp(`^[ \\t]*(?:"${quoted}"|'${quoted}'|${quoted})[ \\t]*=|^[ \\t]*\\[[ \\t]*${quoted}[ \\t]*\\]`, 'm').exec(text.slice(start))
  return found ? start + found.index + (found[0].length - found[0].trimStart().length) : start
}

function offsetOfLine(text: string, line: number): number {
  let offset = 0
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', offset)
    if (next === -1) return offset
    offset = next + 1
  }
  return offset
}

function ziggyEntries(text: string, point: Locate, diagnostics: Diagnostics): FrontMatterEntry[] {
  let fields: ZiggyField[]
  try {
    fields = parseZiggy(text)
  } catch (error) {
    if (!(error instanceof ZiggyError)) throw error
    throw diagnostics.error('invalid-front-matter', `invalid Ziggy front matter: ${error.message}`, point(error.offset))
  }
  const toEntry = (field: ZiggyField): FrontMatterEntry => {
    const entry: FrontMatterEntry = {key: field.key, value: field.value.value, at: point(field.keyOffset), valueAt: point(field.value.offset)}
    if (field.value.fields) entry.entries = field.value.fields.map(toEntry)
    return entry
  }
  return fields.map(toEntry)
}
