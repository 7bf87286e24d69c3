import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {toString} from 'mdast-util-to-string'
import {visit} from 'unist-util-visit'
import {describe, expect, it} from 'vitest'
import type {PortableTextMember} from '../../importer/portable-text/index.ts'
import {convert, outputText, parse} from './helpers.ts'

const DECORATORS = new Set(['strong', 'em', 'code', 'strike-through', 'underline', 'sup', 'sub'])

/** Generic markdown samples covering every construct the converter handles. */
const SAMPLES = [
  '#### **[Heading Link](https://h.org)**\n\n[](https://h.org)***Name Surname, Role Title***\n\nBody text follows.',
  'Para with *em*, **strong**, `code`, ~~gone~~, [link](/a "t"), <https://auto.org>, www.literal.org and a\\\nbreak.',
  '- one\n  - two\n    1. three\n\n       three again\n- [x] task done\n- [ ] task open',
  '> quoted words\n>\n> > nested quote\n>\n> - quoted item',
  '| Col A | Col **B** |\n|:--|--:|\n| cell [x](/x) | `y` |',
  'Note[^a] here.\n\n[^a]: Footnote words.',
  '```js meta words\nconst code = 1\n```\n\n***\n\n    indented code',
  '<div class="logo"><a href="https://p.org"><img src="/img/p.svg" alt="Project Logo"></a></div>\n\n<br />\n\n<p>Html <b>para</b> <em>words</em><br>line two</p>',
  '<ul><li>html item</li><li>second <a href="mailto:a@b.c">mail</a></li></ul>\n\n<table><tr><th>th</th><td>td</td></tr></table>',
  'Text with ![inline alt](/i.png) image and <img src="/j.png" alt="html alt"> too.\n\n![Figure alt](/f.png "Fig title")',
  '[ref link][r] and ![ref image][i]\n\n[r]: https://r.org\n[i]: /r.png',
  '<details><summary>More</summary>Hidden words</details> <abbr>ABBR</abbr> <mark>marked</mark>',
]

function checkMembers(members: readonly PortableTextMember[]): void {
  const stack: unknown[] = [members]
  while (stack.length > 0) {
    const value = stack.pop()
    if (!Array.isArray(value)) continue
    // Every array of objects: unique _key on every member.
    const objects = value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)
    const keys = objects.map((item) => item._key)
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{12}$/)
    expect(new Set(keys).size).toBe(keys.length)
    for (const item of objects) {
      if (item._type === 'block') {
        const defs = item.markDefs as Array<{_key: string}>
        const spans = (item.children as Array<Record<string, unknown>>).filter((c) => c._type === 'span')
        const used = new Set(spans.flatMap((span) => span.marks as string[]))
        for (const mark of used) expect(DECORATORS.has(mark) || defs.some((d) => d._key === mark)).toBe(true)
        for (const def of defs) expect(used.has(def._key)).toBe(true)
        for (const span of spans) expect(span.text).not.toBe('')
      }
      for (const field of Object.values(item)) if (Array.isArray(field)) stack.push(field)
    }
  }
}

/**
 * Words of the input as a reader sees them: `mdast-util-to-string` of every
 * text-bearing leaf (taken one by one so words of adjacent blocks do not glue),
 * and the text of raw HTML with its tags removed.
 */
function inputWords(markdown: string): string[] {
  const parts: string[] = []
  visit(parse(markdown), (node) => {
    if (node.type === 'html') parts.push(node.value.replace(/<[^>]*>/g, ' '))
    else if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'code' || node.type === 'image') {
      parts.push(toString(node))
    }
  })
  return parts.join(' ').split(/[^\p{L}\p{N}]+/u).filter(Boolean)
}

describe('invariants', () => {
  it.each(SAMPLES)('keys unique, marks valid, no unused markDefs, no empty spans: %j', (markdown) => {
    checkMembers(convert(markdown).members)
  })

  it.each(SAMPLES)('keeps every word of the input: %j', (markdown) => {
    const output = new Set(outputText(convert(markdown).members).split(/[^\p{L}\p{N}]+/u))
    const missing = inputWords(markdown).filter((word) => !output.has(word))
    expect(missing).toEqual([])
  })

  it('is deterministic', () => {
    const markdown = SAMPLES.join('\n\n')
    expect(JSON.stringify(convert(markdown).members)).toBe(JSON.stringify(convert(markdown).members))
    expect(convert(markdown).diagnostics.list).toEqual(convert(markdown).diagnostics.list)
  })

  it('locates every warning', () => {
    const {diagnostics} = convert(SAMPLES.join('\n\n'))
    expect(diagnostics.list.length).toBeGreaterThan(0)
    for (const diagnostic of diagnostics.list) {
      expect(diagnostic).toMatchObject({file: 'test.md', line: expect.any(Number), column: expect.any(Number)})
    }
  })
})

const report = path.resolve(import.meta.dirname, '../../../shared/content/annual-report-2022.md')

describe.skipIf(!existsSync(report))('the sample report', () => {
  it('converts with valid keys and marks, keeping every word', () => {
    const markdown = readFileSync(report, 'utf8')
    const {members} = convert(markdown)
    checkMembers(members)
    const output = new Set(outputText(members).split(/[^\p{L}\p{N}]+/u))
    const missing = inputWords(markdown).filter((word) => !output.has(word))
    expect(missing).toEqual([])
  })
})
