/**
 * Next year's report in the offline Studio (headless Chromium, the imported sample): opening the
 * Studio and its panes writes nothing; the editor picks the source report and a year, and only on
 * confirming are the report and its sections created, in one transaction, with that year's ids;
 * one action publishes the report with its sections; deleting the unpublished report offers its
 * unpublished sections too. Every step is checked in the lake, not only on screen.
 */
import {describe, expect, it} from 'vitest'
import type {StoredDocument} from '../../lake/index.ts'
import {hasChromium, stored, storedWhere, useSampleStudio, writeRequests} from './studio-browser.ts'

type Report = StoredDocument & {title: string; year: number; slug: {current: string}; sections: Array<{_ref: string; _weak?: boolean}>}

describe.skipIf(!hasChromium)('next year’s report in the offline Studio', () => {
  const studio = useSampleStudio('studio-next-year')
  const lake = () => studio().lake
  const page = () => studio().session.page
  const shot = (name: string) => studio().shot(name)
  let sourceReport: Report | undefined
  /** The sample's report, as it was when the file's first test read it (later tests add reports). */
  const source = (): Report => (sourceReport ??= lake().store.dataset('production').all().find((doc) => doc._type === 'report' && !doc._id.startsWith('drafts.')) as Report)

  /** The ids the plan for `year` must create, worked out from the source report in the lake. */
  const expectedSections = (year: number): string[] => {
    const slugs = source().sections.map((ref) => stored<{slug?: {current?: string}}>(lake(), ref._ref)?.slug?.current).filter((slug): slug is string => Boolean(slug))
    return [...new Set(slugs)].map((slug) => `section-${year}-${slug}`)
  }

  /** Open the "Next year's report" pane, set the year, wait for the plan of that year. */
  const openPlan = async (year: number): Promise<void> => {
    await page().goto(`${lake().secureUrl}/structure/reports;next-year`)
    const yearInput = page().getByTestId('next-year-year')
    // The default (the newest report's year + 1) is shown once the reports are read.
    await expect.poll(() => yearInput.inputValue(), {timeout: 60_000}).toMatch(/^\d{4}$/)
    await yearInput.fill(String(year))
    await expect.poll(() => page().getByTestId('next-year-plan').innerText(), {timeout: 20_000}).toContain(`report-${year}`)
    await expect.poll(() => page().getByTestId('next-year-create').isEnabled(), {timeout: 20_000}).toBe(true)
  }

  it('opening the Studio, every pane and the next-year form writes nothing', async () => {
    const before = lake().store.dataset('production').all().map((doc) => `${doc._id}@${doc._rev}`).sort()
    await page().goto(`${lake().secureUrl}/structure`)
    // As an editor goes: each pane by its link, the next-year form last, filled in and left alone.
    for (const pane of ['reports', `reports;${source()._id}`, 'sections', 'projects', 'authors', 'reports', 'reports;next-year']) {
      await page().locator(`a[href="/structure/${pane}"]`).first().click()
      await page().waitForURL(`${lake().secureUrl}/structure/${pane}`)
      await page().getByTestId(pane.endsWith('next-year') ? 'next-year-plan' : 'pane-header').last().waitFor()
    }
    await expect.poll(() => page().getByTestId('next-year-plan').innerText(), {timeout: 20_000}).toContain(`report-${source().year + 1}`)
    await shot('1-next-year-form')
    expect(writeRequests(lake())).toEqual([])
    expect(lake().store.dataset('production').all().map((doc) => `${doc._id}@${doc._rev}`).sort()).toEqual(before)
  }, 240_000)

  it('creates the report and its sections for a chosen year only on confirming, in one transaction', async () => {
    const year = source().year + 3
    await openPlan(year)
    expect(writeRequests(lake())).toEqual([])
    await page().getByTestId('next-year-create').click()
    await expect.poll(() => stored(lake(), `drafts.report-${year}`), {timeout: 30_000}).toBeDefined()
    const report = stored<Report>(lake(), `drafts.report-${year}`)!
    expect(report).toMatchObject({year, slug: {current: String(year)}, title: source().title.split(String(source().year)).join(String(year))})
    expect(report.sections.map((ref) => ref._ref)).toEqual(expectedSections(year))
    const sections = expectedSections(year).map((id) => stored(lake(), `drafts.${id}`))
    expect(sections.every((section) => section && !('body' in section))).toBe(true)
    // One transaction: one write request, every document of the same revision.
    expect(writeRequests(lake())).toHaveLength(1)
    expect(new Set([report, ...sections].map((doc) => doc?._rev)).size).toBe(1)
    // The new report opens (its form, beside its outline).
    await page().waitForURL(new RegExp(`/structure/reports;report-${year};report-${year}`), {timeout: 30_000})
    await expect.poll(() => page().getByTestId('field-year').locator('input').first().inputValue(), {timeout: 30_000}).toBe(String(year))
    await shot('2-created')
  }, 180_000)

  it('publishes the report with every section draft it lists in one action', async () => {
    const year = source().year + 3
    const writes = writeRequests(lake()).length
    await page().getByTestId('pane-footer').getByTestId('action-menu-button').click()
    await page().getByRole('menuitem', {name: /Publish with sections/}).click()
    const ids = [`report-${year}`, ...expectedSections(year)]
    await expect.poll(() => ids.filter((id) => stored(lake(), id) && !stored(lake(), `drafts.${id}`)).length, {timeout: 30_000}).toBe(ids.length)
    expect(writeRequests(lake()).slice(writes)).toEqual([expect.stringMatching(/^POST \/v[\w-]+\/data\/actions\/production$/)])
    expect(new Set(ids.map((id) => stored(lake(), id)?._rev)).size).toBe(1)
    // Published, the report's references are strong.
    expect(stored<Report>(lake(), `report-${year}`)?.sections.filter((ref) => ref._weak)).toEqual([])
    await shot('3-published-together')
  }, 120_000)

  it('deleting an unpublished report offers to delete its unpublished sections with it', async () => {
    const year = source().year + 4
    await openPlan(year)
    await page().getByTestId('next-year-create').click()
    await page().waitForURL(new RegExp(`/structure/reports;report-${year};report-${year}`), {timeout: 30_000})
    const created = storedWhere(lake(), (id) => id.includes(`-${year}`)).map((doc) => doc._id)
    expect(created).toHaveLength(expectedSections(year).length + 1)
    await page().getByTestId('pane-footer').getByTestId('action-menu-button').click()
    await page().getByRole('menuitem', {name: 'Delete'}).click()
    const dialog = page().getByTestId('delete-report-dialog')
    await dialog.waitFor()
    await shot('4-delete-dialog')
    await dialog.getByRole('button', {name: `Delete report and ${expectedSections(year).length} sections`}).click()
    await expect.poll(() => storedWhere(lake(), (id) => id.includes(`-${year}`)).map((doc) => doc._id), {timeout: 30_000}).toEqual([])
    // The published report of the previous step and its sections are untouched.
    expect(stored(lake(), `report-${source().year + 3}`)).toBeDefined()
    await page().goto(`${lake().secureUrl}/structure/reports`)
    await page().locator(`a[href$="/structure/reports;report-${source().year + 3}"]`).waitFor()
    expect(await page().locator(`a[href$="/structure/reports;report-${year}"]`).count()).toBe(0)
  }, 180_000)

  it('left the console without errors', () => {
    expect(studio().session.errors).toEqual([])
  })
})
