/**
 * Inline content (importer/portable-text/inline.ts) from markdown and HTML: which tag is which
 * decorator, what is kept of unknown or transparent elements, anchors, empty and unsafe links and
 * images (their text kept or, for a dangerous payload, dropped), form controls, task markers,
 * each with its located warning. Written against the mutants
 * `npm run mutation -- importer/portable-text/inline.ts` found alive.
 */
import {describe, expect, it} from 'vitest'
import {convert} from '../portable-text/helpers.ts'

/** One block as `text[marks]` parts (links as `link:href`), objects as `<type>`, and the warnings. */
function inline(source: string) {
  const {members, diagnostics} = convert(source)
  const parts = members.flatMap((member) => {
    const block = member as unknown as {children: Array<{_type: string; text?: string; marks?: string[]; checked?: boolean}>; markDefs: Array<{_key: string; href: string; title?: string}>}
    return block.children.map((child) => {
      if (child._type !== 'span') return `<${child._type}${child.checked === undefined ? '' : ` ${child.checked}`}>`
      const marks = (child.marks ?? []).map((mark) => {
        const def = block.markDefs.find((d) => d._key === mark)
        return def ? `link:${def.href}${def.title ? ` "${def.title}"` : ''}` : mark
      })
      return `${child.text}${marks.length ? `[${marks.join(',')}]` : ''}`
    })
  })
  return {parts, warnings: diagnostics.list.map((d) => `${d.rule}@${d.line}:${d.column} ${d.message}`)}
}

describe('decorators', () => {
  it('maps each HTML tag to its decorator', () => {
    const html = 'x <b>b</b><strong>B</strong><i>i</i><em>I</em><code>c</code><kbd>k</kbd><samp>s</samp><tt>t</tt><s>s</s><del>d</del><strike>st</strike><u>u</u><ins>in</ins><sup>sp</sup><sub>sb</sub>'
    expect(inline(html)).toEqual({parts: ['x ', 'bB[strong]', 'iI[em]', 'ckst[code]', 'sdst[strike-through]', 'uin[underline]', 'sp[sup]', 'sb[sub]'], warnings: []})
  })
})

describe('other elements', () => {
  it('keeps the text of presentation wrappers silently, and of unknown elements with a warning', () => {
    expect(inline('x <font>f</font><span>s</span><bdi>b</bdi><bdo>o</bdo><nobr>n</nobr><marquee>m</marquee><abbr>a</abbr>')).toEqual({
      parts: ['x fsbonma'],
      warnings: ['unknown-html@1:69 <marquee> has no Portable Text equivalent: kept its text', 'unknown-html@1:89 <abbr> has no Portable Text equivalent: kept its text'],
    })
  })

  it('keeps a line break as a newline, drops comments and form controls with a note', () => {
    expect(inline('a<br>b').parts).toEqual(['a\nb'])
    expect(inline('a <!-- c --> b')).toEqual({parts: ['a b'], warnings: ['html-comment@1:3 HTML comment dropped (comments are not shown on the site)']})
    expect(inline('a <input type="checkbox" checked> b')).toEqual({parts: ['a b'], warnings: ['unsupported-html@1:3 dropped <input>: form controls are not carried']})
  })

  it('makes the checkbox starting a task item a marker, checked or not', () => {
    expect(inline('- [x] done').parts).toEqual(['<taskMarker true>', 'done'])
    expect(inline('- [ ] open').parts).toEqual(['<taskMarker false>', 'open'])
  })
})

describe('links', () => {
  it('carries href and title', () => {
    expect(inline('a [t](https://e.org "Title") b')).toEqual({parts: ['a ', 't[link:https://e.org "Title"]', ' b'], warnings: []})
    expect(inline('a [t](https://e.org) b').parts).toEqual(['a ', 't[link:https://e.org]', ' b'])
  })

  it('keeps the text of anchors and of links without a URL, saying so', () => {
    expect(inline('a <a name="top">anchor</a> <a id="x">id</a> <a>none</a>')).toEqual({
      parts: ['a anchor id none'],
      warnings: ['html-anchor@1:3 anchor "top" is not carried: kept its text', 'html-anchor@1:28 anchor "x" is not carried: kept its text'],
    })
    expect(inline('a [empty]() b')).toEqual({parts: ['a empty b'], warnings: ['empty-url@1:3 link with an empty URL: kept its text without the link']})
    expect(inline('a <a href=" ">sp</a>').parts).toEqual(['a sp'])
  })

  it('drops an unsafe link but keeps its words, unless the words are the payload itself', () => {
    expect(inline('a [x](javascript:alert(1)) b')).toEqual({parts: ['a x b'], warnings: ['unsafe-url@1:3 link dropped, its text kept: the scheme "javascript:" is not allowed for a link']})
    expect(inline('a <a href="javascript:alert(1)">javascript:alert(1)</a> b')).toEqual({parts: ['a b'], warnings: ['unsafe-url@1:3 link dropped with its text: the scheme "javascript:" is not allowed for a link']})
    expect(inline('a <a href="ftp://x">ftp://x</a> b').parts).toEqual(['a ftp://x b'])
  })
})

describe('images', () => {
  it('makes an allowed image an inline image object', () => {
    expect(inline('a ![i](/x.png) b').parts).toEqual(['a ', '<inlineImage>', ' b'])
  })

  it('keeps the alt text of an image without a URL or with a refused one', () => {
    expect(inline('a <img src="" alt="gone"> b')).toEqual({parts: ['a gone b'], warnings: ['empty-image@1:3 image without a URL dropped, its alt text kept']})
    expect(inline('a <img src=""> b')).toEqual({parts: ['a b'], warnings: ['empty-image@1:3 image without a URL dropped']})
    expect(inline('a ![alt](javascript:x) b')).toEqual({parts: ['a alt b'], warnings: ['unsafe-url@1:3 image dropped: the scheme "javascript:" is not allowed for an image; its alt text kept']})
    expect(inline('a ![javascript:x](javascript:x) b')).toEqual({parts: ['a b'], warnings: ['unsafe-url@1:3 image dropped: the scheme "javascript:" is not allowed for an image; its alt text (the same URL) dropped too']})
    expect(inline('a ![](data:text/html,x) b')).toEqual({parts: ['a b'], warnings: ['unsafe-url@1:3 image dropped: only data:image/(png|gif|jpeg|webp) URLs are allowed for images']})
  })

  it('drops an alt text that repeats a dangerous source', () => {
    expect(inline('a <img alt="javascript:x" src="javascript:x"> b').parts).toEqual(['a b'])
    expect(inline('a <img alt="the text" src="javascript:x"> b').parts).toEqual(['a the text b'])
  })
})

describe('block-level elements inside inline content', () => {
  // Each as the HTML parser keeps it inside a heading (headings, table parts and <body> it moves).
  const BLOCK_LEVEL = ['p', 'div', 'section', 'article', 'aside', 'header', 'footer', 'main', 'nav', 'center', 'figure', 'figcaption', 'details', 'summary', 'address', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'fieldset', 'legend', 'hgroup']

  it.each(BLOCK_LEVEL)('keeps the text of <%s> in a heading on its own line, silently', (tag) => {
    expect(inline(`<h2>a<${tag}>b</${tag}>c</h2>`)).toEqual({parts: ['a\nb\nc'], warnings: []})
  })

  it('breaks the line at a rule in a heading', () => {
    expect(inline('<h2>a<hr>c</h2>')).toEqual({parts: ['a\nc'], warnings: []})
  })
})
