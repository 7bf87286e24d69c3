/**
 * Images (importer/portable-text/images.ts): an image alone in its paragraph (through one link
 * and a few plain wrappers) becomes a figure with src, alt or `decorative`, title, link, caption
 * and the resolved asset; anything more stays inline. Written against the mutants
 * `npm run mutation -- importer/portable-text/images.ts` found alive.
 */
import type {Element, ElementContent} from 'hast'
import {describe, expect, it} from 'vitest'
import {soleImage} from '../../importer/portable-text/images.ts'
import type {Block, Figure, PortableTextMember} from '../../importer/portable-text/index.ts'
import {convert} from '../portable-text/helpers.ts'

const figures = (members: readonly PortableTextMember[]) => members.filter((member): member is Figure => member._type === 'figure')

/** The one member, which must be a figure. */
function figureOf(markdown: string, extra?: Parameters<typeof convert>[1]) {
  const {members, rules, diagnostics} = convert(markdown, extra)
  expect(members.map((member) => member._type)).toEqual(['figure'])
  return {figure: members[0] as Figure, rules, diagnostics}
}

/** What is not a figure: one block whose children are listed by type. */
function inlineTypes(markdown: string): string[] {
  const {members} = convert(markdown)
  expect(figures(members)).toEqual([])
  return members.flatMap((member) => (member._type === 'block' ? (member as Block).children.map((child) => child._type) : [member._type]))
}

const el = (tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element => ({type: 'element', tagName, properties, children})
const img = (src: string) => el('img', {src, alt: 'A'})

describe('figures from lone images', () => {
  it('carries src, alt and title, and nothing it was not given', () => {
    const {figure, rules} = figureOf('![The alt](pics/a.png "The title")')
    expect(rules).toEqual([])
    expect(figure).toEqual({_type: 'figure', _key: expect.any(String), src: 'pics/a.png', alt: 'The alt', title: 'The title'})
    const bare = figureOf('![Only alt](b.png)').figure
    expect(Object.keys(bare).sort()).toEqual(['_key', '_type', 'alt', 'src'])
  })

  it('marks an image without alt text as decorative, and never as both', () => {
    const {figure} = figureOf('![](deco.png)')
    expect(figure.decorative).toBe(true)
    expect('alt' in figure).toBe(false)
    expect('decorative' in figureOf('![x](a.png)').figure).toBe(false)
  })

  it('uses what resolveImage returns: the resolved src and the asset hint, only when given', () => {
    const seen: string[] = []
    const resolveImage = (src: string) => {
      seen.push(src)
      return src.startsWith('local/') ? {src: `/site/${src}`, _sanityAsset: `image@file:///site/${src}`} : {src}
    }
    const local = figureOf('![A](local/a.png)', {resolveImage}).figure
    expect(local.src).toBe('/site/local/a.png')
    expect(local._sanityAsset).toBe('image@file:///site/local/a.png')
    const remote = figureOf('![B](https://example.org/b.png)', {resolveImage}).figure
    expect(remote.src).toBe('https://example.org/b.png')
    expect('_sanityAsset' in remote).toBe(false)
    expect(seen).toEqual(['local/a.png', 'https://example.org/b.png'])
  })

  it('accepts what the image policy allows and links do not: a raster data URL', () => {
    expect(figureOf('![A](data:image/png;base64,iVBORw0KGgo=)').figure.src).toBe('data:image/png;base64,iVBORw0KGgo=')
  })

  it('strips the whitespace HTML allows around a src', () => {
    expect(figureOf('<p><img src="  a.png\n" alt="A"></p>').figure.src).toBe('a.png')
  })

  it('keeps the link around the image as the figure href, with the schemes links allow', () => {
    expect(figureOf('[![A](a.png)](https://example.org/page)').figure.href).toBe('https://example.org/page')
    expect(figureOf('[![A](a.png)](mailto:board@example.org)').figure.href).toBe('mailto:board@example.org')
    // Only <a> is a link: an href on another element is not carried.
    expect('href' in figureOf('<p><span href="https://example.org"><img src="a.png" alt="A"></span></p>').figure).toBe(false)
    expect('href' in figureOf('![A](a.png)').figure).toBe(false)
  })

  it('drops a dangerous or empty link around the image with a located warning, and keeps the figure', () => {
    const unsafe = convert('Intro\n\n<a href="javascript:alert(1)"><img src="a.png" alt="A"></a>')
    expect(unsafe.members.map((member) => member._type)).toEqual(['block', 'figure'])
    expect('href' in (unsafe.members[1] as Figure)).toBe(false)
    expect(unsafe.diagnostics.list.map((d) => [d.rule, d.line, d.column])).toEqual([['unsafe-url', 3, 1]])
    expect(unsafe.diagnostics.list[0]?.message).toMatch(/^link around an image dropped: .*\(javascript:alert\(1\)\)$/)
    for (const href of ['', '   ']) {
      const empty = figureOf(`<a href="${href}"><img src="a.png" alt="A"></a>`)
      expect('href' in empty.figure).toBe(false)
      expect(empty.diagnostics.list.map((d) => [d.rule, d.message])).toEqual([['empty-url', 'link with an empty URL around an image dropped']])
    }
  })

  it('sees through whitespace, <br> and up to eight plain wrappers, but not nine', () => {
    expect(figureOf('<p>\n  <img src="a.png" alt="A"><br>\n</p>').figure.src).toBe('a.png')
    const wrapped = (depth: number) => `<p>${'<span>'.repeat(depth)}<img src="a.png" alt="A">${'</span>'.repeat(depth)}</p>`
    expect(figureOf(wrapped(8)).figure.alt).toBe('A')
    expect(inlineTypes(wrapped(9))).toEqual(['inlineImage'])
    expect(figureOf('<div><center><picture><img src="a.png" alt="A"></picture></center></div>').figure.src).toBe('a.png')
  })

  it('leaves an image with anything else beside it inline', () => {
    expect(inlineTypes('![A](a.png) and text')).toEqual(['inlineImage', 'span'])
    expect(inlineTypes('![A](a.png)![B](b.png)')).toEqual(['inlineImage', 'inlineImage'])
    expect(inlineTypes('*![A](a.png)*')).toEqual(['inlineImage'])
    expect(inlineTypes('<p><a name="anchor"><img src="a.png" alt="A"></a></p>')).toEqual(['inlineImage'])
    expect(inlineTypes('- ![A](a.png)')).toEqual(['inlineImage'])
  })

  it('reports an event handler on a wrapper of the image, and keeps the figure', () => {
    const {figure, rules} = figureOf('<div onclick="x()"><img src="a.png" alt="A"></div>')
    expect(figure.src).toBe('a.png')
    expect(rules).toEqual(['unsafe-content'])
  })

  it('turns an image without a usable src into text with a warning, not a figure', () => {
    const empty = convert('<p><img src="  " alt="kept alt"></p>')
    expect(figures(empty.members)).toEqual([])
    expect(empty.rules).toEqual(['empty-image'])
    expect(((empty.members[0] as Block).children[0] as {text: string}).text).toBe('kept alt')
    const unsafe = convert('![kept](javascript:alert(1))')
    expect(figures(unsafe.members)).toEqual([])
    expect(unsafe.rules).toEqual(['unsafe-url'])
  })

  it('carries a figcaption as the caption, and no caption when it is empty', () => {
    const {figure} = figureOf('<figure><img src="a.png" alt="A"><figcaption>The <em>caption</em></figcaption></figure>')
    expect(figure.caption?.map((block) => block.children.map((child) => ('text' in child ? child.text : '')).join(''))).toEqual(['The caption'])
    expect('caption' in figureOf('<figure><img src="a.png" alt="A"><figcaption> </figcaption></figure>').figure).toBe(false)
  })
})

describe('soleImage', () => {
  it('returns the image, the link and every element on the way', () => {
    const image = img('a.png')
    const span = el('span', {}, [image])
    const link = el('a', {href: 'https://example.org'}, [span])
    const div = el('div', {}, [{type: 'text', value: '\n'}, link, el('br', {})])
    expect(soleImage([div])).toEqual({image, link, path: [div, link, span, image]})
    expect(soleImage([image])).toEqual({image, link: undefined, path: [image]})
    for (const wrapper of ['span', 'div', 'p', 'picture', 'center']) {
      const element = el(wrapper, {}, [image])
      expect(soleImage([element])?.path).toEqual([element, image])
    }
    expect(soleImage([el('em', {}, [image])])).toBeUndefined()
  })

  it('looks through one link only, and not through a comment or a second image', () => {
    const nested = el('a', {href: 'https://a.org'}, [el('a', {href: 'https://b.org'}, [img('a.png')])])
    expect(soleImage([nested])).toBeUndefined()
    expect(soleImage([{type: 'comment', value: 'x'}, img('a.png')])).toBeUndefined()
    expect(soleImage([el('span', {}, [img('a.png')]), img('b.png')])).toBeUndefined()
    expect(soleImage([el('span', {}, [{type: 'text', value: 'words'}])])).toBeUndefined()
    expect(soleImage([])).toBeUndefined()
  })
})
