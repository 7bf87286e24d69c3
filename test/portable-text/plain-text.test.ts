import type {Heading} from 'mdast'
import {describe, expect, it} from 'vitest'
import {phrasingToPlainText} from '../../importer/portable-text/index.ts'
import {parse} from './helpers.ts'

function title(markdown: string): string {
  const heading = parse(markdown).children[0] as Heading
  expect(heading.type).toBe('heading')
  return phrasingToPlainText(heading.children)
}

describe('phrasingToPlainText', () => {
  it('removes markdown markup', () => {
    expect(title('#### **[More Than Ever](https://x.org/users)**')).toBe('More Than Ever')
    expect(title('## *a* `b` ~~c~~ __d__')).toBe('a b c d')
  })

  it('removes inline HTML tags and decodes entities', () => {
    expect(title('## <b>Bold</b> &amp; <span class="x">plain</span> &copy;')).toBe('Bold & plain ©')
  })

  it('turns hard breaks into spaces and collapses whitespace', () => {
    expect(title('## one<br />two<br/>  three')).toBe('one two three')
  })

  it('leaves out what the body converter reports (an event handler on a <body> tag) without failing', () => {
    expect(title('## Title <body onload="alert(1)"> end')).toBe('Title end')
  })

  it('keeps image alt text and leaves out scripts', () => {
    expect(title('## ![Logo](/x.png) Name <script>alert(1)</script>')).toBe('Logo Name')
  })
})
