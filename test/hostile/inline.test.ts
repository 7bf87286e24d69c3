/**
 * Pathological inline markup imports in time linear in its size, or is refused with an error
 * naming its line. Emphasis runs (`*a*a*a…`, unclosed and mixed markers) import; brackets the
 * parser would need quadratic time for (unmatched `]`, `](` never closed, thousands deep) and
 * emphasis nested more than a thousand deep are refused. Emphasis resolution must give exactly
 * remark-gfm's tree.
 */
import fc from 'fast-check'
import {unified} from 'unified'
import remarkParse from 'remark-parse'
import remarkGfm from 'remark-gfm'
import remarkFrontmatter from 'remark-frontmatter'
import {describe, expect, test} from 'vitest'
import {ImportError, importMarkdown} from '../../importer/index.ts'
import {parseMarkdown} from '../../importer/parse/markdown.ts'
import {outputStrings} from '../helpers/text.ts'

const FRONT_MATTER = '---\ntitle: Pathological\nyear: 2022\n---\n'
/** The line the test's paragraph is on: after the front matter and an ordinary paragraph. */
const INTRO = 'An ordinary paragraph first.\n\n'
const PARAGRAPH_LINE = FRONT_MATTER.split('\n').length - 1 + INTRO.split('\n').length

/** Occurrences of "q", a letter no key, type or style name of the documents holds. */
const letters = (texts: string[]): number => texts.join('').split('q').length - 1

describe('emphasis runs import in linear time', () => {
  test('200 KB of unclosed emphasis (*q*q*q…) imports within 10 s and keeps every letter', () => {
    const body = '*q'.repeat(100_000)
    const {documents} = importMarkdown(FRONT_MATTER + INTRO + body, {file: 'emphasis.md'})
    expect(letters(outputStrings(documents))).toBe(100_000)
  }, 10_000)

  test('200 KB of mixed and unclosed markers (*a_ , _a , a* ) import within 10 s', () => {
    for (const unit of ['*q_ ', '_q ', 'q* ', '**q *q ']) {
      const body = unit.repeat(Math.ceil(200_000 / unit.length))
      const {documents} = importMarkdown(FRONT_MATTER + body, {file: 'mixed.md'})
      expect(letters(outputStrings(documents)), unit).toBe(letters([body]))
    }
  }, 20_000)

  const stock = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze()
  test("resolves emphasis exactly as remark-gfm does (random emphasis-heavy markdown)", () => {
    const piece = fc.constantFrom('*', '**', '***', '_', '__', 'a', 'b', ' ', '  ', '.', '"', '~', '~~', '[', ']', '(', ')', '`', '\\', '\n', 'x_', '_x', '*[', '](u)', '!')
    fc.assert(
      fc.property(fc.array(piece, {maxLength: 40}), (pieces) => {
        const markdown = pieces.join('')
        expect(JSON.stringify(parseMarkdown(markdown))).toBe(JSON.stringify(stock.parse(markdown)))
      }),
      {numRuns: 3_000},
    )
  })
})

describe('what cannot be parsed in linear time is refused, naming the line', () => {
  const cases: Record<string, string> = {
    'unmatched ]': 'a]'.repeat(100_000),
    'brackets nested 50,000 deep': `${'['.repeat(50_000)}a${']'.repeat(50_000)}`,
    '](  never closed': '[ (]('.repeat(40_000),
    'links nested 20,000 deep': `${'*['.repeat(20_000)}core${'](https://example.org)*'.repeat(20_000)}`,
    'emphasis nested 50,000 deep': `${'*'.repeat(50_000)}a${'*'.repeat(50_000)}`,
  }
  for (const [name, body] of Object.entries(cases)) {
    test(`${name}: a located error, within 10 s`, () => {
      let error: unknown
      try {
        importMarkdown(`${FRONT_MATTER}${INTRO}${body}\n\nA paragraph after.\n`, {file: 'hostile.md'})
      } catch (thrown) {
        error = thrown
      }
      expect(error).toBeInstanceOf(ImportError)
      const {diagnostic} = error as ImportError
      expect(diagnostic).toMatchObject({file: 'hostile.md', line: PARAGRAPH_LINE, severity: 'error'})
      expect(diagnostic.message).toMatch(/linear time|nested more than/)
      expect((error as Error).message).toMatch(new RegExp(`^hostile\\.md:${PARAGRAPH_LINE}:\\d+: error: `))
    }, 10_000)
  }

  test('links, emphasis, images and prose of the same sizes are not refused', () => {
    const prose = Array.from({length: 5_000}, (_, i) => `[l${i}](https://example.org/${i}) *x* R&D ![i](/img/${i}.png) wow! \\*${i % 10 === 0 ? ' [1]' : ''}`).join(' ')
    expect(() => parseMarkdown(FRONT_MATTER + prose)).not.toThrow()
  }, 60_000)

  test('a paragraph of thousands of "]" that end nothing is refused too', () => {
    const body = Array.from({length: 20_000}, (_, i) => `[l${i}](https://example.org/${i}) ]`).join(' ')
    expect(() => parseMarkdown(`${FRONT_MATTER}${INTRO}${body}`, 'many.md')).toThrow(new RegExp(`^many\\.md:${PARAGRAPH_LINE}:\\d+: error: .*start nothing`))
  })
})
