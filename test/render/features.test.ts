import type {Element, Root} from 'hast'
import {describe, expect, test} from 'vitest'
import {renderBlocks, renderReportHtml} from '../../render/index.ts'
import type {ReportPage} from '../../render/index.ts'
import type {Footnote} from '../../schemas/sanity.types.ts'
import {FootnoteNumbers} from '../../render/footnotes.ts'
import {byTag, childElements, classesOf, elementsOf, importPage, parseDocument, textOf} from './helpers.ts'

const FEATURES = `---
title: Features
year: 2031
---

Intro with a footnote[^a] and ~~struck~~ text.

# Top level

| Left | Middle | Right |
|:-----|:------:|------:|
| a **b** | [c](https://example.org/c) | \`d\` |
| e | f | g |

\`\`\`ts
const x = 1 < 2 && "y"
\`\`\`

- [x] done
- [ ] todo

***

> quoted ![icon](/img/icon.png "Icon title")

Again[^a] and another[^b]. [Local](/about) and [mail](mailto:x@example.org).

###### Deepest

Text.

[^a]: The first note.
[^b]: The second note.
`

async function renderFeatures(): Promise<{page: ReportPage; tree: Root}> {
  const {page} = await importPage(FEATURES)
  return {page, tree: parseDocument(renderReportHtml(page))}
}

const inside = (node: Element) => node as unknown as Root

describe('every blockContent type has its HTML', () => {
  test('table: header rows in thead as th, other rows in tbody, alignment per column, cells as Portable Text', async () => {
    const {tree} = await renderFeatures()
    const [table] = byTag(tree, 'table')
    const [head, body] = childElements(table!)
    expect(head?.tagName).toBe('thead')
    expect(body?.tagName).toBe('tbody')
    expect(byTag(inside(head!), 'th').map(textOf)).toEqual(['Left', 'Middle', 'Right'])
    expect(byTag(inside(body!), 'tr')).toHaveLength(2)
    expect(byTag(inside(table!), 'th').map((cell) => classesOf(cell))).toEqual([['align-left'], ['align-center'], ['align-right']])
    const firstRow = byTag(inside(body!), 'td').slice(0, 3)
    expect(byTag(inside(firstRow[0]!), 'strong').map(textOf)).toEqual(['b'])
    expect(byTag(inside(firstRow[1]!), 'a').map((a) => a.properties.href)).toEqual(['https://example.org/c'])
    expect(byTag(inside(firstRow[2]!), 'code').map(textOf)).toEqual(['d'])
  })

  test('code block: pre > code with a language class and the code verbatim', async () => {
    const {tree} = await renderFeatures()
    const [pre] = byTag(tree, 'pre')
    const [code] = childElements(pre!)
    expect(code?.tagName).toBe('code')
    expect(classesOf(code!)).toEqual(['language-ts'])
    expect(textOf(code!)).toBe('const x = 1 < 2 && "y"')
  })

  test('divider, task markers, blockquote, inline image, strike-through', async () => {
    const {tree} = await renderFeatures()
    expect(byTag(tree, 'hr')).toHaveLength(1)
    const boxes = byTag(tree, 'input')
    expect(boxes.map((box) => [box.properties.type, box.properties.disabled, box.properties.checked === true])).toEqual([
      ['checkbox', true, true],
      ['checkbox', true, false],
    ])
    const [quote] = byTag(tree, 'blockquote')
    const [icon] = byTag(inside(quote!), 'img')
    expect(icon?.properties).toMatchObject({src: '/img/icon.png', alt: 'icon', title: 'Icon title'})
    expect(byTag(tree, 'del').map(textOf)).toEqual(['struck'])
  })

  test('footnotes are numbered by first reference and linked both ways', async () => {
    const {tree} = await renderFeatures()
    const refs = byTag(tree, 'sup').filter((sup) => classesOf(sup).includes('footnote-ref')).map((sup) => childElements(sup)[0]!)
    expect(refs.map((a) => [textOf(a), a.properties.href, a.properties.id])).toEqual([
      ['1', '#fn-1', 'fnref-1'],
      ['1', '#fn-1', 'fnref-1-2'],
      ['2', '#fn-2', 'fnref-2'],
    ])
    const notes = byTag(tree, 'aside').filter((aside) => classesOf(aside).includes('footnote'))
    expect(notes.map((note) => note.properties.id)).toEqual(['fn-1', 'fn-2'])
    for (const [index, note] of notes.entries()) {
      expect(byTag(inside(note), 'a').map((a) => a.properties.href)).toContain(`#fnref-${index + 1}`)
    }
    expect(textOf(notes[0]!)).toContain('The first note.')
    // Every in-page link lands on an element that exists.
    const ids = new Set(elementsOf(tree).map(({node}) => node.properties.id))
    const internal = byTag(tree, 'a').map((a) => String(a.properties.href)).filter((href) => href.startsWith('#'))
    expect(internal.filter((href) => !ids.has(href.slice(1)))).toEqual([])
  })

  test('a footnote nobody references gets a number but no dangling back link', () => {
    const lonely: Footnote & {_key: string} = {_type: 'footnote', _key: 'f', label: 'x', content: [{_type: 'block', _key: 'b', children: [{_type: 'span', _key: 's', text: 'Lonely.', marks: []}], markDefs: []}]}
    const html = renderBlocks([lonely], {
      image: () => undefined,
      project: () => undefined,
      reference: () => undefined,
      footnotes: new FootnoteNumbers(),
      headingLevel: 1,
    })
    const tree = parseDocument(html)
    expect(byTag(tree, 'aside')[0]?.properties.id).toBe('fn-1')
    expect(byTag(tree, 'a')).toEqual([])
  })

  test('section levels follow the outline: the first pieces are h2 under the page h1, a deeper piece one below its parent; links: external ones get rel=noopener', async () => {
    const {page, tree} = await renderFeatures()
    expect(page.sections?.map((section) => section.level)).toEqual([1, 2])
    const sections = byTag(tree, 'section')
    // Level 6 right after level 1 is one step deeper in the outline: h3, not h6 (no skipped heading levels).
    expect(sections.map((section) => childElements(section)[0]?.tagName)).toEqual(['h2', 'h3'])
    const anchors = new Map(byTag(tree, 'a').map((a) => [String(a.properties.href), a.properties.rel]))
    expect(anchors.get('https://example.org/c')).toEqual(['noopener'])
    expect(anchors.get('/about')).toBeUndefined()
    expect(anchors.has('/about')).toBe(true)
    expect(anchors.has('mailto:x@example.org')).toBe(true)
  })
})

describe('references and images', () => {
  const span = (text: string, marks: string[] = []) => ({_type: 'span' as const, _key: `s${text.length}`, text, marks})
  const basePage = (): ReportPage => ({
    _id: 'report-2040',
    title: 'Linked',
    subtitle: null,
    year: 2040,
    slug: '2040',
    seo: null,
    heroImage: {_type: 'figure', asset: {_type: 'reference', _ref: 'image-0123456789abcdef0123456789abcdef01234567-640x480-png'}, alt: 'Hero', src: '/img/hero.png'},
    intro: [
      {
        _type: 'block',
        _key: 'b1',
        style: 'normal',
        markDefs: [
          {_type: 'internalLink', _key: 'm1', reference: {_type: 'reference', _ref: 'section-2040-later'}},
          {_type: 'internalLink', _key: 'm2', reference: {_type: 'reference', _ref: 'author-nobody'}},
          {_type: 'internalLink', _key: 'm3', reference: {_type: 'reference', _ref: 'section-2039-old'}},
        ],
        children: [span('to later', ['m1']), span(' and '), span('to nobody', ['m2']), span(' and '), span('to last year', ['m3'])],
      },
      {_type: 'projectCard', _key: 'p1', project: {_type: 'reference', _ref: 'project-thing'}},
      {_type: 'projectCard', _key: 'p2', project: {_type: 'reference', _ref: 'project-unknown'}},
    ],
    sections: [
      {_id: 'section-2040-later', title: 'Later', level: 2, untitled: null, link: null, byline: null, slug: 'later', body: null, authors: [{_id: 'author-a', name: 'Ann Author', slug: 'ann-author', role: null, organisation: null}], projects: [{_id: 'project-thing', name: 'Thing', website: 'https://thing.example/', slug: 'thing'}]},
    ],
  })

  test('internal links resolve to in-page anchors or the given resolver, else stay text', () => {
    const html = renderReportHtml(basePage(), {resolveReference: (id) => (id === 'section-2039-old' ? '../2039/index.html#old' : undefined)})
    const tree = parseDocument(html)
    const links = new Map(byTag(tree, 'a').map((a) => [textOf(a), a.properties.href]))
    expect(links.get('to later')).toBe('#later')
    expect(links.get('to last year')).toBe('../2039/index.html#old')
    expect(links.has('to nobody')).toBe(false)
    expect(textOf(byTag(tree, 'p').find((p) => textOf(p).startsWith('to later'))!)).toBe('to later and to nobody and to last year')
  })

  test('project cards use the page projects, given projects add the logo, unknown projects render nothing', () => {
    const plain = parseDocument(renderReportHtml(basePage()))
    const cards = (tree: Root) => byTag(tree, 'aside').filter((aside) => classesOf(aside).includes('project-card'))
    expect(cards(plain).map(textOf)).toEqual(['Thing'])
    expect(byTag(inside(cards(plain)[0]!), 'a').map((a) => a.properties.href)).toEqual(['https://thing.example/'])
    const withLogo = parseDocument(
      renderReportHtml(basePage(), {projects: [{_id: 'project-thing', name: 'Thing', logo: {_type: 'imageWithAlt', src: '/img/thing.svg'}}]}),
    )
    const [logo] = byTag(inside(cards(withLogo)[0]!), 'img')
    expect(logo?.properties).toMatchObject({src: '/img/thing.svg', alt: 'Thing'})
  })

  test('byline falls back to the authors when the section has none', () => {
    const tree = parseDocument(renderReportHtml(basePage()))
    expect(byTag(tree, 'p').filter((p) => classesOf(p).includes('byline')).map(textOf)).toEqual(['Ann Author'])
  })

  test('asset images: src without a host, the Sanity CDN with a project, the lake with a base URL; the asset before the caller; a warning when neither', () => {
    const heroSrc = (options: Parameters<typeof renderReportHtml>[1]) => byTag(parseDocument(renderReportHtml(basePage(), options)), 'img')[0]?.properties.src
    expect(heroSrc({})).toBe('/img/hero.png')
    expect(heroSrc({imageHost: {projectId: 'abc123', dataset: 'production'}})).toBe(
      'https://cdn.sanity.io/images/abc123/production/0123456789abcdef0123456789abcdef01234567-640x480.png',
    )
    expect(heroSrc({imageHost: {projectId: 'offline', dataset: 'staging', baseUrl: 'http://127.0.0.1:4000'}})).toBe(
      'http://127.0.0.1:4000/images/offline/staging/0123456789abcdef0123456789abcdef01234567-640x480.png',
    )
    expect(heroSrc({imageUrl: (image) => `https://img.example${image.src}`})).toBe('https://img.example/img/hero.png')
    // Whatever the caller returns is still checked.
    expect(heroSrc({imageUrl: () => 'javascript:alert(1)'})).toBeUndefined()
    // A pushed image (asset + host) uses its asset URL even when the caller knows a file.
    expect(heroSrc({imageUrl: () => '../img/hero.png', imageHost: {projectId: 'abc123', dataset: 'production'}})).toMatch(/^https:\/\/cdn\.sanity\.io\//)
    const unresolved: Array<string | null | undefined> = []
    heroSrc({onUnresolvedImage: (image) => unresolved.push(image.src)})
    expect(unresolved).toEqual(['/img/hero.png'])
    unresolved.length = 0
    heroSrc({onUnresolvedImage: (image) => unresolved.push(image.src), imageUrl: () => '../img/hero.png'})
    expect(unresolved).toEqual([])
  })
})
