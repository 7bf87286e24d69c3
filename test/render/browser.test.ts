/**
 * The rendered sample report in real headless Chromium (Debian's, via playwright-core), the way a
 * site reads it: imported with its images, loaded by the local lake (which uploads the images),
 * rendered from the running lake's published documents, served on 127.0.0.1.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type {Link, Root} from 'mdast'
import {chromium, type Browser, type Page} from 'playwright-core'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {visit} from 'unist-util-visit'
import {afterAll, beforeAll, describe, expect, it, test} from 'vitest'
import {importFiles, toNdjson} from '../../importer/index.ts'
import {startLake, type Lake} from '../../lake/index.ts'
import {openDataView} from '../../queries/data-view.ts'
import {renderSitePage, servePage, type PageServer} from '../../render/index.ts'
import type {StoredDocument} from '../../queries/run-local.ts'
import {repoRoot} from './helpers.ts'

const CHROMIUM = '/usr/bin/chromium'
const hasChromium = fs.existsSync(CHROMIUM)
const SAMPLE = path.join(repoRoot, 'content', 'annual-report-2022.md')
const ASSETS = path.join(repoRoot, 'content')
/** Kept after the run (git-ignored) so a person can look at the page. */
const ARTIFACTS = path.join(repoRoot, 'test-artifacts', 'render')

if (!hasChromium && process.env.CI) {
  it('has Chromium for the render browser test', () => {
    throw new Error(`${CHROMIUM} is missing: CI must install it (apt-get install -y chromium)`)
  })
}

describe.skipIf(!hasChromium)('the rendered sample report in headless Chromium', () => {
  let tmp: string
  let lake: Lake
  let server: PageServer
  let browser: Browser
  let page: Page
  let documents: StoredDocument[]
  let viewLine: string
  const consoleErrors: string[] = []
  const failedRequests: string[] = []

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'render-browser-'))
    const imported = await importFiles([SAMPLE], {cwd: repoRoot, assetsDir: ASSETS})
    documents = imported.documents as unknown as StoredDocument[]
    fs.mkdirSync(path.join(tmp, 'data'))
    fs.writeFileSync(path.join(tmp, 'data', 'production.ndjson'), toNdjson(imported.documents))
    lake = await startLake({port: 0, dir: path.join(tmp, 'data'), token: 'render-browser-token'})
    // One view of the data: the running lake answers, so the page is what it publishes.
    const view = await openDataView({env: {SANITY_API_HOST: lake.url}, envFile: false})
    viewLine = view.description
    const rendered = await renderSitePage({
      source: view,
      out: path.join(tmp, 'site'),
      assets: ASSETS,
      siteRootImages: true,
      imageHost: {projectId: 'offline', dataset: 'production', baseUrl: lake.url},
    })
    expect(rendered.warnings).toEqual([])
    server = await servePage({html: rendered.html, year: rendered.year, assets: ASSETS, port: 0})
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    })
    page = await (await browser.newContext({viewport: {width: 1280, height: 900}})).newPage()
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text())
    })
    page.on('pageerror', (error) => consoleErrors.push(error.message))
    page.on('requestfailed', (request) => failedRequests.push(request.url()))
    page.on('response', (response) => {
      if (response.status() >= 400) failedRequests.push(`${response.status()} ${response.url()}`)
    })
    await page.goto(server.url, {waitUntil: 'load'})
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await lake?.close()
    if (tmp) fs.rmSync(tmp, {recursive: true, force: true})
  })

  test('read from the running lake; every titled section heading is shown, in order', async () => {
    expect(viewLine).toMatch(/^reading published documents from the running lake at /)
    const report = documents.find((document) => document._type === 'report') as StoredDocument & {sections: Array<{_ref: string}>}
    const titled = report.sections
      .map((ref) => documents.find((document) => document._id === ref._ref) as StoredDocument & {title: string; untitled?: boolean})
      .filter((section) => !section.untitled)
      .map((section) => section.title.replace(/\s+/g, ' ').trim())
    const shown = await page.$$eval('main section > :is(h2,h3,h4,h5,h6):first-child', (headings) =>
      headings.filter((heading) => (heading as HTMLElement).offsetParent !== null).map((heading) => (heading.textContent ?? '').replace(/\s+/g, ' ').trim()),
    )
    expect(shown).toEqual(titled)
    // The contents list has a heading and links every titled section.
    expect(await page.textContent('nav.toc h2')).toBe('Contents')
    expect(await page.$$eval('nav.toc a', (links) => links.length)).toBe(titled.length)
  })

  test("links carry the source's hrefs", async () => {
    const tree = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).parse(fs.readFileSync(SAMPLE, 'utf8')) as Root
    const source: string[] = []
    visit(tree, 'link', (link: Link) => {
      // A link with nothing in it is dropped by the importer with a warning; nobody can click it.
      if (link.children.length > 0 && JSON.stringify(link.children).match(/"value":"\s*\S|"type":"image"/)) source.push(link.url)
    })
    const shown = new Set(await page.$$eval('a[href]', (links) => links.map((link) => link.getAttribute('href') ?? '')))
    expect(source.length).toBeGreaterThan(20)
    expect(source.filter((href) => !shown.has(href))).toEqual([])
  })

  test('every image loads (natural width > 0), from the lake where it was uploaded; no console errors', async () => {
    await page.waitForLoadState('networkidle')
    const images = await page.$$eval('img', (all) => all.map((img) => ({src: img.currentSrc || img.src, complete: img.complete, width: img.naturalWidth})))
    expect(images.length).toBeGreaterThan(5)
    expect(images.filter((image) => !image.complete || image.width === 0)).toEqual([])
    expect(images.filter((image) => image.src.startsWith(`${lake.url}/images/`)).length).toBeGreaterThan(0)
    expect(failedRequests).toEqual([])
    expect(consoleErrors).toEqual([])
  })

  test('axe-core finds no serious or critical accessibility violations; a full-page screenshot is kept', async () => {
    await page.addScriptTag({path: path.join(repoRoot, 'node_modules/axe-core/axe.min.js')})
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as {axe: {run: (context: Document, options: object) => Promise<{violations: Array<{id: string; impact: string | null; nodes: unknown[]}>}>}}).axe
      const results = await axe.run(document, {resultTypes: ['violations']})
      return results.violations.map((violation) => ({id: violation.id, impact: violation.impact, nodes: violation.nodes.length}))
    })
    expect(violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')).toEqual([])
    fs.mkdirSync(ARTIFACTS, {recursive: true})
    const shot = path.join(ARTIFACTS, 'report-2022.png')
    await page.screenshot({path: shot, fullPage: true})
    expect(fs.statSync(shot).size).toBeGreaterThan(10_000)
    if (violations.length > 0) console.info(`axe (minor/moderate only): ${JSON.stringify(violations)}`)
  }, 180_000)
})
