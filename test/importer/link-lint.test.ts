import {describe, expect, test} from 'vitest'
import {importMarkdown} from '../../importer/index.ts'
import {lintHref} from '../../importer/documents/link-lint.ts'

const FRONT = '---\ntitle: T\nyear: 2030\n---\n'

describe('link lint', () => {
  test.each([
    ['katacontainers.io', 'https://katacontainers.io'],
    ['www.openstack.org/x', 'https://www.openstack.org/x'],
    ['openstack.org/users', 'https://openstack.org/users'],
    ['docs.example.dev/a?b#c', 'https://docs.example.dev/a?b#c'],
    ['zuul-discuss@lists.zuul-ci.org', 'mailto:zuul-discuss@lists.zuul-ci.org'],
  ])('%s would have been %s', (href, fixed) => {
    expect(lintHref(href)?.fixed).toBe(fixed)
  })

  test.each(['/img/a.png', './notes.md', 'notes.md', 'report.pdf', 'index.html', 'https://example.org', 'mailto:a@b.org', '#top', 'page', 'a b.com', '../x.org'])('%s is an ordinary URL', (href) => {
    expect(lintHref(href)).toBeUndefined()
  })

  test('without --fix-links: a located warning, nothing changed; with it: rewritten, a located note', () => {
    const md = `${FRONT}## A\n\nSee [Kata](katacontainers.io) and [list][l].\n\n[l]: list@lists.example.org\n`
    const plain = importMarkdown(md, {file: 'x.md'})
    expect(plain.diagnostics.filter((d) => d.rule === 'link-looks-absolute').map((d) => [d.severity, d.line, d.column])).toEqual([
      ['warning', 7, 5],
      ['warning', 9, 1],
    ])
    expect(JSON.stringify(plain.documents)).toContain('"href":"katacontainers.io"')
    const fixed = importMarkdown(md, {file: 'x.md', fixLinks: true})
    expect(fixed.diagnostics.filter((d) => d.rule === 'link-fixed').map((d) => d.severity)).toEqual(['note', 'note'])
    expect(JSON.stringify(fixed.documents)).toContain('"href":"https://katacontainers.io"')
    expect(JSON.stringify(fixed.documents)).toContain('"href":"mailto:list@lists.example.org"')
  })
})
