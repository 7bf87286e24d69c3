/**
 * Link lint (issue 20, item 7): link syntax written wrongly is reported with its place and the
 * fix; `--fix-links` repairs it into the link the author meant.
 */
import {describe, expect, test} from 'vitest'
import {importMarkdown} from '../../importer/index.ts'
import {findMalformed} from '../../importer/documents/malformed-links.ts'

const MARKDOWN = '---\ntitle: Partners\nyear: 2021\n---\n## Computing\n\nOur jobs ran on the regional cloud ([https://nerc.mghpcc.org/) all year, see [the report] (https://example.org/report) and [the slides](https://example.org/slides for details.\n'

function spans(fixLinks: boolean) {
  const {documents, diagnostics} = importMarkdown(MARKDOWN, {file: 'p.md', fixLinks})
  const block = (documents[1] as {body: Array<{children: Array<{text: string; marks: string[]}>; markDefs: Array<{_key: string; href: string}>}>}).body[0]!
  const linked = block.markDefs.map((def) => [block.children.filter((span) => span.marks.includes(def._key)).map((span) => span.text).join(''), def.href])
  return {text: block.children.map((span) => span.text).join(''), linked, diagnostics}
}

describe('malformed links', () => {
  test('each is a located warning with the fix; the text stays as written', () => {
    const {text, diagnostics} = spans(false)
    expect(text).toBe('Our jobs ran on the regional cloud ([https://nerc.mghpcc.org/) all year, see [the report] (https://example.org/report) and [the slides](https://example.org/slides for details.')
    expect(diagnostics.filter((d) => d.rule === 'malformed-link').map((d) => [d.line, d.column, d.message])).toEqual([
      [7, 37, expect.stringContaining('did you mean "(https://nerc.mghpcc.org/)"')],
      [7, 78, expect.stringContaining('did you mean "[the report](https://example.org/report)"')],
      [7, 124, expect.stringContaining('did you mean "[the slides](https://example.org/slides)"')],
    ])
  })

  test('--fix-links repairs them into the links meant (each a located note)', () => {
    const {text, linked, diagnostics} = spans(true)
    expect(text).toBe('Our jobs ran on the regional cloud (https://nerc.mghpcc.org/) all year, see the report and the slides for details.')
    expect(linked).toEqual([
      ['https://nerc.mghpcc.org/', 'https://nerc.mghpcc.org/'],
      ['the report', 'https://example.org/report'],
      ['the slides', 'https://example.org/slides'],
    ])
    expect(diagnostics.filter((d) => d.rule === 'link-fixed').map((d) => d.severity)).toEqual(['note', 'note', 'note'])
  })

  test.each([
    'A well-formed [link](https://example.org) and (https://example.org/x) in parentheses.',
    'A footnote [^1] and a reference [label] and [text][label].',
    'An array a[0] and a checkbox [x] done.',
  ])('no false alarm: %s', (text) => {
    expect(findMalformed(text)).toEqual([])
  })
})
