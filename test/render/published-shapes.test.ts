/**
 * The page renders what the importer kept (issue 20, items 4 and 7): a numbered list that starts
 * at its stored number, figure captions with their links, and a malformed source link as written
 * (or as the link `--fix-links` repaired it into).
 */
import {describe, expect, test} from 'vitest'
import type {Root} from 'hast'
import {toString} from 'hast-util-to-string'
import {importMarkdown} from '../../importer/index.ts'
import type {StoredDocument} from '../../queries/run-local.ts'
import {runLocalQuery} from '../../queries/run-local.ts'
import {reportPageBySlugQuery} from '../../queries/definitions.ts'
import {renderReportHtml} from '../../render/index.ts'
import type {ReportPage} from '../../render/index.ts'
import {byTag, importPage, parseDocument} from './helpers.ts'

const FRONT = '---\ntitle: Shapes\nyear: 2025\n---\n'

async function pageOf(markdown: string, fixLinks = false) {
  const {documents} = importMarkdown(FRONT + markdown, {file: 'shapes.md', fixLinks})
  const page = await runLocalQuery<ReportPage | null>(reportPageBySlugQuery, documents as unknown as StoredDocument[], {slug: '2025'})
  return parseDocument(renderReportHtml(page!))
}

describe('what the importer kept, on the page', () => {
  test('numbering continued across paragraphs: each list starts at its stored number', async () => {
    const tree = await pageOf('## Questions\n\n1. What did you do?\n\nWe shipped.\n\n2. What is next?\n\nMore.\n\n3. Anything else?\n')
    // The body's lists, not the contents list in the page's nav.
    const main: Root = {type: 'root', children: [byTag(tree, 'main')[0]!]}
    const inNav = new Set(byTag(main, 'nav').flatMap((nav) => byTag({type: 'root', children: [nav]}, 'ol')))
    expect(byTag(main, 'ol').filter((ol) => !inNav.has(ol)).map((ol) => [ol.properties.start ?? null, toString(ol).trim()])).toEqual([
      [null, 'What did you do?'],
      [2, 'What is next?'],
      [3, 'Anything else?'],
    ])
  })

  test('a figure caption keeps its link and emphasis', async () => {
    const {page} = await importPage(`${FRONT}## Charts\n\n<figure><img src="/c.png" alt="Chart"><figcaption>Data from <a href="https://example.org/data">the survey</a>, <em>2025</em>.</figcaption></figure>\n`)
    const tree = parseDocument(renderReportHtml(page))
    const caption = byTag(tree, 'figcaption')[0]!
    expect(toString(caption)).toBe('Data from the survey, 2025.')
    expect(byTag(tree, 'a').find((a) => toString(a) === 'the survey')?.properties.href).toBe('https://example.org/data')
    expect(byTag(tree, 'em').map((em) => toString(em))).toContain('2025')
  })

  test('a malformed link is shown as written; repaired with --fix-links it is a link', async () => {
    const markdown = '## Partners\n\nOur jobs ran on the regional cloud ([https://nerc.example.org/) all year.\n'
    const kept = await pageOf(markdown)
    expect(toString(byTag(kept, 'main')[0]!)).toContain('([https://nerc.example.org/) all year.')
    const repaired = await pageOf(markdown, true)
    expect(toString(byTag(repaired, 'main')[0]!)).toContain('(https://nerc.example.org/) all year.')
    expect(byTag(repaired, 'a').map((a) => a.properties.href)).toContain('https://nerc.example.org/')
  })
})
