import type {Element, Root} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {beforeAll, describe, expect, test} from 'vitest'
import type {StoredDocument} from '../../queries/run-local.ts'
import {runLocalQuery} from '../../queries/run-local.ts'
import {renderReportHtml, siteDataQuery, siteRenderOptions} from '../../render/index.ts'
import type {ReportPage, SiteData} from '../../render/index.ts'
import {findObjects} from '../helpers/json.ts'
import {outlineDepths} from '../../queries/outline.ts'
import {wordsOf} from '../helpers/text.ts'
import {byTag, childElements, classesOf, elementsOf, headingLevel, importPage, normalText, parseDocument, sampleMarkdown, textOf, wordsText} from './helpers.ts'

// Expectations come from the imported documents, never from the sample's own wording.
let documents: StoredDocument[]
let page: ReportPage
let html: string
let tree: Root

interface Span {
  _type: string
  text?: string
  marks?: string[]
}
interface Block {
  _type: 'block'
  children?: Span[]
  markDefs?: Array<{_key: string; _type: string; href?: string}>
}

const byId = (id: string) => documents.find((document) => document._id === id)

beforeAll(async () => {
  ;({documents, page} = await importPage(sampleMarkdown(), 'content/annual-report-2022.md'))
  const site = await runLocalQuery<SiteData>(siteDataQuery, documents)
  html = renderReportHtml(page, siteRenderOptions(site))
  tree = parseDocument(html)
})

describe('the sample report renders as a complete document', () => {
  test('doctype, charset, title from seo.title or title, one h1 with the report title', () => {
    expect(tree.children[0]?.type).toBe('doctype')
    const errors: string[] = []
    fromHtml(html, {
      onerror: (error) => {
        errors.push(`${error.line}:${error.column} ${error.reason}`)
      },
    })
    expect(errors).toEqual([])
    const report = documents.find((document) => document._type === 'report') as StoredDocument & {title: string; seo?: {title?: string}}
    expect(byTag(tree, 'meta').some((meta) => String(meta.properties.charSet).toLowerCase() === 'utf-8')).toBe(true)
    const titles = byTag(tree, 'title')
    expect(titles).toHaveLength(1)
    expect(textOf(titles[0]!)).toBe(normalText(report.seo?.title || report.title))
    const h1 = byTag(tree, 'h1')
    expect(h1.map(textOf)).toEqual([normalText(report.title)])
  })

  test('every section, in outline order, is a <section> whose heading has the level of section.level', () => {
    const report = documents.find((document) => document._type === 'report') as StoredDocument & {sections: Array<{_ref: string}>}
    const sections = report.sections.map((ref) => byId(ref._ref) as StoredDocument & {title: string; level: number; untitled?: boolean; link?: string; slug: {current: string}})
    expect(sections.length).toBeGreaterThan(0)
    const rendered = byTag(tree, 'section')
    expect(rendered.map((section) => section.properties.id)).toEqual(sections.map((section) => section.slug.current))
    // The page's h1 is the report title: outline depth 1 shows as h2, each depth one below its parent.
    const depths = outlineDepths(sections.map((section) => section.level))
    for (const [index, section] of sections.entries()) {
      const first = childElements(rendered[index]!)[0]
      if (section.untitled) {
        expect(first && headingLevel(first), `untitled section ${section._id} has no heading`).toBeUndefined()
        continue
      }
      expect(first && headingLevel(first), section._id).toBe(Math.min(6, depths[index]! + 1))
      expect(textOf(first!)).toBe(normalText(section.title))
      if (section.link) expect(byTag(first as unknown as Root, 'a').map((a) => a.properties.href)).toEqual([section.link])
    }
    // The page's section headings are exactly the titled sections: no heading lost, none invented.
    const sectionHeadings = rendered.map((section) => childElements(section)[0]).filter((first): first is Element => first !== undefined && headingLevel(first) !== undefined)
    expect(sectionHeadings.map(textOf)).toEqual(sections.filter((section) => !section.untitled).map((section) => normalText(section.title)))
  })

  test('every link annotation is an <a href> with the text of its spans', () => {
    const anchors = byTag(tree, 'a').map((a) => `${String(a.properties.href)} → ${textOf(a)}`)
    const expected: string[] = []
    for (const block of findObjects(documents, (object) => object._type === 'block') as unknown as Block[]) {
      for (const def of block.markDefs ?? []) {
        if (def._type !== 'link') continue
        // Each run of consecutive spans carrying the annotation is one link.
        let run: string | undefined
        for (const child of [...(block.children ?? []), undefined]) {
          if (child?.marks?.includes(def._key)) run = (run ?? '') + (child.text ?? '')
          else if (run !== undefined) {
            expected.push(`${def.href} → ${normalText(run.replace(/\n/g, ''))}`)
            run = undefined
          }
        }
      }
    }
    expect(expected.length).toBeGreaterThan(0)
    expect(expected.filter((link) => !anchors.includes(link))).toEqual([])
  })

  test('every figure is an <img> with its alt and src, inside an <a> when it has an href', () => {
    const figures = findObjects(documents, (object) => object._type === 'figure') as Array<{src?: string; alt?: string; href?: string}>
    expect(figures.length).toBeGreaterThan(0)
    const images = elementsOf(tree).filter(({node}) => node.tagName === 'img')
    for (const figure of figures) {
      const match = images.find(({node}) => node.properties.src === figure.src && node.properties.alt === (figure.alt ?? ''))
      expect(match, `figure ${figure.src}`).toBeDefined()
      if (figure.href) {
        expect((match!.parent as Element).tagName).toBe('a')
        expect((match!.parent as Element).properties.href).toBe(figure.href)
      }
    }
  })

  test('every project card names its project, in document order', () => {
    const cards = findObjects(documents, (object) => object._type === 'projectCard') as Array<{project: {_ref: string}}>
    expect(cards.length).toBeGreaterThan(0)
    const expected = cards.map((card) => (byId(card.project._ref) as StoredDocument & {name: string}).name)
    const rendered = byTag(tree, 'aside').filter((aside) => classesOf(aside).includes('project-card'))
    expect(rendered.map((card) => textOf(byTag(card as unknown as Root, 'p')[0]!))).toEqual(expected)
    // With the site data, a card shows its project's logo.
    for (const card of rendered) expect(byTag(card as unknown as Root, 'img').length).toBe(1)
  })

  test('every word of every span appears in the page text, as often', () => {
    const spans = findObjects(documents, (object) => object._type === 'span') as unknown as Span[]
    const need = countWords(spans.map((span) => span.text ?? '').join(' '))
    const have = countWords(wordsText(byTag(tree, 'body')[0]!))
    const missing = [...need].filter(([word, count]) => (have.get(word) ?? 0) < count)
    expect(missing).toEqual([])
  })

  test('the same page renders to the same bytes', async () => {
    const site = await runLocalQuery<SiteData>(siteDataQuery, documents)
    expect(renderReportHtml(page, siteRenderOptions(site))).toBe(html)
  })
})

function countWords(text: string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const word of wordsOf(text)) counts.set(word, (counts.get(word) ?? 0) + 1)
  return counts
}
