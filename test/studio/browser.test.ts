/**
 * The built Studio, in headless Chromium, against the project's local lake: no Sanity servers.
 * The sample report is imported (importer CLI → the lake's NDJSON snapshot, images ingested at
 * load), the Studio is built aimed at the lake's HTTPS address, and the test clicks through it as
 * an editor would, checks that a section's image loads, then that an edit typed into the form
 * arrived in the lake as a draft.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {chromium, type Browser, type Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Lake} from '../../lake/index.ts'
import type {StoredDocument} from '../../lake/index.ts'
import {startSampleLake} from './shared-build.ts'

const CHROMIUM = '/usr/bin/chromium'
const hasChromium = fs.existsSync(CHROMIUM)
/** Screenshots stay after the run (the rest of the temp folder is removed) so a person can look. */
const shotsDir = path.join(os.tmpdir(), 'annual-report-studio-shots')

if (!hasChromium && process.env.CI) {
  it('has Chromium for the Studio browser test', () => {
    throw new Error(`${CHROMIUM} is missing: CI must install it (apt-get install -y chromium)`)
  })
}

describe.skipIf(!hasChromium)(`the Studio in headless Chromium against the local lake${hasChromium ? '' : ` (skipped: ${CHROMIUM} not installed)`}`, () => {
  let tmp: string
  let lake: Lake
  let studio: {url: string}
  let browser: Browser
  let page: Page
  let report: StoredDocument & {title: string; sections: Array<{_ref: string}>}
  const pageErrors: string[] = []

  const dataset = () => lake.store.dataset('production')
  const sectionIds = () => report.sections.map((section) => section._ref)

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-browser-'))
    lake = await startSampleLake(tmp)

    const found = dataset().all().find((doc) => doc._type === 'report')
    if (!found) throw new Error('the importer produced no report')
    report = found as typeof report
    if (!lake.secureUrl) throw new Error('the lake serves no HTTPS')
    studio = {url: lake.secureUrl}

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    })
    // A fresh profile per launch; the lake's self-signed certificate is accepted for this context only.
    const context = await browser.newContext({ignoreHTTPSErrors: true, viewport: {width: 1400, height: 1800}})
    page = await context.newPage()
    page.on('pageerror', (error) => pageErrors.push(error.message))
    fs.mkdirSync(shotsDir, {recursive: true})
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await lake?.close()
    if (tmp) fs.rmSync(tmp, {recursive: true, force: true})
  })

  it('lists the imported report under Reports', async () => {
    await page.goto(`${studio.url}/structure/reports`)
    const list = page.getByTestId('structure-tool-list-pane')
    const item = list.locator(`a[href$="/structure/reports;${report._id}"]`)
    await expect.poll(() => item.textContent(), {timeout: 30_000}).toContain(report.title)
    expect(await page.getByText('An error occurred').count()).toBe(0)
    expect(await page.getByText('Could not fetch list items').count()).toBe(0)
    await page.screenshot({path: path.join(shotsDir, '1-reports.png')})
  }, 45_000)

  it('opens the report and lists its sections in outline order', async () => {
    await page.locator(`a[href$="/structure/reports;${report._id}"]`).click()
    const prefix = `/structure/reports;${report._id};`
    const outline = page.locator(`a[href*="${prefix}"]`)
    const ids = async (): Promise<string[]> =>
      (await outline.evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''))).map(
        (href) => href.slice(href.lastIndexOf(';') + 1),
      )
    await expect.poll(async () => (await ids()).length, {timeout: 20_000}).toBeGreaterThan(sectionIds().length)
    // First the report's own details, then every section in the order of report.sections.
    expect(await ids()).toEqual([report._id, ...sectionIds()])
    const firstTitle = dataset().get(sectionIds()[0] ?? '')?.title
    expect(await outline.nth(1).textContent()).toContain(String(firstTitle).trim())
    await page.screenshot({path: path.join(shotsDir, '2-outline.png')})
  }, 30_000)

  it('shows a section image served by the lake', async () => {
    const hasImage = (id: string): boolean => JSON.stringify(dataset().get(id)?.body ?? null).includes('"_ref":"image-')
    const sectionId = sectionIds().find(hasImage)
    if (!sectionId) throw new Error('no section of the sample has an image in its body')
    await page.locator(`a[href$=";${sectionId}"]`).first().click()
    const form = page.getByTestId('form-view')
    await expect.poll(() => form.getByTestId('field-title').locator('input').first().inputValue(), {timeout: 20_000}).toBe(
      String(dataset().get(sectionId)?.title),
    )
    // In the section's form, not the list thumbnails.
    const images = form.locator('img[src*="/images/offline/production/"]')
    // Loaded from the lake (a broken image has no natural width).
    await expect
      .poll(() => images.evaluateAll((nodes) => nodes.filter((node) => (node as HTMLImageElement).naturalWidth > 0).length), {timeout: 20_000})
      .toBeGreaterThan(0)
    await images.first().scrollIntoViewIfNeeded()
    await page.screenshot({path: path.join(shotsDir, '3-section-image.png')})
  }, 45_000)

  it('opens a section form showing its title, and an edit arrives in the lake as a draft', async () => {
    const sectionId = sectionIds()[0] ?? ''
    const section = dataset().get(sectionId)
    const title = String(section?.title)
    await page.locator(`a[href$=";${sectionId}"]`).first().click()
    const input = page.getByTestId('field-title').locator('input').first()
    await expect.poll(() => input.inputValue(), {timeout: 20_000}).toBe(title)
    // Editable only once the document is loaded, permissions are known and the listener is connected.
    await expect.poll(() => input.isEditable(), {timeout: 20_000}).toBe(true)

    const suffix = ' (edited offline)'
    await input.click()
    await input.press('End')
    await input.pressSequentially(suffix)
    await expect
      .poll(() => dataset().get(`drafts.${sectionId}`)?.title, {timeout: 20_000, interval: 250})
      .toBe(title + suffix)
    expect(dataset().get(sectionId)?.title).toBe(title) // the published section is untouched
    await page.screenshot({path: path.join(shotsDir, '4-edited-section.png')})
  }, 60_000)

  it('answered every Studio query and never crashed the page', () => {
    const failedQueries = lake.requestLog.filter((entry) => entry.kind === 'query' && entry.status >= 400)
    expect(failedQueries).toEqual([])
    expect(lake.requestLog.some((entry) => entry.kind === 'mutate' && entry.status === 200)).toBe(true)
    expect(pageErrors).toEqual([])
  })
})
