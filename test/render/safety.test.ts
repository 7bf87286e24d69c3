import type {Root} from 'hast'
import {describe, expect, test} from 'vitest'
import {renderReportHtml} from '../../render/index.ts'
import type {ReportPage} from '../../render/index.ts'
import {payloads} from '../helpers/payloads.ts'
import {elementsOf, importPage, parseDocument, textOf} from './helpers.ts'

const FRONT_MATTER = '---\ntitle: Hostile\nyear: 2022\n---\n'

/** Elements that run code, load other documents, restyle the page or redirect it. */
const ACTIVE_TAGS = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'style', 'link', 'base', 'form', 'svg', 'math', 'template', 'noscript'])
/** hast property names that hold URLs. */
const URL_PROPERTIES = ['href', 'src', 'srcSet', 'action', 'formAction', 'data', 'poster', 'xLinkHref', 'background', 'cite', 'content']
/** What a browser reads as a scheme once it has dropped whitespace and control characters. */
const UNSAFE_URL = /^(?:javascript|vbscript|data(?!:image\/(?:png|gif|jpeg|webp)[;,])|file):/i

/**
 * Everything active a rendered page could carry, as a browser parses it.
 * @returns one line per finding (empty when the page is inert)
 */
function activeContent(html: string): string[] {
  const tree: Root = parseDocument(html)
  const findings: string[] = []
  let stylesheets = 0
  for (const {node, parent} of elementsOf(tree)) {
    if (node.tagName === 'style' && parent?.type === 'element' && parent.tagName === 'head' && stylesheets++ === 0) continue
    if (ACTIVE_TAGS.has(node.tagName)) findings.push(`<${node.tagName}>`)
    if (node.tagName === 'meta' && node.properties.httpEquiv !== undefined) findings.push('<meta http-equiv>')
    for (const [name, value] of Object.entries(node.properties)) {
      if (/^on/i.test(name)) findings.push(`<${node.tagName} ${name}>`)
      if (name === 'style') findings.push(`<${node.tagName} style>`)
      if (URL_PROPERTIES.includes(name) && node.tagName !== 'meta') {
        const url = (Array.isArray(value) ? value.join(' ') : String(value)).replace(/[\u0000-\u0020\u007f-\u009f]/g, '')
        if (UNSAFE_URL.test(url)) findings.push(`<${node.tagName} ${name}="${url}">`)
      }
    }
  }
  // Belt and braces on the bytes: text is escaped, so these never appear literally.
  if (/<\s*(script|iframe|object|embed)\b/i.test(html)) findings.push('raw active tag in the bytes')
  return findings
}

describe('hostile markdown, imported and rendered, yields an inert page', () => {
  for (const [index, payload] of payloads.entries()) {
    test(`payload ${index + 1}: ${payload.slice(0, 60)}`, async () => {
      const {page} = await importPage(`${FRONT_MATTER}Before the payload.\n\n${payload}\n\n## After\n\nAfter the payload.\n`, 'hostile.md')
      const html = renderReportHtml(page)
      expect(activeContent(html)).toEqual([])
      const text = textOf(parseDocument(html))
      expect(text).toContain('Before the payload.')
      expect(text).toContain('After the payload.')
    })
  }
})

/**
 * Documents edited through the API are not validated by the Content Lake: the renderer must be
 * safe on its own, whatever the importer did.
 */
describe('hostile documents that bypass the importer yield an inert page', () => {
  const hostileUrls = [
    'javascript:alert(1)',
    ' JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0000javascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    'data:image/svg+xml,<svg onload=alert(1)>',
    'file:///etc/passwd',
  ]
  const evil = '"><script>alert(1)</script><img src=x onerror=alert(1) a="'
  const span = (key: string, text: string, marks: string[] = []) => ({_type: 'span' as const, _key: key, text, marks})

  function hostilePage(url: string): ReportPage {
    return {
      _id: 'report-2050',
      title: `Title ${evil}`,
      subtitle: `</title><script>alert(1)</script>`,
      year: 2050,
      slug: '2050',
      seo: {_type: 'seo', title: `</title><script>alert(1)</script>`, description: evil},
      // A caption stored as plain text (documents from before captions were Portable Text) is escaped too.
      heroImage: {_type: 'figure', src: url, alt: evil, title: evil, caption: evil as unknown as [], href: url},
      intro: [
        {
          _type: 'block',
          _key: 'b1',
          style: 'normal',
          markDefs: [
            {_type: 'link', _key: 'l1', href: url, title: evil},
            {_type: 'internalLink', _key: 'l2', reference: {_type: 'reference', _ref: evil}},
          ],
          children: [
            span('s1', `link ${evil}`, ['l1', 'strong']),
            span('s2', ' internal', ['l2']),
            {_type: 'inlineImage', _key: 'i1', src: url, alt: evil, title: evil},
            {_type: 'footnoteReference', _key: 'f1', label: evil},
          ],
        },
        {_type: 'figure', _key: 'fig', src: '/img/ok.png', alt: evil, href: url, caption: [{_type: 'block', _key: 'cap', markDefs: [{_type: 'link', _key: 'capl', href: url}], children: [span('caps', evil, ['capl'])]}]},
        {_type: 'codeBlock', _key: 'c1', language: evil, code: `<script>alert(1)</script>`},
        {_type: 'table', _key: 't1', align: [evil as 'left'], rows: [{_type: 'tableRow', _key: 'r1', header: true, cells: [{_type: 'tableCell', _key: 'c', content: [{_type: 'block', _key: 'cb', markDefs: [{_type: 'link', _key: 'cl', href: url}], children: [span('cs', evil, ['cl'])]}]}]}]},
        {_type: 'footnote', _key: 'fn', label: evil, content: [{_type: 'block', _key: 'fb', markDefs: [], children: [span('fs', evil)]}]},
        {_type: 'projectCard', _key: 'p1', project: {_type: 'reference', _ref: 'project-evil'}},
        // Types the schema does not have, as a raw-HTML-carrying converter might write them.
        {_type: 'html', _key: 'h1', html: '<script>alert(1)</script>'} as never,
        {_type: 'block', _key: 'b2', style: 'h1', markDefs: [], children: [span('hs', evil)]},
      ],
      sections: [
        {
          _id: 'section-2050-x',
          title: evil,
          level: 0 as never, // out of the schema's 1–6: the Content Lake does not validate writes
          untitled: null,
          link: url,
          byline: `${evil}\n${evil}`,
          slug: evil,
          body: null,
          authors: null,
          projects: [{_id: 'project-evil', name: evil, website: url, slug: evil}],
        },
      ],
    }
  }

  for (const url of hostileUrls) {
    test(`every URL slot holding ${JSON.stringify(url)}`, () => {
      const html = renderReportHtml(hostilePage(url), {
        projects: [{_id: 'project-evil', name: evil, website: url, logo: {_type: 'imageWithAlt', src: url, alt: evil}}],
        resolveReference: () => url,
      })
      expect(activeContent(html)).toEqual([])
      // The hostile text is shown as text, not dropped.
      expect(textOf(parseDocument(html))).toContain('<script>alert(1)</script>')
    })
  }

  test('a caller-supplied image URL is checked too', () => {
    const html = renderReportHtml(hostilePage('/img/x.png'), {imageUrl: () => 'javascript:alert(1)'})
    expect(activeContent(html)).toEqual([])
  })

  test('the checker itself flags what it should (so a pass means something)', () => {
    expect(activeContent('<!doctype html><html><head><style></style></head><body><style></style><a href="java\tscript:x" onclick="y">z</a><img src="data:text/html,x"></body></html>')).toEqual([
      '<style>',
      '<a href="javascript:x">',
      '<a onClick>',
      '<img src="data:text/html,x">',
    ])
  })
})
