/**
 * Block structure (importer/portable-text/blocks.ts) from markdown and HTML as authors write it:
 * which elements become blocks, which only group, how inline wrappers around blocks are pushed
 * into them, what a blockquote keeps, and the located warnings for what changes. Each case is
 * checked against a compact form of the output (`style[/list level]:span texts[marks]`).
 * Written against the mutants `npm run mutation -- importer/portable-text/blocks.ts` found alive.
 */
import {describe, expect, it} from 'vitest'
import type {PortableTextMember} from '../../importer/portable-text/index.ts'
import {convert} from '../portable-text/helpers.ts'

/** Blocks as `style[/listLevel]:text[marks]|…`, other members as their type. */
function brief(members: readonly PortableTextMember[]): string[] {
  return members.map((member) => {
    if (member._type !== 'block') return member._type
    const block = member as unknown as {style: string; listItem?: string; level?: number; children: Array<{_type: string; text?: string; marks?: string[]}>}
    const list = block.listItem ? `/${block.listItem}${block.level}` : ''
    const spans = block.children.map((child) => (child._type === 'span' ? `${child.text}${child.marks?.length ? `[${child.marks.join(',')}]` : ''}` : `<${child._type}>`))
    return `${block.style}${list}:${spans.join('|')}`
  })
}

function converted(source: string) {
  const {members, diagnostics} = convert(source)
  return {blocks: brief(members), warnings: diagnostics.list.map((d) => `${d.rule}@${d.line}:${d.column}`)}
}

describe('inline wrappers around blocks', () => {
  it.each([
    ['<em><p>a</p><p>b</p></em>', ['normal:a[em]', 'normal:b[em]']],
    ['<strong>x<p>a</p>y</strong>', ['normal:x[strong]', 'normal:a[strong]', 'normal:y[strong]']],
    ['<em>a<div>b<em>c<p>d</p></em></div></em>', ['normal:a[em]', 'normal:bc[em]', 'normal:d[em]']],
    ['<strong> <p>a</p> </strong>', ['normal:a[strong]']],
  ])('%s: each block keeps the mark', (html, blocks) => {
    expect(converted(html)).toEqual({blocks, warnings: []})
  })
})

describe('containers and paragraph elements', () => {
  it.each([
    ['<div><section><article><p>a</p></article></section></div>', ['normal:a']],
    ['<dl><dt>term</dt><dd>definition</dd></dl>', ['normal:term', 'normal:definition']],
    ['<details><summary>more</summary><p>hidden</p></details>', ['normal:more', 'normal:hidden']],
    ['<address>1 Main St</address><fieldset><legend>L</legend></fieldset>', ['normal:1 Main St', 'normal:L']],
    ['<li>loose item</li>', ['normal/bullet1:loose item']],
    ['<h1>a</h1><h2>b</h2><h3>c</h3><h4>d</h4><h5>e</h5><h6>f</h6>', ['h1:a', 'h2:b', 'h3:c', 'h4:d', 'h5:e', 'h6:f']],
    ['text <b>run</b> <div>block</div> tail', ['normal:text |run[strong]', 'normal:block', 'normal:tail']],
    ['<pre>raw pre</pre><hr>', ['codeBlock', 'divider']],
    ['<ul><li>a<ol><li>b</li></ol></li></ul>', ['normal/bullet1:a', 'normal/number2:b']],
  ])('%s', (html, blocks) => {
    expect(converted(html)).toEqual({blocks, warnings: []})
  })
})

describe('blockquotes', () => {
  it('keeps a heading, code and a rule inside a quote without the quote, and says so where', () => {
    expect(converted('> ## Title\n> text')).toEqual({blocks: ['h2:Title', 'blockquote:text'], warnings: ['blockquote-content@1:3']})
    expect(converted('> ```\n> code\n> ```')).toEqual({blocks: ['codeBlock'], warnings: ['blockquote-content@1:3']})
    expect(converted('> ***')).toEqual({blocks: ['divider'], warnings: ['blockquote-content@1:3']})
  })

  it('flattens nested quotes to one level, warning once per quote nested in the first', () => {
    expect(converted('> > inner')).toEqual({blocks: ['blockquote:inner'], warnings: ['nested-blockquote@1:3']})
    expect(converted('<blockquote><blockquote><blockquote>three</blockquote></blockquote></blockquote>')).toEqual({blocks: ['blockquote:three'], warnings: ['nested-blockquote@1:13']})
  })

  it('names the member kept without the quote', () => {
    const {diagnostics} = convert('> ```\n> code\n> ```\n>\n> ---')
    expect(diagnostics.list.map((d) => d.message)).toEqual(['codeBlock inside a blockquote: kept, without the quote', 'divider inside a blockquote: kept, without the quote'])
    expect(convert('> # T').diagnostics.list[0]?.message).toBe('heading inside a blockquote: kept as h1, without the quote')
  })
})

describe('other members', () => {
  it('drops comments with a located note, and keeps a divider’s marker', () => {
    expect(converted('<!-- c -->\n\npara')).toEqual({blocks: ['normal:para'], warnings: ['html-comment@1:1']})
    expect(convert('<hr data-marker="x">').members[0]).toMatchObject({_type: 'divider', style: 'x'})
    expect(convert('***').members[0]).toMatchObject({_type: 'divider', style: '***'})
  })

  it('makes a footnote definition a footnote member with its own blocks', () => {
    const {members} = convert('Text[^1]\n\n[^1]: The note.')
    expect(brief(members)).toEqual(['normal:Text|<footnoteReference>', 'footnote'])
    expect(members[1]).toMatchObject({_type: 'footnote', label: '1'})
    expect(brief((members[1] as unknown as {content: PortableTextMember[]}).content)).toEqual(['normal:The note.'])
  })

  it('marks task items and keeps each item’s text', () => {
    const {members} = convert('- [ ] todo\n- [x] done')
    expect(brief(members)).toEqual(['normal/bullet1:<taskMarker>|todo', 'normal/bullet1:<taskMarker>|done'])
  })
})

describe('footnotes hold text blocks only', () => {
  it('turns code into a code-marked block and an image into an inline image, and reports what it drops', () => {
    const source = 'Text[^1]\n\n[^1]: Note with code:\n\n    ```\n    x = 1\n    ```\n\n    ![alt](/img.png)\n\n    [![linked](/i.png)](https://e.org)\n\n    ---\n'
    const {members, diagnostics} = convert(source)
    const content = (members[1] as unknown as {content: PortableTextMember[]}).content
    expect(brief(content)).toEqual(['normal:Note with code:', 'normal:x = 1[code]', 'normal:<inlineImage>', 'normal:<inlineImage>'])
    const images = content.slice(2).map((block) => (block as unknown as {children: Array<{src: string}>}).children[0]?.src)
    expect(images).toEqual(['/img.png', '/i.png'])
    expect(diagnostics.list.map((d) => `${d.rule}@${d.line}:${d.column} ${d.message}`)).toEqual([
      'footnote-content@3:1 link/caption of an image in a footnote is not carried',
      'footnote-content@3:1 divider inside footnote [1] is not carried (footnotes hold text blocks only)',
    ])
  })
})

describe('messages', () => {
  it('words the comment and nested-quote notes', () => {
    expect(convert('<!-- c -->\n\npara').diagnostics.list[0]?.message).toBe('HTML comment dropped (comments are not shown on the site)')
    expect(convert('> > inner').diagnostics.list[0]?.message).toBe('blockquote inside a blockquote: nested quotes are kept as one quote level')
  })
})
