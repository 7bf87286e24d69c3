/**
 * Generated reports (headings at any depth, bylines, paragraphs with nested marks, links, breaks,
 * nested and mixed lists, quotes, tables, code, footnotes, logo blocks): whatever the importer
 * makes of them, exporting gives markdown that imports to the same documents, and exporting
 * those gives the same bytes.
 */
import fc from 'fast-check'
import {describe, expect, test} from 'vitest'
import {importMarkdown} from '../../importer/index.ts'
import type {StoredDocument} from '../../queries/run-local.ts'
import {contentOf, exportFrom} from './helpers.ts'

const word = fc.constantFrom('alpha', 'Beta', 'gamma', 'delta', 'x', '42', 'naïve', 'C#', 'a_b', '5*3', '[x]', '<3', 'q&a', 'end.', '#tag', '`tick`', 'back\\\\slash', '|pipe|')
const words = fc.array(word, {minLength: 1, maxLength: 6}).map((list) => list.join(' '))
const url = fc.constantFrom('https://example.org/', 'https://example.org/a?b=1&c=2', '/site/path', 'mailto:a@example.org', 'https://example.org/(paren)')

const inline: fc.Arbitrary<string> = fc.letrec<{inline: string}>((tie) => ({
  inline: fc.oneof(
    {depthSize: 'small', withCrossShrink: true},
    words,
    words,
    tie('inline').map((text) => `**${text}**`),
    tie('inline').map((text) => `*${text}*`),
    tie('inline').map((text) => `~~${text}~~`),
    words.map((text) => `\`${text.replace(/`/g, '')}\``),
    fc.tuple(words, url).map(([text, href]) => `[${text}](${href})`),
    fc.constant('<u>under</u>'),
    fc.constant('x<sup>2</sup>'),
  ),
})).inline
const line = fc.array(inline, {minLength: 1, maxLength: 5}).map((parts) => parts.join(' '))
const paragraph = fc.array(line, {minLength: 1, maxLength: 3}).map((lines) => lines.join('\\\n'))

const listItems = (marker: (index: number) => string) =>
  fc.array(fc.tuple(line, fc.option(fc.array(line, {minLength: 1, maxLength: 3}), {nil: undefined})), {minLength: 1, maxLength: 4}).map((items) =>
    items.map(([text, nested], index) => `${marker(index)} ${text}${nested ? `\n${nested.map((child) => `   * ${child}`).join('\n')}` : ''}`).join('\n'),
  )

const block = fc.oneof(
  paragraph,
  paragraph,
  listItems(() => '*'),
  listItems((index) => `${index + 1}.`),
  line.map((text) => `> ${text}`),
  fc.tuple(words, words, words, words).map(([a, b, c, d]) => `| ${a} | ${b} |\n| :-- | --: |\n| ${c} | ${d} |`),
  words.map((text) => `\`\`\`js\n${text}\n\`\`\``),
  fc.constant('***'),
  fc.constant('<div>\n  <a href="https://widget.example/">\n    <img src="/img/project-logos/widget.svg" alt="Widget Logo"/>\n  </a>\n</div>'),
  fc.constant('Noted.[^n1]\n\n[^n1]: The note.'),
)

const piece = fc.tuple(
  fc.integer({min: 1, max: 6}),
  words,
  fc.option(fc.constantFrom('***Ann Example, Writer, Example Org***', 'Bob Person, Editor'), {nil: undefined}),
  fc.array(block, {minLength: 0, maxLength: 4}),
).map(([depth, title, byline, blocks]) => [`${'#'.repeat(depth)} ${title}`, ...(byline ? [byline] : []), ...blocks].join('\n\n'))

const report = fc.tuple(fc.array(block, {maxLength: 2}), fc.array(piece, {minLength: 1, maxLength: 6})).map(
  ([intro, pieces]) => `---\ntitle: Generated Report\nyear: 2044\n---\n\n${[...intro, ...pieces].join('\n\n')}\n`,
)

describe('export of generated reports', () => {
  test('import → export → import gives the same documents; a second export the same bytes', async () => {
    await fc.assert(
      fc.asyncProperty(report, async (markdown) => {
        const first = importMarkdown(markdown, {file: 'generated.md'}).documents as unknown as StoredDocument[]
        const exported = await exportFrom(first, 2044)
        expect(exported.warnings).toEqual([])
        const again = importMarkdown(exported.markdown, {file: 'exported.md'}).documents as unknown as StoredDocument[]
        expect(again.map(contentOf)).toEqual(first.map(contentOf))
        expect((await exportFrom(again, 2044)).markdown).toBe(exported.markdown)
      }),
      {numRuns: 60, seed: 12},
    )
  })
})
