/**
 * An editor's session in the built Studio (headless Chromium) against the local lake, on the
 * imported sample: a rich section opens without validation or unknown-type warnings, a paragraph
 * edit is published and a GROQ query finds it, a new author is referenced, a reordering shows in
 * the open outline pane, next year's report starts from the Reports list — and the page never
 * makes a request to a host outside the loopback.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {createClient, type SanityClient} from '@sanity/client'
import {chromium, type Browser, type BrowserContext, type Locator, type Page} from 'playwright-core'
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'
import type {Lake, StoredDocument} from '../../lake/index.ts'
import {repoRoot} from './run.ts'
import {startSampleLake, STUDIO_TEST_TOKEN} from './shared-build.ts'

const CHROMIUM = '/usr/bin/chromium'
const hasChromium = fs.existsSync(CHROMIUM)
/** Screenshots are kept (git-ignored) so a person can look at what the test saw. */
const shotsDir = path.join(repoRoot, 'test-artifacts/studio-editor')
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

type Section = StoredDocument & {title: string; body?: unknown[]}
type Report = StoredDocument & {title: string; year: number; sections: Array<{_ref: string; _key: string}>}

describe.skipIf(!hasChromium)(`an editor's session in the Studio${hasChromium ? '' : ` (skipped: ${CHROMIUM} not installed)`}`, () => {
  let tmp: string
  let lake: Lake
  let studio: {url: string}
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let groq: SanityClient
  let report: Report
  /** The section with lists, links and an image the session works on. */
  let richId = ''
  /** Every request the page (and its frames and workers) made, by URL. */
  const requests: string[] = []
  const pageErrors: string[] = []

  const dataset = () => lake.store.dataset('production')
  const shot = (name: string) => page.screenshot({path: path.join(shotsDir, `${name}.png`)})
  const form = () => page.getByTestId('form-view')

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-editor-'))
    lake = await startSampleLake(tmp)
    if (!lake.secureUrl) throw new Error('the lake serves no HTTPS')
    groq = createClient({
      projectId: 'offline',
      dataset: 'production',
      apiHost: lake.url,
      useProjectHostname: false,
      apiVersion: '2025-02-19',
      useCdn: false,
      token: STUDIO_TEST_TOKEN,
    })
    const found = dataset().all().find((doc) => doc._type === 'report')
    if (!found) throw new Error('the importer produced no report')
    report = found as Report
    studio = {url: lake.secureUrl}

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    })
    context = await browser.newContext({ignoreHTTPSErrors: true, viewport: {width: 1600, height: 2600}})
    context.on('request', (request) => requests.push(request.url()))
    page = await context.newPage()
    // CI machines are shared: a click may wait for a busy Studio twice as long as on a quiet one.
    page.setDefaultTimeout(60_000)
    page.on('pageerror', (error) => pageErrors.push(error.message))
    fs.mkdirSync(shotsDir, {recursive: true})
  }, 300_000)

  afterEach(async (test) => {
    // What the page showed when a step failed.
    if (test.task.result?.state === 'fail') await shot(`failed-${test.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined)
  })

  afterAll(async () => {
    await browser?.close()
    await lake?.close()
    if (tmp) fs.rmSync(tmp, {recursive: true, force: true})
  })

  /**
   * Publish the open document once the Studio allows it (saved, validated), and wait until the
   * lake has it published: the draft `drafts.<id>` is gone. A click the Studio swallows while it
   * is still settling is repeated, as an editor would.
   */
  const publish = async (id: string): Promise<void> => {
    const button = page.getByTestId('action-publish')
    for (let attempt = 1; ; attempt += 1) {
      await expect.poll(() => page.getByText(/^Saving/).count(), {timeout: 30_000}).toBe(0)
      await expect.poll(() => button.isEnabled(), {timeout: 30_000}).toBe(true)
      await button.click()
      try {
        await expect.poll(() => dataset().get(`drafts.${id}`) === undefined && dataset().get(id) !== undefined, {timeout: 10_000}).toBe(true)
        return
      } catch (error) {
        if (attempt === 3) throw error
      }
    }
  }

  /**
   * Search a reference field's autocomplete for `name` and pick the hit. The search box is filled
   * once it is editable (typing before it has focus loses keys), and the search is typed again
   * when no hit shows: under load the Studio can drop a debounced search, an editor would retype.
   */
  const pickReference = async (field: Locator, name: string): Promise<void> => {
    const search = field.locator('input[data-testid="autocomplete"], [data-testid="autocomplete"] input').first()
    await expect.poll(() => search.isEditable(), {timeout: 20_000}).toBe(true)
    const option = page.getByRole('option', {name: new RegExp(name)}).first()
    for (let attempt = 1; ; attempt += 1) {
      await search.fill('')
      await search.pressSequentially(name.slice(0, 12))
      try {
        await option.waitFor({timeout: 15_000})
        break
      } catch (error) {
        if (attempt === 3) throw error
      }
    }
    await option.click()
  }

  /** The ids the outline pane lists, in order (after "Report details"). */
  const outlineIds = async (reportId: string): Promise<string[]> => {
    const links = page.locator(`a[href*="/structure/reports;${reportId};"]`)
    // Links in the outline pane, not the reference previews inside an open document's form.
    const hrefs = await links.evaluateAll((nodes) =>
      nodes.filter((node) => !node.closest('[data-testid="document-pane"]')).map((node) => node.getAttribute('href') ?? ''),
    )
    return hrefs.map((href) => href.slice(href.lastIndexOf(';') + 1)).filter((id) => id !== reportId)
  }

  it('opens Reports → 2022 → a section with lists, links and an image, with no validation or unknown-type warnings', async () => {
    const json = (doc: StoredDocument | undefined) => JSON.stringify(doc?.body ?? [])
    const rich = report.sections
      .map((ref) => dataset().get(ref._ref) as Section | undefined)
      .find((doc) => /"listItem"/.test(json(doc)) && /"_type":"link"/.test(json(doc)) && /"_ref":"image-/.test(json(doc)))
    if (!rich) throw new Error('no section of the sample has a list, a link and an uploaded image')

    await page.goto(`${studio.url}/structure/reports`)
    await page.locator(`a[href$="/structure/reports;${report._id}"]`).click()
    await expect.poll(async () => (await outlineIds(report._id)).length, {timeout: 30_000}).toBe(report.sections.length)
    // Validation ends with the section's slug check, which asks the lake: once that answer is in
    // and rendered, the markers shown are the final ones, however long validation took.
    const slugChecked = page.waitForResponse((response) => response.url().includes('/data/query/') && decodeURIComponent(response.url().replace(/\+/g, ' ')).includes('slug.current == $slug'), {timeout: 60_000})
    await page.locator(`a[href$=";${rich._id}"]`).first().click()
    await expect.poll(() => form().getByTestId('field-title').locator('input').first().inputValue(), {timeout: 30_000}).toBe(rich.title)
    await slugChecked
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
    const text = await form().innerText()
    expect(text).not.toMatch(/Unknown (field|type)|Invalid property value|not valid for this field/i)
    for (const level of ['error', 'warning', 'info']) {
      expect(await page.getByTestId(`input-validation-icon-${level}`).count(), level).toBe(0)
    }
    const images = form().locator('img[src*="/images/offline/production/"]')
    await expect
      .poll(() => images.evaluateAll((nodes) => nodes.filter((node) => (node as HTMLImageElement).naturalWidth > 0).length), {timeout: 20_000})
      .toBeGreaterThan(0)
    await shot('1-rich-section')
    richId = rich._id
  }, 135_000)

  it('edits a paragraph and publishes it: a GROQ query to the lake returns the new text', async () => {
    const section = dataset().get(richId) as Section
    const paragraph = (section.body ?? []).find(
      (block): block is {children: Array<{text?: string}>} =>
        (block as {_type?: string; style?: string; listItem?: string}).style === 'normal' &&
        !(block as {listItem?: string}).listItem &&
        ((block as {children?: Array<{text?: string}>}).children?.[0]?.text?.length ?? 0) > 40 &&
        // Not the paragraph an untitled piece takes its title from: its words also show as the title.
        !String(section.title).startsWith(String((block as {children?: Array<{text?: string}>}).children?.[0]?.text).slice(0, 30)),
    )
    if (!paragraph) throw new Error('no plain paragraph in the section')
    const snippet = String(paragraph.children[0]?.text).slice(0, 30)
    const marker = ` Edited offline ${Date.now().toString(36)}.`
    await form().getByText(snippet, {exact: false}).first().click()
    await page.keyboard.press('End')
    await page.keyboard.type(marker)
    await expect.poll(() => JSON.stringify(dataset().get(`drafts.${richId}`)?.body ?? null), {timeout: 20_000}).toContain(marker.trim())
    await publish(richId)
    const texts = () => groq.fetch<string[]>(`*[_id == $id][0].body[].children[].text`, {id: richId})
    await expect.poll(async () => (await texts()).join(' '), {timeout: 30_000}).toContain(marker.trim())
    await shot('2-published-edit')
  }, 135_000)

  it('previews the section as the site renders it, beside the form', async () => {
    await page.goto(`${studio.url}/structure/reports;${report._id};${richId}`)
    await page.getByRole('tab', {name: 'Preview'}).click()
    const frame = page.frameLocator('[data-testid="page-preview"]')
    const title = String(dataset().get(richId)?.title)
    await expect.poll(() => frame.locator('main').innerText(), {timeout: 20_000}).toContain('Edited offline')
    expect(await frame.locator('h1').innerText()).toBe(report.title)
    expect(await frame.locator('main').innerText()).toContain(title.slice(0, 20))
    // Images come from the lake, as in the form.
    await expect
      .poll(() => frame.locator('img').evaluateAll((nodes) => nodes.filter((node) => (node as HTMLImageElement).naturalWidth > 0).length), {timeout: 20_000})
      .toBeGreaterThan(0)
    await shot('2b-preview')
    await page.getByRole('tab', {name: 'Editor'}).click()
  }, 90_000)

  it('creates an author and references it from the section', async () => {
    const name = `Ada Offline ${Date.now().toString(36)}`
    await page.locator('a[href$="/structure/authors"]').first().click()
    await page.getByTestId('action-intent-button').first().click()
    const nameInput = form().getByTestId('field-name').locator('input').first()
    await expect.poll(() => nameInput.isEditable(), {timeout: 20_000}).toBe(true)
    await nameInput.fill(name)
    await form().getByTestId('field-slug').getByRole('button', {name: 'Generate'}).click()
    const authorId = await expect
      .poll(() => dataset().all().find((doc) => doc._type === 'author' && doc.name === name && String(doc._id).startsWith('drafts.'))?._id, {timeout: 20_000})
      .toBeTruthy()
      .then(() => String(dataset().all().find((doc) => doc._type === 'author' && doc.name === name)?._id).replace(/^drafts\./, ''))
    await shot('3-new-author')
    await publish(authorId)
    await expect.poll(() => dataset().get(authorId)?.name, {timeout: 20_000}).toBe(name)
    await shot('3-new-author')

    // Back to the section (by its URL: same report outline), "People and projects", add the author.
    await page.goto(`${studio.url}/structure/reports;${report._id};${richId}`)
    await form().getByRole('tab', {name: 'People and projects'}).click()
    const authors = form().getByTestId('field-authors')
    await authors.getByRole('button', {name: /Add item/i}).click()
    await pickReference(authors, name)
    await expect
      .poll(() => JSON.stringify(dataset().get(`drafts.${richId}`)?.authors ?? null), {timeout: 20_000})
      .toContain(authorId)
    await publish(richId)
    await expect
      .poll(() => groq.fetch<string[]>(`*[_id == $id][0].authors[]->name`, {id: richId}), {timeout: 30_000})
      .toContain(name)
    await shot('4-author-referenced')
  }, 180_000)

  it('reorders two sections in the report form: the open outline pane follows without navigating away', async () => {
    const before = report.sections.map((ref) => ref._ref)
    await page.goto(`${studio.url}/structure/reports;${report._id};${report._id}`)
    await expect.poll(() => outlineIds(report._id), {timeout: 30_000}).toEqual(before)
    const url = page.url()
    const handles = form().getByTestId('field-sections').locator('[data-ui="DragHandleButton"]')
    await handles.first().scrollIntoViewIfNeeded()
    const from = await handles.nth(0).boundingBox()
    const to = await handles.nth(1).boundingBox()
    if (!from || !to) throw new Error('the sections array shows no drag handles')
    // Drag the first section below the second, as an editor would with the mouse.
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
    await page.mouse.down()
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 + 8, {steps: 4})
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2 + to.height / 2, {steps: 12})
    await page.waitForTimeout(300)
    await page.mouse.up()
    const swapped = [before[1], before[0], ...before.slice(2)]
    const draftOrder = () => ((dataset().get(`drafts.${report._id}`) as Report | undefined)?.sections ?? []).map((ref) => ref._ref)
    await expect.poll(draftOrder, {timeout: 20_000}).toEqual(swapped)
    // The outline pane shows the draft's order at once, and keeps it once published.
    await expect.poll(() => outlineIds(report._id), {timeout: 20_000}).toEqual(swapped)
    await publish(report._id)
    await expect.poll(() => groq.fetch<string[]>(`*[_id == $id][0].sections[]._ref`, {id: report._id}), {timeout: 30_000}).toEqual(swapped)
    expect(await outlineIds(report._id)).toEqual(swapped)
    expect(page.url()).toBe(url)
    await shot('5-reordered-outline')
  }, 180_000)

  it('"+" on Reports opens the new report’s form', async () => {
    await page.goto(`${studio.url}/structure/reports`)
    await page.getByTestId('action-intent-button').click()
    const title = form().getByTestId('field-title').locator('input').first()
    await expect.poll(() => title.isEditable(), {timeout: 30_000}).toBe(true)
    expect(await form().getByTestId('field-year').count()).toBe(1)
    await shot('6-new-report-form')
  }, 90_000)

  it('starts next year’s report from the Reports list: the outline pane lists its empty sections and follows a rename', async () => {
    await page.goto(`${studio.url}/structure/reports`)
    await page.locator('a[href$="/structure/reports;next-year"]').click()
    const year = report.year + 1
    // The default: the newest report's year + 1; nothing is written until "Create drafts".
    await expect.poll(() => page.getByTestId('next-year-plan').innerText(), {timeout: 30_000}).toContain(`report-${year}`)
    await expect.poll(() => page.getByTestId('next-year-create').isEnabled(), {timeout: 20_000}).toBe(true)
    await page.getByTestId('next-year-create').click()
    const created = `report-${year}`
    // The previous outline (as published now: an earlier step reordered it), as empty section drafts of the new year.
    const outline = (dataset().get(report._id) as Report).sections
    const slugs = outline.map((ref) => (dataset().get(ref._ref) as {slug?: {current?: string}} | undefined)?.slug?.current)
    const expected = [...new Set(slugs.filter(Boolean))].map((slug) => `section-${year}-${slug}`)
    await expect.poll(() => ((dataset().get(`drafts.${created}`) as Report | undefined)?.sections ?? []).map((ref) => ref._ref), {timeout: 30_000}).toEqual(expected)
    expect(expected.map((id) => (dataset().get(`drafts.${id}`) as {body?: unknown} | undefined)?.body ?? null).every((body) => body === null)).toBe(true)
    await page.waitForURL(new RegExp(`/structure/reports;${created};${created}`), {timeout: 30_000})
    await expect.poll(async () => (await outlineIds(created)).length, {timeout: 30_000}).toBe(expected.length)
    await shot('7-next-year-outline')

    // A new title shows in the open outline pane's header as it is typed (saved), no navigation.
    const renamed = `${year} Annual Report (draft)`
    const heading = page.getByText(renamed, {exact: true})
    await form().getByTestId('field-title').locator('input').first().fill(renamed)
    await expect.poll(() => heading.count(), {timeout: 20_000}).toBeGreaterThan(1)
    await shot('8-renamed-outline')
  }, 180_000)

  it('lists sections grouped by report year, the new year included', async () => {
    await page.goto(`${studio.url}/structure/sections`)
    const folders = page.locator('a[href^="/structure/sections;sections-"]')
    const years = () => folders.evaluateAll((nodes) => nodes.map((node) => (node.textContent ?? '').trim()))
    await expect.poll(years, {timeout: 30_000}).toEqual([String(report.year + 1), String(report.year), 'Not in any report'])
    await page.locator(`a[href$="/structure/sections;sections-${report.year}"]`).click()
    await expect.poll(() => page.locator(`a[href$="/structure/sections;sections-${report.year};${richId}"]`).count(), {timeout: 30_000}).toBe(1)
    await shot('9-sections-by-year')
  }, 90_000)

  it('made every request to the loopback only, and never crashed the page', () => {
    expect(requests.length).toBeGreaterThan(100)
    const outside = requests.filter((url) => {
      const parsed = new URL(url)
      return !['data:', 'blob:', 'about:'].includes(parsed.protocol) && !LOOPBACK.has(parsed.hostname)
    })
    expect(outside).toEqual([])
    expect(pageErrors).toEqual([])
  })
})
