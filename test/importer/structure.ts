/** Generic readers of imported documents, shared by the importer's tests. */
import {findObjects, walkObjects} from '../helpers/json.ts'
import type {JsonObject} from '../helpers/json.ts'

export type Doc = JsonObject & {_id: string; _type: string}

/** Whitespace-normalised text. */
export const norm = (text: string): string => text.replace(/\s+/g, ' ').trim()

/** Every Portable Text block (at any depth: table cells, footnotes) of the documents. */
export function blocksOf(documents: readonly Doc[]): JsonObject[] {
  return findObjects(documents, (object) => object._type === 'block')
}

/** The plain text of a block: its spans joined. */
export function blockText(block: JsonObject): string {
  const children = (block.children ?? []) as JsonObject[]
  return children.map((child) => (typeof child.text === 'string' ? child.text : '')).join('')
}

/** (href, text) of every link annotation: the text is what the spans carrying it say. */
export function linkAnnotations(documents: readonly Doc[]): Array<{href: string; text: string}> {
  const found: Array<{href: string; text: string}> = []
  for (const block of blocksOf(documents)) {
    const children = (block.children ?? []) as JsonObject[]
    for (const def of (block.markDefs ?? []) as JsonObject[]) {
      if (def._type !== 'link') continue
      const text = children
        .filter((child) => Array.isArray(child.marks) && (child.marks as string[]).includes(def._key as string))
        .map((child) => child.text as string)
        .join('')
      found.push({href: def.href as string, text})
    }
  }
  return found
}

/** Every array of objects anywhere in the documents. */
export function objectArrays(documents: readonly Doc[]): JsonObject[][] {
  const arrays: JsonObject[][] = []
  const visit = (value: unknown) => {
    if (Array.isArray(value)) {
      if (value.some((item) => item && typeof item === 'object')) arrays.push(value as JsonObject[])
      value.forEach(visit)
    } else if (value && typeof value === 'object') Object.values(value).forEach(visit)
  }
  visit(documents)
  return arrays
}

/** Every `_ref` anywhere in the documents. */
export function referencesOf(documents: readonly Doc[]): string[] {
  const refs: string[] = []
  walkObjects(documents, (object) => {
    if (typeof object._ref === 'string') refs.push(object._ref)
  })
  return refs
}

/** Documents of a type, in order. */
export const ofType = (documents: readonly Doc[], type: string): Doc[] => documents.filter((d) => d._type === type)

/** `Name, Role, Organisation` of an author document, as a frontend prints it. */
export function derivedByline(author: Doc | undefined): string {
  if (!author) return ''
  return [author.name, author.role, author.organisation].filter((part) => typeof part === 'string' && part !== '').join(', ')
}

/** A section's printed byline lines: its override, else derived from its authors. */
export function printedBylines(section: Doc, documents: readonly Doc[]): string[] {
  if (typeof section.byline === 'string') return section.byline.split('\n')
  const refs = (section.authors ?? []) as Array<{_ref: string}>
  return refs.map((ref) => derivedByline(documents.find((d) => d._id === ref._ref)))
}
