/**
 * The text of an HTML subtree (importer/portable-text/text.ts): every text in document order,
 * line breaks and image alts as asked, unsafe content dropped and reported, comments skipped.
 * Written against the mutants `npm run mutation -- importer/portable-text/text.ts` found alive.
 */
import type {Element} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {describe, expect, it} from 'vitest'
import {Diagnostics} from '../../importer/diagnostics.ts'
import {collectText} from '../../importer/portable-text/text.ts'

const html = (source: string) => fromHtml(source, {fragment: true})

function text(source: string, options?: Parameters<typeof collectText>[2]) {
  const diagnostics = new Diagnostics('r.md')
  return {text: collectText(html(source), diagnostics, options), rules: diagnostics.list.map((d) => d.rule)}
}

describe('collectText', () => {
  it('joins every text in document order, however deep', () => {
    expect(text('<p>a<b>b<i>c</i>d</b>e</p><p>f</p>')).toEqual({text: 'abcdef', rules: []})
  })

  it('writes <br> as a line break, or as asked', () => {
    expect(text('one<br>two').text).toBe('one\ntwo')
    expect(text('one<br>two', {breaks: ' '}).text).toBe('one two')
  })

  it('includes image alts only when asked, and only string ones', () => {
    expect(text('see <img alt="the logo" src="x.png"> here').text).toBe('see  here')
    expect(text('see <img alt="the logo" src="x.png"> here', {imageAlt: true}).text).toBe('see the logo here')
    expect(text('see <img src="x.png"> here', {imageAlt: true}).text).toBe('see  here')
  })

  it('drops unsafe and unsupported elements with their text, and reports them; skips comments', () => {
    expect(text('a<script>alert(1)</script>b<!-- note -->c<button>press</button>d')).toEqual({text: 'abcd', rules: ['unsafe-content', 'unsupported-html']})
  })

  it('does not judge the element it was given, only what is inside', () => {
    const root = html('<button>label <b>bold</b><script>x</script></button>').children[0] as Element
    const diagnostics = new Diagnostics('r.md')
    expect(collectText(root, diagnostics)).toBe('label bold')
    expect(diagnostics.list.map((d) => d.rule)).toEqual(['unsafe-content'])
  })
})
