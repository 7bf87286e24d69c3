import {describe, expect, test} from 'vitest'
import {importMarkdown} from '../../importer/index.ts'
import {findObjects} from '../helpers/json.ts'
import {blocksOf, blockText, ofType} from './structure.ts'
import type {Doc} from './structure.ts'

const FRONT = '---\ntitle: T\nyear: 2030\n---\n'
const run = (md: string) => {
  const result = importMarkdown(FRONT + md, {file: 'x.md'})
  return {documents: result.documents as unknown as Doc[], diagnostics: result.diagnostics}
}

describe('fidelity edge cases from other reports', () => {
  test('image URLs lose surrounding whitespace (HTML reads src that way)', () => {
    const {documents} = run('## A\n\n<img src=" /img/x.png " alt="x">\n\nText <img src="\n /img/y.png\t" alt="y"> more.\n')
    expect(findObjects(documents, (o) => typeof o.src === 'string').map((o) => o.src)).toEqual(['/img/x.png', '/img/y.png'])
  })

  test('paragraphs inside a raw <em>/<strong> block stay separate blocks, each with the mark', () => {
    const {documents} = run('## A\n\n<em>\n\nFirst paragraph.\n\nSecond paragraph.\n\n</em>\n\n<strong><em>\n\nBoth marks.\n\n</em></strong>\n')
    const blocks = blocksOf(documents)
    expect(blocks.map(blockText)).toEqual(['First paragraph.', 'Second paragraph.', 'Both marks.'])
    const marks = blocks.map((b) => ((b.children as Doc[])[0]!.marks as string[]).slice().sort())
    expect(marks).toEqual([['em'], ['em'], ['em', 'strong']])
  })

  test('a heading made of a reference-style link keeps its link and loses the brackets', () => {
    const {documents} = run('# [Foo Report]\n\nBody.\n\n[foo report]: https://foo.example/report\n')
    expect(ofType(documents, 'section')[0]).toMatchObject({title: 'Foo Report', link: 'https://foo.example/report'})
  })

  test('an empty link before a heading title is dropped with a warning, not made the section link', () => {
    const {documents, diagnostics} = run('### [](https://x.example)Title\n\nBody.\n')
    const section = ofType(documents, 'section')[0]!
    expect(section).toMatchObject({title: 'Title'})
    expect(section).not.toHaveProperty('link')
    expect(diagnostics.find((d) => d.rule === 'empty-link')).toMatchObject({line: 5, column: 5})
  })
})
