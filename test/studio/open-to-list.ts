/**
 * How long the offline Studio takes to open: from navigating to `/structure/reports` until the
 * first report is listed, in real headless Chromium, with a cold browser cache and then warm.
 * For the bench (`bench/`) and for anyone profiling the Studio; tests use it only to check that it
 * measures (never how fast). The lake serves the shared offline build with the sample report plus
 * N more reports (copies of the sample under other years, real-sized).
 *
 * "Warm" is the browser of an editor who trusts the lake's certificate and opened the Studio
 * before: Chromium is told to trust that one certificate (by its public key), because Chromium
 * keeps nothing in its cache from a site whose certificate it was only told to ignore.
 */
import {createHash, X509Certificate} from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {chromium, type BrowserContext} from 'playwright-core'
import {startSampleLake} from './shared-build.ts'
import type {Lake} from '../../lake/index.ts'

/** Chromium as the browser tests start it. */
export const CHROMIUM = '/usr/bin/chromium'
const BROWSER_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync']

/** One page load. */
export interface OpenToListRun {
  /** Milliseconds from the navigation's start until the first report was listed. */
  ms: number
  /** Static files (`/static/…`) the page loaded, and how many of them came from the browser's cache. */
  staticFiles: number
  staticFromCache: number
  /** Bytes the page transferred (all requests, as the browser counts them). */
  transferredBytes: number
}

/** What {@link measureOpenToList} found. */
export interface OpenToListResult {
  cold: OpenToListRun
  warm: OpenToListRun[]
}

/** Options of {@link measureOpenToList}. */
export interface OpenToListOptions {
  /** The Studio's HTTPS origin, e.g. `lake.secureUrl`. */
  studioUrl: string
  /** The lake's certificate (PEM, `<dir>/tls/cert.pem`), trusted for this run only. */
  certificatePem: string
  /** Page loads after the cold one (default 3). */
  warmRuns?: number
  /** Chromium's path (default /usr/bin/chromium). */
  executablePath?: string
  /** Give up on a load after this long (default 60 s). */
  timeoutMs?: number
}

/** A link to a report in the Reports pane (not the "Next year's report" entry). */
const REPORT_LINK = 'a[href*="/structure/reports;"]:not([href$=";next-year"])'

/**
 * Measure open-to-list: one load with an empty browser profile, then `warmRuns` loads in the same
 * profile (a new tab each). Times come from the page's own clock (`performance.now()` when the
 * first report link is in the document), so polling adds nothing.
 *
 * @param options - where the Studio is, its certificate, how many warm loads
 * @returns the cold run and the warm runs
 */
export async function measureOpenToList(options: OpenToListOptions): Promise<OpenToListResult> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'open-to-list-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: options.executablePath ?? CHROMIUM,
    args: [...BROWSER_ARGS, `--ignore-certificate-errors-spki-list=${spkiHash(options.certificatePem)}`],
    viewport: {width: 1400, height: 1000},
  })
  try {
    await context.addInitScript({content: recordFirstReport(REPORT_LINK)})
    const cold = await load(context, options)
    const warm: OpenToListRun[] = []
    for (let run = 0; run < (options.warmRuns ?? 3); run += 1) warm.push(await load(context, options))
    return {cold, warm}
  } finally {
    await context.close()
    fs.rmSync(profile, {recursive: true, force: true})
  }
}

/**
 * The base64 SHA-256 of a certificate's public key, as `--ignore-certificate-errors-spki-list` takes it.
 *
 * @param pem - the certificate
 * @returns the hash
 */
export function spkiHash(pem: string): string {
  const key = new X509Certificate(pem).publicKey.export({type: 'spki', format: 'der'})
  return createHash('sha256').update(key).digest('base64')
}

async function load(context: BrowserContext, options: OpenToListOptions): Promise<OpenToListRun> {
  const page = await context.newPage()
  try {
    await page.goto(`${options.studioUrl}/structure/reports`, {waitUntil: 'commit', timeout: options.timeoutMs ?? 60_000})
    await page.waitForFunction(() => typeof (window as {__firstReportListed?: number}).__firstReportListed === 'number', undefined, {
      timeout: options.timeoutMs ?? 60_000,
      polling: 100,
    })
    return await page.evaluate(() => {
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[]
      const navigation = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[]
      const staticFiles = resources.filter((entry) => new URL(entry.name).pathname.startsWith('/static/'))
      return {
        ms: Math.round((window as {__firstReportListed?: number}).__firstReportListed ?? Number.NaN),
        staticFiles: staticFiles.length,
        staticFromCache: staticFiles.filter((entry) => entry.transferSize === 0).length,
        transferredBytes: [...navigation, ...resources].reduce((sum, entry) => sum + entry.transferSize, 0),
      }
    })
  } finally {
    await page.close()
  }
}

/**
 * The script that runs in the page before its own: notes when the first report link appears.
 * (A string, so no build helper of this file's compiler ends up in the page.)
 *
 * @param selector - the CSS selector of a report link
 * @returns the script
 */
function recordFirstReport(selector: string): string {
  return `(() => {
    const selector = ${JSON.stringify(selector)}
    const observer = new MutationObserver(() => {
      if (!document.querySelector(selector)) return
      window.__firstReportListed = performance.now()
      observer.disconnect()
    })
    observer.observe(document, {childList: true, subtree: true})
  })()`
}

/**
 * A lake serving the shared offline Studio build with the imported sample and `extraReports`
 * more reports (see {@link addReportCopies}).
 *
 * @param tmp - a temp folder (the data folder goes inside)
 * @param extraReports - how many more reports (default 20)
 * @returns the running lake, its HTTPS origin and its certificate
 */
export async function startOpenToListLake(tmp: string, extraReports = 20): Promise<Lake & {secureUrl: string; certificatePem: string}> {
  const lake = await startSampleLake(tmp, (ndjson) => addReportCopies(ndjson, extraReports))
  return Object.assign(lake, {certificatePem: fs.readFileSync(path.join(tmp, 'data', 'tls', 'cert.pem'), 'utf8')})
}

/**
 * More reports for a dataset: copies of its newest report and that report's sections under the
 * `count` years before it (the report's id, slug, title and year, and its sections' ids and the
 * references to them, moved to that year; same bodies, so the copies are as big as real
 * reports). Projects, authors and images are shared.
 *
 * @param ndjson - an importer snapshot (`production.ndjson`), rewritten in place
 * @param count - how many reports to add
 */
export function addReportCopies(ndjson: string, count: number): void {
  const docs = fs.readFileSync(ndjson, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>)
  const report = docs.filter((doc) => doc._type === 'report').sort((a, b) => Number(b.year) - Number(a.year))[0]
  if (!report || typeof report.year !== 'number') throw new Error(`${ndjson} has no report with a year`)
  const year = String(report.year)
  const refs = new Set(((report.sections as Array<{_ref: string}> | undefined) ?? []).map((ref) => ref._ref))
  const sections = docs.filter((doc) => refs.has(String(doc._id)))
  const copies: string[] = []
  for (let back = 1; back <= count; back += 1) {
    const other = String(report.year - back)
    const move = (text: string) => text.split(year).join(other)
    const ids = new Map([report, ...sections].map((doc) => [String(doc._id), move(String(doc._id))]))
    const renamed = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(renamed)
      if (typeof value !== 'object' || value === null) return value
      return Object.fromEntries(
        Object.entries(value).map(([key, field]) => [key, (key === '_id' || key === '_ref') && typeof field === 'string' ? (ids.get(field) ?? field) : renamed(field)]),
      )
    }
    const slug = (report.slug as {current?: string} | undefined)?.current ?? year
    copies.push(JSON.stringify({...(renamed(report) as object), year: Number(other), title: move(String(report.title)), slug: {_type: 'slug', current: move(slug)}}))
    for (const section of sections) copies.push(JSON.stringify(renamed(section)))
  }
  fs.appendFileSync(ndjson, `${copies.join('\n')}\n`)
}
