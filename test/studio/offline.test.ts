/**
 * The offline Studio as an editor uses it, in headless Chromium: served by the lake from its own
 * HTTPS origin (one shared same-origin build), History lists an edit and restores the earlier
 * revision, deleting a section the published report uses is refused, the lake answers every
 * Studio request (no 404), and `npm run studio:offline` comes up and its printed address shows
 * the Studio. Screenshots: test-artifacts/studio-offline/.
 */
import {spawn, type ChildProcess} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {chromium, type Browser, type BrowserContext, type Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startLake, type Lake, type StoredDocument} from '../../lake/index.ts'
import {repoRoot, runNode} from './run.ts'
import {sharedStudioBuild, STUDIO_TEST_TOKEN} from './shared-build.ts'

const CHROMIUM = '/usr/bin/chromium'
const hasChromium = fs.existsSync(CHROMIUM)
const shots = path.join(repoRoot, 'test-artifacts', 'studio-offline')
const shot = (page: Page, name: string) => page.screenshot({path: path.join(shots, `${name}.png`)})

if (!hasChromium && process.env.CI) {
  it('has Chromium for the offline Studio browser test', () => {
    throw new Error(`${CHROMIUM} is missing: CI must install it (apt-get install -y chromium)`)
  })
}

describe.skipIf(!hasChromium)('the offline Studio served by the lake, in headless Chromium', () => {
  let tmp: string
  let build: string
  let lake: Lake
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let report: StoredDocument & {sections: Array<{_ref: string}>}
  const pageErrors: string[] = []
  const dataset = () => lake.store.dataset('production')
  const title = (id: string): unknown => dataset().get(id)?.title

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-offline-'))
    fs.mkdirSync(shots, {recursive: true})
    const dataDir = path.join(tmp, 'data')
    // The importer's default: the bundled sample report with its images.
    const [built] = await Promise.all([sharedStudioBuild(), runNode(['--import', 'tsx', 'importer/cli.ts', '--out', path.join(dataDir, 'production.ndjson')])])
    build = built
    lake = await startLake({port: 0, dir: dataDir, token: STUDIO_TEST_TOKEN, studio: {dir: build}})
    const found = dataset().all().find((doc) => doc._type === 'report')
    if (!found) throw new Error('the importer produced no report')
    report = found as typeof report
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    })
    // The one certificate prompt an editor answers, answered for this fresh profile.
    context = await browser.newContext({ignoreHTTPSErrors: true, viewport: {width: 1500, height: 1100}})
    page = await context.newPage()
    // CI machines are shared: a click may wait for a busy Studio twice as long as on a quiet one.
    page.setDefaultTimeout(60_000)
    page.on('pageerror', (error) => pageErrors.push(error.message))
  }, 240_000)

  afterAll(async () => {
    await browser?.close()
    await lake?.close()
    if (tmp) fs.rmSync(tmp, {recursive: true, force: true})
  })

  /** Open a section in the report's outline and wait until its form can be edited. */
  async function openSection(id: string): Promise<ReturnType<Page['locator']>> {
    await page.goto(`${lake.secureUrl}/structure/reports;${report._id};${id}`)
    const input = page.getByTestId('field-title').locator('input').first()
    // Generous: on a shared 2-core machine a cold Studio load can take a while.
    await expect.poll(() => input.inputValue({timeout: 2000}).catch(() => undefined), {timeout: 60_000}).toBe(String(title(id)))
    await expect.poll(() => input.isEditable({timeout: 2000}).catch(() => false), {timeout: 30_000}).toBe(true)
    return input
  }

  /** Type at the end of the title, wait for the draft, publish, wait for the published text. */
  async function editAndPublish(id: string, input: ReturnType<Page['locator']>, suffix: string): Promise<string> {
    const next = `${String(title(`drafts.${id}`) ?? title(id))}${suffix}`
    await input.click()
    await input.press('End')
    await input.pressSequentially(suffix)
    await expect.poll(() => title(`drafts.${id}`), {timeout: 40_000, interval: 250}).toBe(next)
    const publish = page.getByTestId('action-publish')
    await expect.poll(() => publish.isEnabled({timeout: 2000}).catch(() => false), {timeout: 40_000}).toBe(true)
    await publish.click()
    await expect.poll(() => title(id), {timeout: 40_000, interval: 250}).toBe(next)
    await expect.poll(() => dataset().get(`drafts.${id}`), {timeout: 40_000}).toBeUndefined()
    return next
  }

  it('explains the certificate over plain HTTP and forwards to the Studio over HTTPS', async () => {
    const explained = await (await fetch(`${lake.url}/structure`)).text()
    expect(explained).toContain(`href="${lake.secureUrl}/structure"`)
    expect(explained).toContain('asks once whether to trust it')
    // In a browser that trusts the certificate, the page goes straight on to the Studio.
    await page.goto(`${lake.url}/structure/reports`)
    await page.waitForURL(`${lake.secureUrl}/structure/reports`, {timeout: 40_000})
    const item = page.getByTestId('structure-tool-list-pane').locator(`a[href$="/structure/reports;${report._id}"]`)
    await expect.poll(() => item.count(), {timeout: 60_000}).toBe(1)
    await shot(page, '1-reports-from-lake-origin')
  }, 120_000)

  it('History lists the edits, shows an earlier revision and restores it', async () => {
    const sectionId = report.sections[2]?._ref ?? ''
    const original = String(title(sectionId))
    let input = await openSection(sectionId)
    // Two transactions before the first publish, so the draft's creation and its publish differ.
    await input.click()
    await input.press('End')
    await input.pressSequentially(' (first')
    await expect.poll(() => title(`drafts.${sectionId}`), {timeout: 40_000, interval: 250}).toBe(`${original} (first`)
    const first = await editAndPublish(sectionId, input, ' edit)')
    await expect.poll(() => input.isEditable({timeout: 2000}).catch(() => false), {timeout: 40_000}).toBe(true)
    const second = await editAndPublish(sectionId, input, ' (second edit)')
    expect([first, second]).toEqual([`${original} (first edit)`, `${original} (first edit) (second edit)`])

    // The footer's "Last published …" opens the document's history.
    await page.getByText(/Last published/).first().click()
    await page.getByRole('tab', {name: 'History'}).click()
    const items = page.getByTestId('timeline-item-button')
    await expect.poll(async () => (await items.allTextContents().catch(() => [])).filter((text) => text.startsWith('Published')).length, {timeout: 40_000}).toBe(2)
    expect(await page.getByText('An error occurred whilst retrieving document changes').count()).toBe(0)
    await shot(page, '2-history-list')

    // The older publish: the form shows that revision's content, and "Review changes" what changed.
    const olderPublish = items.filter({hasText: /^Published/}).nth(1)
    await olderPublish.click()
    input = page.getByTestId('field-title').locator('input').first()
    await expect.poll(() => input.inputValue({timeout: 2000}).catch(() => undefined), {timeout: 40_000}).toBe(first)
    await page.getByRole('tab', {name: 'Review changes'}).click()
    const review = page.getByTestId('review-changes-pane').filter({hasText: 'From'})
    await expect.poll(() => review.first().textContent({timeout: 2000}).catch(() => ''), {timeout: 40_000}).toContain('Title')
    expect(await page.getByText('An error occurred').count()).toBe(0)
    await shot(page, '3-earlier-revision')

    await page.getByRole('button', {name: 'Revert to revision'}).click()
    // "Are you sure you want to restore this document?"
    await page.getByRole('button', {name: 'Confirm'}).click()
    await expect.poll(() => title(`drafts.${sectionId}`), {timeout: 40_000, interval: 250}).toBe(first)
    expect(title(sectionId)).toBe(second) // restored as a draft; publishing is the editor's call
    await shot(page, '4-restored')
  }, 240_000)

  it('refuses to delete a section the published report uses', async () => {
    const sectionId = report.sections[3]?._ref ?? ''
    await openSection(sectionId)
    await page.getByTestId('pane-footer').getByTestId('action-menu-button').click()
    await page.getByRole('menuitem', {name: 'Delete'}).click()
    const dialog = page.getByRole('dialog')
    const confirm = dialog.getByRole('button', {name: /^Delete/})
    await expect.poll(() => confirm.count(), {timeout: 40_000}).toBeGreaterThan(0)
    await shot(page, '5-delete-dialog')
    await confirm.first().click()
    await expect
      .poll(() => lake.requestLog.some((entry) => entry.kind === 'mutate' && entry.status === 409), {timeout: 40_000})
      .toBe(true)
    // The Studio's own words for the lake's 409 (documentHasExistingReferencesError).
    await expect.poll(() => page.getByText('An error occurred while attempting to delete this document').count(), {timeout: 40_000}).toBeGreaterThan(0)
    expect(dataset().get(sectionId)).toBeDefined()
    expect(JSON.stringify(dataset().get(report._id)?.sections)).toContain(sectionId)
    await shot(page, '6-delete-refused')
  }, 150_000)

  it('answered every Studio request it serves (no 404) and never crashed the page', () => {
    const missing = lake.requestLog.filter((entry) => entry.status === 404).map((entry) => `${entry.method} ${entry.path}`)
    expect(missing).toEqual([])
    expect(pageErrors).toEqual([])
  })

  describe('npm run studio:offline', () => {
    let child: ChildProcess | undefined
    let output = ''

    afterAll(async () => {
      if (child && child.exitCode === null) {
        const exited = new Promise((resolve) => child?.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
    })

    it('imports the sample into an empty folder, starts, and its printed address shows the Studio', async () => {
      const dir = path.join(tmp, 'command')
      // The shared build, copied in place: the command reuses it when its stamp matches.
      fs.cpSync(build, path.join(dir, 'studio'), {recursive: true})
      child = spawn(process.execPath, ['--import', 'tsx', 'studio/offline/cli.ts', '--port', '0', '--dir', dir], {
        cwd: repoRoot,
        env: {...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`},
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
      child.on('error', (error) => (output += `\nspawn failed: ${error.message}\n`))
      await expect.poll(() => /Open: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1], {timeout: 150_000, interval: 500}).toBeDefined()
      const address = /Open: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1] ?? ''
      expect(output).toContain('importing the bundled sample')
      expect(fs.existsSync(path.join(dir, 'production.ndjson'))).toBe(true)

      const commandPage = await context.newPage()
      await commandPage.goto(address)
      await commandPage.waitForURL(/^https:\/\/127\.0\.0\.1:\d+\//, {timeout: 40_000})
      await commandPage.goto(`${commandPage.url().replace(/\/$/, '')}/structure/reports`)
      await expect
        .poll(() => commandPage.getByTestId('structure-tool-list-pane').getByText(String(report.title)).count(), {timeout: 40_000})
        .toBeGreaterThan(0)
      await shot(commandPage, '7-studio-offline-command')
      await commandPage.close()

      const exited = new Promise<number | null>((resolve) => child?.once('exit', resolve))
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
    }, 200_000)
  })
})
