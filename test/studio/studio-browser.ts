/**
 * Headless Chromium for the Studio's browser tests: one page that records what an editor's
 * session leaves behind (console errors and warnings, page errors, every request URL), and
 * helpers that read the lake a test runs against.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {chromium, type Browser, type Page} from 'playwright-core'
import {afterAll, afterEach, beforeAll} from 'vitest'
import type {Lake, StoredDocument} from '../../lake/index.ts'
import {repoRoot} from './run.ts'
import {startSampleLake} from './shared-build.ts'

/** Chromium as the tests start it; tests are skipped where it is missing (a failure on CI). */
export const CHROMIUM = '/usr/bin/chromium'
export const hasChromium = fs.existsSync(CHROMIUM)

/** A browser with one page and what it recorded. */
export interface StudioBrowser {
  browser: Browser
  page: Page
  /** `console.error` messages and uncaught page errors, in order, each after the path of the page. */
  errors: string[]
  /** `console.warn` messages. */
  warnings: string[]
  /** Every request the page, its frames and workers made. */
  requests: string[]
}

/**
 * Start Chromium with a fresh profile that accepts the lake's self-signed certificate (the
 * editor's one answer to the browser's question), and open a page.
 *
 * @param viewport - the page size
 * @returns the browser, the page and its records
 */
export async function startStudioBrowser(viewport = {width: 1500, height: 1400}): Promise<StudioBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  })
  const context = await browser.newContext({ignoreHTTPSErrors: true, viewport})
  const page = await context.newPage()
  // CI machines are shared: a click may wait for a busy Studio twice as long as on a quiet one.
  page.setDefaultTimeout(60_000)
  const recorded: StudioBrowser = {browser, page, errors: [], warnings: [], requests: []}
  context.on('request', (request) => recorded.requests.push(request.url()))
  // Each message with the page it came from, so a failure says where.
  const where = () => new URL(page.url()).pathname
  page.on('pageerror', (error) => recorded.errors.push(`${where()}: page error: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') recorded.errors.push(`${where()}: ${message.text()}`)
    if (message.type() === 'warning') recorded.warnings.push(`${where()}: ${message.text()}`)
  })
  return recorded
}

/**
 * The lake's writes so far: requests to the mutate and actions endpoints.
 *
 * @param lake - the running lake
 * @returns `METHOD path` of each write request
 */
export function writeRequests(lake: Lake): string[] {
  return lake.requestLog.filter((entry) => entry.kind === 'mutate' || entry.kind === 'upload').map((entry) => `${entry.method} ${entry.path}`)
}

/**
 * A document in the lake's production dataset, read directly (not through the Studio).
 *
 * @param lake - the running lake
 * @param id - the document id
 * @returns the stored document, or undefined
 */
export function stored<T = StoredDocument>(lake: Lake, id: string): (StoredDocument & T) | undefined {
  return lake.store.dataset('production').get(id) as (StoredDocument & T) | undefined
}

/**
 * Every stored document whose id matches.
 *
 * @param lake - the running lake
 * @param match - a predicate on ids
 * @returns the documents
 */
export function storedWhere(lake: Lake, match: (id: string) => boolean): StoredDocument[] {
  return lake.store.dataset('production').all().filter((doc) => match(doc._id))
}

/** What {@link useSampleStudio} gives a test file. */
export interface SampleStudio {
  lake: Lake & {secureUrl: string}
  session: StudioBrowser
  /** Save a screenshot under `test-artifacts/<name>/`. */
  shot: (name: string) => Promise<void>
}

/**
 * One lake with the imported sample serving the shared Studio build, and one browser, for a test
 * file: started before its tests (after `prepare`, e.g. documents other editors left), a
 * screenshot when a test fails, everything closed and removed after.
 *
 * @param name - names the temp folder and the screenshots' folder (`test-artifacts/<name>/`)
 * @param prepare - runs once the lake is up, before the browser starts
 * @returns the file's studio, once `beforeAll` has run
 */
export function useSampleStudio(name: string, prepare?: (lake: Lake & {secureUrl: string}) => Promise<void>): () => SampleStudio {
  const shots = path.join(repoRoot, 'test-artifacts', name)
  let tmp: string | undefined
  let studio: SampleStudio | undefined
  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`))
    fs.mkdirSync(shots, {recursive: true})
    const lake = await startSampleLake(tmp)
    await prepare?.(lake)
    const session = await startStudioBrowser()
    studio = {lake, session, shot: async (shot) => void (await session.page.screenshot({path: path.join(shots, `${shot}.png`)}))}
  }, 300_000)
  afterEach(async (test) => {
    if (test.task.result?.state === 'fail') await studio?.shot(`failed-${test.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined)
  })
  afterAll(async () => {
    await studio?.session.browser.close()
    await studio?.lake.close()
    if (tmp) fs.rmSync(tmp, {recursive: true, force: true})
  })
  return () => {
    if (!studio) throw new Error(`${name}: the studio is not started (use it inside tests)`)
    return studio
  }
}
