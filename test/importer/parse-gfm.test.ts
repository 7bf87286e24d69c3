/**
 * The tuned GFM parser (importer/parse/gfm.ts) must give exactly remark-gfm's mdast, positions
 * included: on every CommonMark spec example, GFM autolink and table edge cases, the sample,
 * generated reports, and random markdown rich in the characters the tuning looks at.
 */
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import fc from 'fast-check'
import {unified} from 'unified'
import remarkParse from 'remark-parse'
import remarkGfm from 'remark-gfm'
import remarkFrontmatter from 'remark-frontmatter'
import {describe, expect, test} from 'vitest'
import {generateReport} from '../../bench/corpus/generate.ts'
import {mayHoldTable} from '../../importer/parse/gfm.ts'
import {parseMarkdown} from '../../importer/parse/markdown.ts'

const stock = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze()
const require = createRequire(import.meta.url)
const examples = (require('commonmark-spec') as {tests: Array<{markdown: string; number: number}>}).tests
const repoRoot = path.resolve(import.meta.dirname, '../..')

function expectSameTree(markdown: string): void {
  expect(JSON.stringify(parseMarkdown(markdown)), JSON.stringify(markdown)).toBe(JSON.stringify(stock.parse(markdown)))
}

/** Literal autolinks and tables where they start, stop, nest and almost match. */
const EDGE_CASES = [
  'mail team@example.org, a.b-c_d+e@x.y.org. or @nobody or a@b or a@b.c_ or x@y.z-',
  'www.example.com/path?q=1 WWW.EXAMPLE.COM www. wwwx.org (www.a.org) *www.b.org* _www.c.org_ ~www.d.org~',
  'http://a.org https://b.org/x) HTTP://C.ORG htt://no https:/no http: alone hxxp://x',
  '[link with a@b.org inside](https://x.org) ![alt www.x.org](y.png) [unbalanced www.x.org',
  'line ending with team@\nexample.org on the next line; word\twith\ttabs a@b.org\twww.c.org',
  'foo@bar.com\n> quoted a@b.org and www.q.org\n- item https://i.org\n  - nested x@y.org',
  'a\n:-', 'a b\n-:', 'a | b\n- | -\nc | d', '| a |\n|---|\n| b |', 'no table here\n---\n',
  'mailto:a@b.org xmpp:a@b.org/r contact:me@x.io', 'a\\@b.org a&#64;b.org a_@b.org -a@b.org',
  // An email literal starting with an emphasis marker: the literal is tried before emphasis.
  '_@x.io', '_a@x.io', '__@x.io', 'x _@x.io and *_b@y.org*', '_a@x.io_',
  '`code a@b.org` <a@b.org> <https://x.org> [x]: https://ref.org\n\n[x] www.y.org',
  // Literals only the mdast transform finds (after an unclosed bracket).
  '[http://a.org text', '[https://b.org/x) more', '[www.c.org and', '[d@e.org or', '# [HTTP://F.ORG\n\n- [g@h.org',
]

describe('tuned GFM parse = remark-gfm', () => {
  test('every CommonMark spec example', () => {
    for (const example of examples) expectSameTree(example.markdown)
  })

  test('autolink literal and table edge cases', () => {
    for (const markdown of EDGE_CASES) expectSameTree(markdown)
  })

  test('the sample report, the fixtures and generated reports', () => {
    for (const file of ['content/annual-report-2022.md', 'test/fixtures/reports/annual-report-2021.md', 'test/fixtures/reports/archive/annual-report-2020.md']) {
      expectSameTree(readFileSync(path.join(repoRoot, file), 'utf8'))
    }
    for (const index of [0, 5, 17]) expectSameTree(generateReport(index, {seed: index + 1}))
  })

  test('random markdown made of the pieces the tuning looks at', () => {
    const piece = fc.constantFrom(
      'a', 'word', 'W', 'w', 'www', 'www.', 'h', 'http', 'https', ':', '//', '/', '@', '.', '-', '_', '+', 'org', 'x.io',
      ' ', '  ', '\t', '\n', '\n\n', '|', ':-', '-:', '---', '- ', '> ', '1. ', '[', ']', '(', ')', '![', '*', '_', '~',
      '`', '<', '>', '\\', '&amp;', 'é', '😀', '[^1]', '- [ ] ',
    )
    fc.assert(fc.property(fc.array(piece, {maxLength: 80}), (pieces) => expectSameTree(pieces.join(''))), {numRuns: 1500})
  })

  test('tables are only skipped where no delimiter row can exist', () => {
    expect(mayHoldTable('a\n:-')).toBe(true)
    expect(mayHoldTable('a | b')).toBe(true)
    expect(mayHoldTable('plain - text: here')).toBe(false)
  })
})
