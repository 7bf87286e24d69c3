import {readFileSync} from 'node:fs'
import path from 'node:path'
import type {Heading, Image, Link, Paragraph, Root} from 'mdast'
import {fromHtml} from 'hast-util-from-html'
import {toString} from 'mdast-util-to-string'
import {visit} from 'unist-util-visit'
import {beforeAll, describe, expect, test} from 'vitest'
import {importMarkdown, openInfraProfile} from '../../importer/index.ts'
import {phrasingToPlainText} from '../../importer/documents/converter.ts'
import {parseMarkdown} from '../../importer/parse/markdown.ts'
import {findObjects} from '../helpers/json.ts'
import {missingWords, outputStrings, sourceWords, wordsOf} from '../helpers/text.ts'
import {blocksOf, blockText, linkAnnotations, norm, objectArrays, ofType, printedBylines, referencesOf} from './structure.ts'
import type {Doc} from './structure.ts'
import {validateAll} from '../helpers/validate.ts'

const repoRoot = path.resolve(import.meta.dirname, '../..')
const FILE = 'content/annual-report-2022.md'
const DECORATORS = new Set(['strong', 'em', 'code', 'strike-through', 'underline', 'sup', 'sub'])

let source: string
let tree: Root
let documents: Doc[]
let diagnostics: ReturnType<typeof importMarkdown>['diagnostics']

beforeAll(() => {
  source = readFileSync(path.join(repoRoot, FILE), 'utf8')
  tree = parseMarkdown(source)
  const result = importMarkdown(source, {file: FILE, assetsDir: path.join(repoRoot, 'content')})
  documents = result.documents as unknown as Doc[]
  diagnostics = result.diagnostics
})

/** Images written as raw HTML `<img>`, with the link around them. */
function htmlImages(root: Root): Array<{src: string; alt: string; href?: string}> {
  const images: Array<{src: string; alt: string; href?: string}> = []
  visit(root, 'html', (node) => {
    visit(fromHtml(node.value, {fragment: true}), 'element', (element, _i, parent) => {
      if (element.tagName !== 'img') return
      const href = parent?.type === 'element' && parent.tagName === 'a' ? String(parent.properties.href) : undefined
      images.push({src: String(element.properties.src), alt: String(element.properties.alt ?? ''), ...(href ? {href} : {})})
    })
  })
  return images
}

describe(`importing ${FILE}`, () => {
  test('every word of the source is in the output', () => {
    // A byline without override is printed from its authors: count it once per section, as published.
    const derived = ofType(documents, 'section').filter((s) => s.byline === undefined).flatMap((s) => printedBylines(s, documents))
    const missing = missingWords(sourceWords(tree), [...outputStrings(documents), ...derived].flatMap(wordsOf))
    expect([...missing]).toEqual([])
  })

  test('every link keeps its exact href and text (empty links are dropped with a located warning)', () => {
    const annotations = linkAnnotations(documents).map(({href, text}) => `${href} ${norm(text)}`)
    const sectionLinks = ofType(documents, 'section').filter((s) => s.link).map((s) => ({href: s.link as string, title: s.title as string}))
    const linkedFigures = findObjects(documents, (o) => typeof o.href === 'string' && typeof o.src === 'string')
    const inHeadings = new Set<Link>()
    visit(tree, 'heading', (heading) => visit(heading, 'link', (link) => void inHeadings.add(link)))
    let checked = 0
    visit(tree, 'link', (link) => {
      const text = norm(toString(link))
      checked++
      if (inHeadings.has(link)) {
        expect(sectionLinks.some((s) => s.href === link.url && s.title.includes(text))).toBe(true)
      } else if (text === '' && link.children.some((c) => c.type === 'image')) {
        expect(linkedFigures.some((f) => f.href === link.url)).toBe(true)
      } else if (text === '') {
        expect(diagnostics.some((d) => d.line === link.position?.start.line && /link/.test(d.rule))).toBe(true)
      } else {
        expect(annotations, `${link.url} "${text}"`).toContain(`${link.url} ${text}`)
      }
    })
    expect(checked).toBeGreaterThan(50)
  })

  test('every image keeps its URL (or file), alt text and surrounding link', () => {
    const imageObjects = findObjects(documents, (o) => typeof o.src === 'string')
    const images: Array<{src: string; alt: string; href?: string}> = [...htmlImages(tree)]
    visit(tree, 'image', (image: Image, _i, parent) => {
      if (image.url === '') return
      const href = parent?.type === 'link' ? parent.url : undefined
      images.push({src: image.url, alt: image.alt ?? '', ...(href ? {href} : {})})
    })
    expect(images.length).toBeGreaterThan(10)
    for (const image of images) {
      const match = imageObjects.find((o) => o.src === image.src && norm(String(o.alt ?? '')) === norm(image.alt))
      expect(match, image.src).toBeDefined()
      expect(String(match!._sanityAsset)).toMatch(/^image@file:\/\/\//)
      // A project logo's link is the project's website; other images keep their link.
      if (image.href && !openInfraProfile.isProjectLogo(image.src)) expect(match!.href).toBe(image.href)
    }
  })

  test('every heading becomes one section, in order, titled without markup, its depth kept in importInfo', () => {
    const headings: Heading[] = []
    visit(tree, 'heading', (heading) => void headings.push(heading))
    const depthOf = (s: Doc) => (s.importInfo as {headingDepth?: number}).headingDepth
    const titled = ofType(documents, 'section').filter((s) => depthOf(s) !== undefined)
    expect(titled.map((s) => s.title)).toEqual(headings.map((h) => norm(phrasingToPlainText(h.children))))
    expect(titled.map(depthOf)).toEqual(headings.map((h) => h.depth))
    for (const section of titled) expect(section.title).not.toMatch(/\*\*|\]\(|<\w/)
  })

  test('levels are outline depth: the first is 1, none skips a level', () => {
    const levels = ofType(documents, 'section').map((s) => s.level as number)
    expect(levels[0]).toBe(1)
    levels.forEach((level, i) => expect(level).toBeLessThanOrEqual(i === 0 ? 1 : levels[i - 1]! + 1))
    expect(ofType(documents, 'section').find((s) => String(s.title).startsWith('Note from the Chair'))?.level).toBe(1)
  })

  test('project updates: each logo opens its own section, in source order, under the part that holds them', () => {
    const sections = ofType(documents, 'section')
    const logos = htmlImages(tree).filter((i) => openInfraProfile.isProjectLogo(i.src)).map((i) => openInfraProfile.projectNameFromAlt(i.alt)!)
    const opened = sections.filter((s) => ((s.body ?? []) as Doc[])[0]?._type === 'projectCard')
    expect(opened.map((s) => s.title)).toEqual(logos)
    for (const section of opened) {
      expect(findObjects([section], (o) => o._type === 'projectCard')).toHaveLength(1)
      expect((section.projects as Array<{_ref: string}>)[0]!._ref).toBe(`project-${String(section.title).toLowerCase().replace(/\s+/g, '-')}`)
      // The part: the nearest section before it one level up.
      const index = sections.indexOf(section)
      const part = sections.slice(0, index).reverse().find((s) => (s.level as number) === (section.level as number) - 1)
      expect(part && !part.untitled && ((part.body ?? []) as Doc[])[0]?._type !== 'projectCard').toBe(true)
    }
    // No section references a project unless its own logo or its title (or an enclosing one's) names it.
    for (const section of sections) {
      for (const ref of (section.projects ?? []) as Array<{_ref: string}>) {
        const name = String(documents.find((d) => d._id === ref._ref)!.name)
        expect(String(section.title).toLowerCase(), `${section.title} → ${name}`).toContain(name.toLowerCase())
      }
    }
  })

  test('an untitled piece is titled by its opening words, never by its author', () => {
    const untitled = ofType(documents, 'section').filter((s) => s.untitled)
    expect(untitled.length).toBeGreaterThan(0)
    const authorNames = new Set(ofType(documents, 'author').map((a) => a.name))
    for (const section of untitled) {
      expect(authorNames.has(section.title)).toBe(false)
      expect(String(section.title).length).toBeLessThanOrEqual(81)
      const first = ((section.body ?? []) as Doc[]).map((b) => norm(blockText(b))).find((t) => t !== '')!
      expect(first.startsWith(String(section.title).replace(/…$/, ''))).toBe(true)
    }
    expect(untitled.some((s) => (s.authors as unknown[] | undefined)?.length)).toBe(true)
  })

  test('every paragraph survives verbatim as a block or a byline', () => {
    const texts = new Set(blocksOf(documents).map((block) => norm(blockText(block))))
    const bylines = new Set(ofType(documents, 'section').flatMap((s) => printedBylines(s, documents)).map(norm))
    let checked = 0
    visit(tree, 'paragraph', (paragraph: Paragraph) => {
      const text = norm(toString(paragraph, {includeHtml: false, includeImageAlt: false}))
      if (text === '') return
      checked++
      expect(texts.has(text) || bylines.has(text), text.slice(0, 80)).toBe(true)
    })
    expect(checked).toBeGreaterThan(100)
  })

  test('no markdown or HTML syntax in span text', () => {
    const spans = findObjects(documents, (o) => o._type === 'span')
    expect(spans.length).toBeGreaterThan(100)
    expect(spans.map((s) => s.text as string).filter((text) => /\*\*|\]\(|<br|<a /.test(text))).toEqual([])
  })

  test('every mark is a decorator or a markDef of its block', () => {
    for (const block of blocksOf(documents)) {
      const defs = new Set(((block.markDefs ?? []) as Array<{_key: string}>).map((d) => d._key))
      for (const child of (block.children ?? []) as Array<{marks?: string[]}>) {
        for (const mark of child.marks ?? []) expect(DECORATORS.has(mark) || defs.has(mark)).toBe(true)
      }
    }
  })

  test('every _key is unique within its array, and every reference resolves', () => {
    for (const array of objectArrays(documents)) {
      const keys = array.map((item) => item._key).filter((key) => key !== undefined)
      expect(new Set(keys).size).toBe(keys.length)
      for (const key of keys) expect(key).toMatch(/^[0-9a-f]{12}$/)
    }
    const ids = new Set(documents.map((d) => d._id))
    expect(ids.size).toBe(documents.length)
    for (const ref of referencesOf(documents)) expect(ids.has(ref), ref).toBe(true)
  })

  test('one report, one project per project logo, one author per byline person', () => {
    expect(ofType(documents, 'report')).toHaveLength(1)
    const logos = new Set(htmlImages(tree).filter((i) => openInfraProfile.isProjectLogo(i.src)).map((i) => i.alt))
    expect(logos.size).toBeGreaterThan(0)
    const projects = ofType(documents, 'project')
    expect(projects.map((p) => `${p.name} Logo`).sort()).toEqual([...logos].sort())
    const cards = findObjects(documents, (o) => o._type === 'projectCard')
    expect(cards).toHaveLength(logos.size)

    const sections = ofType(documents, 'section')
    const people = new Set(sections.flatMap((s) => printedBylines(s, documents)).filter(Boolean).map((line) => line.split(',')[0]!.trim()))
    const authors = ofType(documents, 'author')
    expect(authors.map((a) => a.name).sort()).toEqual([...people].sort())
    for (const section of sections.filter((s) => s.byline)) {
      expect((section.authors as unknown[]).length).toBe(String(section.byline).split('\n').length)
    }
  })

  test('all documents pass the schema', async () => {
    expect(await validateAll(documents)).toEqual([])
  })
})

describe(`${FILE}: the issue's acceptance figures`, () => {
  test('seven project sections in source order under the project-updates part, each referencing its project', () => {
    const sections = ofType(documents, 'section')
    const partIndex = sections.findIndex((s) => s.title === 'OpenInfra Project Updates')
    const part = sections[partIndex]!
    const inside: Doc[] = []
    for (const section of sections.slice(partIndex + 1)) {
      if ((section.level as number) <= (part.level as number)) break
      if ((section.level as number) === (part.level as number) + 1) inside.push(section)
    }
    const projectSections = inside.filter((s) => ((s.body ?? []) as Doc[])[0]?._type === 'projectCard')
    expect(projectSections.map((s) => s.title)).toEqual(['Airship', 'Kata Containers', 'OpenInfra Labs', 'OpenStack', 'StarlingX', 'Zuul', 'OpenDev'])
    for (const section of projectSections) expect((section.projects as Array<{_ref: string}>).map((r) => r._ref)).toEqual([`project-${String(section.title).toLowerCase().replace(/ /g, '-')}`])
    const coa = sections.find((s) => String(s.title).includes('(COA)'))!
    expect(findObjects([coa], (o) => o._type === 'projectCard')).toEqual([])
    expect((coa.projects as Array<{_ref: string}>).map((r) => r._ref)).toEqual(['project-openstack'])
  })

  test('the membership-growth piece: titled by its opening words, Jimmy McArthur its author', () => {
    const piece = ofType(documents, 'section').find((s) => JSON.stringify(s.authors ?? []).includes('author-jimmy-mcarthur'))!
    expect(piece).toMatchObject({untitled: true, level: 1})
    expect(String(piece.title)).toMatch(/^The OpenInfra Foundation continues to see growth/)
  })

  test('--fix-links turns the Zuul list address into mailto:', () => {
    const fixed = importMarkdown(source, {file: FILE, fixLinks: true}).documents as unknown as Doc[]
    const zuul = fixed.find((d) => d._id === 'project-zuul')!
    expect((zuul.links as Array<{url?: string}>).map((l) => l.url)).toContain('mailto:zuul-discuss@lists.zuul-ci.org')
    const before = documents.find((d) => d._id === 'project-zuul')!
    expect((before.links as Array<{url?: string}>).map((l) => l.url)).toContain('zuul-discuss@lists.zuul-ci.org')
  })
})
