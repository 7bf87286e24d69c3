import {describe, expect, test} from 'vitest'
import {importMarkdown} from '../../importer/index.ts'
import {findObjects} from '../helpers/json.ts'
import {outputStrings} from '../helpers/text.ts'

const FRONT_MATTER = '---\ntitle: Pathological\nyear: 2022\n---\n'

/** The list-item blocks of the imported documents, in order: text, list type and level. */
function listItems(documents: readonly unknown[]): Array<{text: string; listItem: string; level: number}> {
  return findObjects(documents, (object) => object._type === 'block' && typeof object.listItem === 'string').map((block) => ({
    text: (block.children as Array<{text?: string}>).map((child) => child.text ?? '').join(''),
    listItem: block.listItem as string,
    level: block.level as number,
  }))
}

/**
 * Heap an import may retain per byte of input once garbage is collected: the documents hold
 * the text again (UTF-16) plus keys and marks. Generous, but catches retained parse trees
 * and quadratic copies.
 */
const HEAP_BYTES_PER_INPUT_BYTE = 40

function collect(): void {
  if (!globalThis.gc) throw new Error('run with --expose-gc (vitest.config.ts sets it)')
  globalThis.gc()
}

function importWithHeap(body: string) {
  collect()
  const before = process.memoryUsage().heapUsed
  const result = importMarkdown(FRONT_MATTER + body, {file: 'big.md'})
  collect()
  const grown = process.memoryUsage().heapUsed - before
  return {...result, grown}
}

describe('pathological input: no crash, no stack overflow, bounded memory', () => {
  test('a list nested 1,000 deep: every item once, in order, each at its level up to the deepest kept', () => {
    const lines = Array.from({length: 1000}, (_, depth) => `${'  '.repeat(depth)}- level ${depth + 1}`)
    const {documents, diagnostics} = importMarkdown(FRONT_MATTER + lines.join('\n'), {file: 'deep-list.md'})
    const items = listItems(documents)
    expect(items.map((item) => item.text)).toEqual(lines.map((_, depth) => `level ${depth + 1}`))
    expect(items.every((item) => item.listItem === 'bullet')).toBe(true)
    // Each item one level below the one before, until nesting is flattened; from there on all
    // stay at the deepest level kept, which is still far beyond any real report.
    const deepest = Math.max(...items.map((item) => item.level))
    expect(deepest).toBeGreaterThanOrEqual(64)
    expect(items.map((item) => item.level)).toEqual(items.map((_, depth) => Math.min(depth + 1, deepest)))
    // The flattening is reported where it starts (front matter: 4 lines; item n on line 4 + n).
    const flattened = diagnostics.filter((diagnostic) => diagnostic.severity === 'warning')
    expect(flattened).toHaveLength(1)
    expect(flattened[0]).toMatchObject({file: 'deep-list.md', line: 4 + deepest + 1})
  })

  test('a blockquote nested 1,000 deep, with text at every level: every text once, in order', () => {
    const lines = Array.from({length: 1000}, (_, depth) => `${'>'.repeat(depth + 1)} quote ${depth + 1}`)
    const {documents} = importMarkdown(`${FRONT_MATTER}${lines.join('\n')}\n`, {file: 'deep-quote.md'})
    const quotes = findObjects(documents, (object) => object._type === 'block' && object.style === 'blockquote')
    const texts = quotes.map((block) => (block.children as Array<{text?: string}>).map((child) => child.text ?? '').join(''))
    expect(texts).toEqual(lines.map((_, depth) => `quote ${depth + 1}`))
  })

  test('emphasis and links nested deeply inside each other', () => {
    const body = `${'*['.repeat(500)}core${'](https://example.org)*'.repeat(500)}\n`
    const {documents} = importMarkdown(FRONT_MATTER + body, {file: 'deep-inline.md'})
    expect(outputStrings(documents).join(' ')).toContain('core')
  })

  test('a 10 MB paragraph', () => {
    const body = 'lorem ipsum dolor sit amet '.repeat(Math.ceil((10 * 1024 * 1024) / 27))
    const {documents, grown} = importWithHeap(body)
    const total = outputStrings(documents).reduce((sum, text) => sum + text.length, 0)
    expect(total).toBeGreaterThanOrEqual(body.trim().length)
    expect(grown).toBeLessThan(body.length * HEAP_BYTES_PER_INPUT_BYTE)
  })

  test('100,000 links keep exact hrefs and never share marks', () => {
    const body = Array.from({length: 100_000}, (_, i) => `[l${i}](https://example.org/${i})`).join(' ')
    const {documents, grown} = importWithHeap(body)
    const links = findObjects(documents, (object) => object._type === 'link')
    expect(links).toHaveLength(100_000)
    expect(new Set(links.map((link) => link.href)).size).toBe(100_000)
    expect(grown).toBeLessThan(body.length * HEAP_BYTES_PER_INPUT_BYTE)
  })

  test('very long lines: one 2 MB word, a 1 MB heading, a 1 MB table row', () => {
    const word = 'x'.repeat(2 * 1024 * 1024)
    const heading = `## ${'title '.repeat(170_000)}`
    const row = `| ${'cell | '.repeat(20_000)}`
    const body = `${word}\n\n${heading}\n\n${row}\n| ${'--- | '.repeat(20_000)}\n`
    const {documents} = importMarkdown(FRONT_MATTER + body, {file: 'long-lines.md'})
    expect(outputStrings(documents).some((text) => text.includes(word))).toBe(true)
  })
})
