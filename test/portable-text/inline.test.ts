import {describe, expect, it} from 'vitest'
import type {Block, Span} from '../../importer/portable-text/index.ts'
import {blocks, convert, convertNodes, parse} from './helpers.ts'

/** The single block of a one-paragraph input. */
function one(markdown: string): Block {
  const result = blocks(convert(markdown).members)
  expect(result).toHaveLength(1)
  return result[0] as Block
}

/** `[text, marks as decorators or link hrefs]` per child, for readable assertions. */
function shape(block: Block): Array<[string, string[]]> {
  return block.children.map((child) => {
    if (child._type !== 'span') return [`<${child._type}>`, []]
    const marks = (child as Span).marks.map((mark) => {
      const def = block.markDefs.find((d) => d._key === mark)
      return def ? `link:${def.href}` : mark
    })
    return [child.text, marks]
  })
}

describe('inline markdown', () => {
  it('maps decorators', () => {
    expect(shape(one('a **b** *c* `d` ~~e~~ f'))).toEqual([
      ['a ', []], ['b', ['strong']], [' ', []], ['c', ['em']], [' ', []], ['d', ['code']],
      [' ', []], ['e', ['strike-through']], [' f', []],
    ])
  })

  it('nests decorators', () => {
    expect(shape(one('***both*** **bold *and em***'))).toEqual([
      ['both', ['em', 'strong']], [' ', []], ['bold ', ['strong']], ['and em', ['strong', 'em']],
    ])
  })

  it('keeps link href and text exactly, with title', () => {
    const block = one('see [the site](https://example.org/a_(b)?q=1&r=ü "Title") now')
    expect(shape(block)).toEqual([['see ', []], ['the site', ['link:https://example.org/a_(b)?q=1&r=ü']], [' now', []]])
    expect(block.markDefs[0]).toMatchObject({_type: 'link', title: 'Title'})
  })

  it('keeps autolinks and GFM autolink literals as mdast has them', () => {
    const block = one('<https://a.org/x> and www.b.org and c@d.org')
    expect(block.markDefs.map((d) => d.href)).toEqual(['https://a.org/x', 'http://www.b.org', 'mailto:c@d.org'])
  })

  it('resolves reference links and images through definitions', () => {
    const {members} = convert('[text][ref] and ![alt][img]\n\n[ref]: https://r.org "T"\n[img]: /img/i.png')
    const block = members[0] as Block
    expect(block.markDefs).toEqual([{_type: 'link', _key: expect.any(String), href: 'https://r.org', title: 'T'}])
    expect(block.children.at(-1)).toMatchObject({_type: 'inlineImage', src: '/img/i.png', alt: 'alt'})
    expect(members).toHaveLength(1)
  })

  it('uses definitions passed by the caller (the section does not hold them)', () => {
    const [paragraph, definition] = parse('[go][x] and [again]\n\n[x]: https://x.org\n[again]: /a').children
    const {members} = convertNodes([paragraph!], {definitions: parse('[x]: https://x.org\n[again]: /a').children.filter((n) => n.type === 'definition')})
    expect(definition?.type).toBe('definition')
    expect((members[0] as Block).markDefs.map((d) => d.href)).toEqual(['https://x.org', '/a'])
  })

  it('keeps an unresolved reference as text, with a warning', () => {
    const [paragraph] = parse('[missing][nope]\n\n[nope]: /x').children
    const {members, rules} = convertNodes([paragraph!])
    expect(shape(members[0] as Block)).toEqual([['[missing][nope]', []]])
    expect(rules).toContain('unresolved-reference')
  })

  it('turns hard breaks into \\n', () => {
    expect(shape(one('one  \ntwo\\\nthree'))).toEqual([['one\ntwo\nthree', []]])
  })

  it('turns soft line breaks into spaces', () => {
    expect(shape(one('one\ntwo'))).toEqual([['one two', []]])
  })

  it('makes footnote references inline objects', () => {
    const {members} = convert('Text[^1].\n\n[^1]: The note.')
    expect((members[0] as Block).children[1]).toMatchObject({_type: 'footnoteReference', label: '1'})
  })

  it('makes images among text inline images', () => {
    const block = one('Logo ![A](/img/a.png "T") here')
    expect(block.children[1]).toMatchObject({_type: 'inlineImage', src: '/img/a.png', alt: 'A', title: 'T'})
  })
})

describe('empty links', () => {
  it('drops an empty link without spilling its mark (heading link, then empty link, then text)', () => {
    const {members, rules, diagnostics} = convert('#### **[T](u)**\n\n[](u)***Name, Role***')
    expect(members).toHaveLength(2)
    const [heading, byline] = members as [Block, Block]
    expect(heading.style).toBe('h4')
    expect(shape(heading)).toEqual([['T', ['strong', 'link:u']]])
    expect(shape(byline)).toEqual([['Name, Role', ['em', 'strong']]])
    expect(byline.markDefs).toEqual([])
    expect(rules).toEqual(['empty-link'])
    expect(diagnostics.list[0]).toMatchObject({line: 3, column: 1})
    expect(diagnostics.list[0]?.message).toContain('u')
  })

  it('keeps the marks of later links exact after empty links', () => {
    const block = one('[](a) x [y](b) [](c) z [w](d)')
    expect(shape(block)).toEqual([['x ', []], ['y', ['link:b']], [' z ', []], ['w', ['link:d']]])
  })
})

describe('inline HTML', () => {
  it('maps formatting tags to decorators', () => {
    expect(shape(one('<b>b</b> <strong>s</strong> <i>i</i> <em>e</em> <code>c</code> <s>s</s> <del>d</del> <u>u</u> <sup>2</sup> <sub>x</sub> <span>p</span>'))).toEqual([
      ['b', ['strong']], [' ', []], ['s', ['strong']], [' ', []], ['i', ['em']], [' ', []], ['e', ['em']], [' ', []],
      ['c', ['code']], [' ', []], ['s', ['strike-through']], [' ', []], ['d', ['strike-through']], [' ', []],
      ['u', ['underline']], [' ', []], ['2', ['sup']], [' ', []], ['x', ['sub']], [' p', []],
    ])
  })

  it('maps <a href> to a link and <br> to \\n, mixing with markdown', () => {
    const block = one('Go <a href="https://x.org" target="_blank">**there**</a><br />now')
    expect(shape(block)).toEqual([['Go ', []], ['there', ['link:https://x.org', 'strong']], ['\nnow', []]])
  })

  it('maps <img> among text to an inline image', () => {
    const block = one('A <img src="/img/b.png" alt="B"> c')
    expect(block.children[1]).toMatchObject({_type: 'inlineImage', src: '/img/b.png', alt: 'B'})
  })

  it('never leaves literal tags in span text', () => {
    const block = one('x <b>y <i>z</i></b> <unknown-tag>kept</unknown-tag>')
    const text = block.children.map((c) => (c._type === 'span' ? c.text : '')).join('')
    expect(text).toBe('x y z kept')
    expect(text).not.toMatch(/[<>]/)
  })

  it('keeps the text of unknown elements and names the tag', () => {
    const {members, diagnostics} = convert('An <abbr title="x">ABBR</abbr> here')
    expect(shape(members[0] as Block)).toEqual([['An ABBR here', []]])
    expect(diagnostics.list.map((d) => d.message).join()).toContain('<abbr>')
  })
})
