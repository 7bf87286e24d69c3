import {describe, expect, it} from 'vitest'
import type {Block, CodeBlock, Divider, Figure, Footnote, PortableTextMember, Table} from '../../importer/portable-text/index.ts'
import {blocks, convert} from './helpers.ts'

const text = (block: PortableTextMember | undefined) =>
  block && block._type === 'block' ? block.children.map((c) => (c._type === 'span' ? c.text : `<${c._type}>`)).join('') : undefined

describe('figures', () => {
  it('makes an image alone in its paragraph a figure', () => {
    const {members} = convert('![Alt text](/img/a.png "A title")')
    expect(members).toEqual([{_type: 'figure', _key: expect.any(String), src: '/img/a.png', alt: 'Alt text', title: 'A title'}])
  })

  it('carries the link around a lone image as href', () => {
    const {members} = convert('[![Logo](/img/l.svg)](https://l.org)')
    expect(members[0]).toMatchObject({_type: 'figure', href: 'https://l.org', src: '/img/l.svg', alt: 'Logo'})
  })

  it('maps a raw HTML logo block to one figure with href, alt and src', () => {
    const {members, rules} = convert(
      '<div style="text-align:center"><a href="https://x.org" target="_blank"><img src="/img/x.svg" alt="X Logo"/></a></div>',
    )
    expect(members).toEqual([
      {_type: 'figure', _key: expect.any(String), src: '/img/x.svg', alt: 'X Logo', href: 'https://x.org'},
    ])
    expect(rules).toEqual([])
  })

  it('uses resolveImage for what the image carries', () => {
    const {members} = convert('![a](/img/a.png)\n\nx ![b](/img/b.png)', {
      resolveImage: (src) => ({src, _sanityAsset: `image@file:///content${src}`}),
    })
    expect(members[0]).toMatchObject({_type: 'figure', _sanityAsset: 'image@file:///content/img/a.png'})
    expect((members[1] as Block).children[1]).toMatchObject({_type: 'inlineImage', _sanityAsset: 'image@file:///content/img/b.png'})
  })

  it('keeps <figure> captions as Portable Text: words, emphasis and links', () => {
    const {members, rules} = convert('<figure><img src="/a.png" alt="A"><figcaption>The <b>caption</b> of <a href="https://example.org/src">the source</a></figcaption></figure>')
    expect(rules).toEqual([])
    expect(members).toEqual([{_type: 'figure', _key: expect.any(String), src: '/a.png', alt: 'A', caption: [expect.objectContaining({_type: 'block', style: 'normal'})]}])
    const caption = (members[0] as {caption: Array<{children: Array<{text: string; marks: string[]}>; markDefs: Array<{_key: string; href: string}>}>}).caption[0]!
    expect(caption.children.map((span) => span.text).join('')).toBe('The caption of the source')
    expect(caption.children.find((span) => span.text === 'caption')!.marks).toEqual(['strong'])
    const link = caption.children.find((span) => span.text === 'the source')!
    expect(caption.markDefs).toEqual([{_type: 'link', _key: link.marks[0], href: 'https://example.org/src'}])
  })

  it('drops an image with an empty URL, keeping its alt text, with a warning', () => {
    const empty = convert('![]()')
    expect(empty.members).toEqual([])
    expect(empty.rules).toEqual(['empty-image'])
    const withAlt = convert('![Kept alt]()')
    expect(text(withAlt.members[0])).toBe('Kept alt')
    expect(withAlt.rules).toEqual(['empty-image'])
  })
})

describe('HTML blocks', () => {
  it('produces no block for <br /> or whitespace-only blocks', () => {
    const {members, rules} = convert('a\n\n<br />\n\n<br/><br>\n\n<p> </p>\n\nb')
    expect(members.map(text)).toEqual(['a', 'b'])
    expect(rules).toEqual([])
  })

  it('maps paragraphs, headings, lists, quotes, code, rules and tables', () => {
    const {members} = convert([
      '<div><p>One <a href="/x">link</a></p><h3>Head</h3>',
      '<ul><li>item <b>b</b><ol><li>inner</li></ol></li></ul>',
      '<blockquote>Quoted</blockquote><pre><code class="language-js">let a = 1\n  b</code></pre><hr>',
      '<table><tr><th>H</th></tr><tr><td>c</td></tr></table></div>',
    ].join(''))
    expect(members.map((m) => [m._type, m._type === 'block' ? [m.style, m.listItem, m.level, text(m)] : undefined])).toEqual([
      ['block', ['normal', undefined, undefined, 'One link']],
      ['block', ['h3', undefined, undefined, 'Head']],
      ['block', ['normal', 'bullet', 1, 'item b']],
      ['block', ['normal', 'number', 2, 'inner']],
      ['block', ['blockquote', undefined, undefined, 'Quoted']],
      ['codeBlock', undefined],
      ['divider', undefined],
      ['table', undefined],
    ])
    expect(members[5]).toMatchObject({code: 'let a = 1\n  b', language: 'js'})
    expect((members[7] as Table).rows.map((r) => r.header)).toEqual([true, false])
  })

  it('reports and drops HTML comments', () => {
    const {members, rules} = convert('<!-- hidden note -->\n\ntext <!-- inline --> more')
    expect(members.map(text)).toEqual(['text more'])
    expect(rules).toEqual(['html-comment', 'html-comment'])
  })

  it('joins an element opened in one HTML block and closed in a later one', () => {
    const {members} = convert('<div>\n\n**inside**\n\n</div>')
    expect(members.map(text)).toEqual(['inside'])
  })

  it('emits blockHook members in place of the node', () => {
    const card = {_type: 'projectCard' as const, _key: 'k1', project: {_type: 'reference' as const, _ref: 'project-x'}}
    const {members} = convert('before\n\n<div class="logo"><img src="/x.svg" alt="X Logo"></div>\n\nafter', {
      blockHook: (node) => (node.type === 'html' && node.value.includes('logo') ? [card] : undefined),
    })
    expect(members.map((m) => m._type)).toEqual(['block', 'projectCard', 'block'])
    expect(members[1]).toBe(card)
  })
})

describe('lists', () => {
  it('sets listItem and level, nested lists one level deeper', () => {
    const {members} = convert('- a\n  - b\n    1. c\n- d')
    expect(blocks(members).map((b) => [b.listItem, b.level, text(b)])).toEqual([
      ['bullet', 1, 'a'], ['bullet', 2, 'b'], ['number', 3, 'c'], ['bullet', 1, 'd'],
    ])
  })

  it('keeps a second paragraph at the same level and a code block in order', () => {
    const {members} = convert('- first\n\n  second\n\n  ```sh\n  ls\n  ```\n- next')
    expect(members.map((m) => (m._type === 'block' ? [m.listItem, m.level, text(m)] : m._type))).toEqual([
      ['bullet', 1, 'first'], ['bullet', 1, 'second'], 'codeBlock', ['bullet', 1, 'next'],
    ])
  })

  it('keeps a start number other than 1 on the list\'s first item', () => {
    const {members, rules} = convert('3. three\n4. four')
    expect(blocks(members).map((b) => [b.listItem, b.start])).toEqual([['number', 3], ['number', undefined]])
    expect(rules).toEqual([])
  })

  it('keeps numbering that continues across paragraphs (questionnaires), nested lists too', () => {
    const {members} = convert('1. First?\n\n   - an answer\n\nA paragraph between.\n\n2. Second?\n\n   7. nested seven\n   8. nested eight\n\nMore text.\n\n0. Zero starts too')
    expect(blocks(members).map((b) => [b.listItem ?? 'p', b.level ?? 0, b.start])).toEqual([
      ['number', 1, undefined],
      ['bullet', 2, undefined],
      ['p', 0, undefined],
      ['number', 1, 2],
      ['number', 2, 7],
      ['number', 2, undefined],
      ['p', 0, undefined],
      ['number', 1, 0],
    ])
  })

  it('puts a taskMarker first in GFM task items', () => {
    const {members} = convert('- [x] done\n- [ ] open\n- plain')
    expect(blocks(members).map((b) => b.children[0])).toEqual([
      {_type: 'taskMarker', _key: expect.any(String), checked: true},
      {_type: 'taskMarker', _key: expect.any(String), checked: false},
      expect.objectContaining({_type: 'span', text: 'plain'}),
    ])
    expect(text(members[0])).toBe('<taskMarker>done')
  })
})

describe('blockquotes and headings', () => {
  it('styles quoted paragraphs blockquote; lists inside keep the quote style', () => {
    const {members} = convert('> quoted *text*\n>\n> - item')
    expect(blocks(members).map((b) => [b.style, b.listItem, text(b)])).toEqual([
      ['blockquote', undefined, 'quoted text'], ['blockquote', 'bullet', 'item'],
    ])
  })

  it('keeps headings in a quote as headings, with a warning', () => {
    const {members, rules} = convert('> ## Title\n> body')
    expect(blocks(members).map((b) => b.style)).toEqual(['h2', 'blockquote'])
    expect(rules).toContain('blockquote-content')
  })

  it('maps markdown headings it is given to h1–h6', () => {
    const {members} = convert('# a\n\n###### f')
    expect(blocks(members).map((b) => b.style)).toEqual(['h1', 'h6'])
  })
})

describe('block objects', () => {
  it('maps fenced code with language and meta, exact text', () => {
    const {members} = convert('```ts title="x.ts"\n\n  const a = "<b>"\n```\n\n    indented')
    expect(members as CodeBlock[]).toEqual([
      {_type: 'codeBlock', _key: expect.any(String), language: 'ts', meta: 'title="x.ts"', code: '\n  const a = "<b>"'},
      {_type: 'codeBlock', _key: expect.any(String), code: 'indented'},
    ])
  })

  it('maps thematic breaks to dividers with their marker', () => {
    const {members} = convert('a\n\n***\n\nb\n\n- - -')
    expect(members.filter((m): m is Divider => m._type === 'divider').map((d) => d.style)).toEqual(['***', '- - -'])
  })

  it('maps GFM tables with alignment and marked-up cells', () => {
    const {members} = convert('| a | **b** | c |\n|:--|:-:|--:|\n| [l](/x) | `y` |')
    const table = members[0] as Table
    expect(table.align).toEqual(['left', 'center', 'right'])
    expect(table.rows.map((r) => [r.header, r.cells.map((c) => text(c.content[0]))])).toEqual([
      [true, ['a', 'b', 'c']],
      [false, ['l', 'y', undefined]],
    ])
    const linkCell = table.rows[1]?.cells[0]?.content[0] as Block
    expect(linkCell.markDefs[0]?.href).toBe('/x')
    expect(linkCell.children[0]).toMatchObject({marks: [linkCell.markDefs[0]?._key]})
  })

  it('maps footnote definitions to footnotes with block content', () => {
    const {members} = convert('Text[^note].\n\n[^note]: The *note*.\n\n    more')
    const footnote = members.find((m): m is Footnote => m._type === 'footnote')
    expect(footnote?.label).toBe('note')
    expect(footnote?.content.map(text)).toEqual(['The note.', 'more'])
  })

  it('produces nothing for definitions and front matter-like yaml nodes', () => {
    const {members} = convert('[x]: https://x.org')
    expect(members).toEqual([])
  })

  it('does not treat images mixed with text as figures', () => {
    const {members} = convert('![a](/a.png) and text')
    expect(members.map((m) => m._type)).toEqual(['block'])
    expect((members[0] as Block).children[0]?._type).toBe('inlineImage')
  })

  it('keeps figures unlisted only outside lists', () => {
    const {members} = convert('- ![a](/a.png)')
    expect((members[0] as Block).listItem).toBe('bullet')
    expect((members[0] as Figure)._type).toBe('block')
  })
})
