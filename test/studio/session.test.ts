/**
 * An editor's session in the offline Studio (headless Chromium, the imported sample) where every
 * action does what it says, checked in the lake: Reports lists newest first with a report without
 * a year last; edit intents by URL open report, section, project and author forms; two drafts that
 * share a year and a slug are flagged, each naming the other; a draft that was never published is
 * deleted; "Discard changes" removes a published document's draft. Over the session (list, open,
 * edit, publish) the console shows no error and nothing leaves the loopback.
 */
import {createClient} from '@sanity/client'
import {describe, expect, it} from 'vitest'
import type {Lake, StoredDocument} from '../../lake/index.ts'
import {STUDIO_TEST_TOKEN} from './shared-build.ts'
import {hasChromium, stored, useSampleStudio} from './studio-browser.ts'

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])
type Report = StoredDocument & {title: string; year?: number; sections: Array<{_ref: string}>}
type Named = StoredDocument & {name: string}

/** The sample's first published document of a type. */
const first = <T>(lake: Lake, type: string): T => lake.store.dataset('production').all().find((doc) => doc._type === type && !doc._id.startsWith('drafts.')) as T

/**
 * What other editors left: two drafts that collide, a report without a year, a draft never
 * published, and a published project with unpublished changes.
 */
async function leftByOthers(lake: Lake): Promise<void> {
  const client = createClient({projectId: 'offline', dataset: 'production', apiHost: lake.url, useProjectHostname: false, apiVersion: '2025-02-19', useCdn: false, token: STUDIO_TEST_TOKEN})
  const project = first<Named>(lake, 'project')
  const collide = {_type: 'report', year: 2040, slug: {_type: 'slug', current: 'collide'}, sections: []}
  await client
    .transaction()
    .create({...collide, _id: 'drafts.report-collide-a', title: 'Collide A'})
    .create({...collide, _id: 'drafts.report-collide-b', title: 'Collide B'})
    .create({_id: 'drafts.report-no-year', _type: 'report', title: 'A report without a year', slug: {_type: 'slug', current: 'no-year'}})
    .create({_id: 'drafts.author-never-published', _type: 'author', name: 'Never Published', slug: {_type: 'slug', current: 'never-published'}})
    .create({...project, _id: `drafts.${project._id}`, name: `${project.name} (unpublished change)`})
    .commit()
}

describe.skipIf(!hasChromium)('an editor’s session: every action does what it says', () => {
  const studio = useSampleStudio('studio-session', leftByOthers)
  const lake = () => studio().lake
  const page = () => studio().session.page
  const form = () => page().getByTestId('form-view')
  const shot = (name: string) => studio().shot(name)
  const all = () => lake().store.dataset('production').all()
  const report = () => first<Report>(lake(), 'report')
  const project = () => first<Named>(lake(), 'project')
  const author = () => first<Named>(lake(), 'author')

  it('lists reports newest first, the one without a year last; opens one, edits a section and publishes it', async () => {
    await page().goto(`${lake().secureUrl}/structure/reports`)
    const links = page().locator('a[href^="/structure/reports;"]:not([href$=";next-year"])')
    const listed = () => links.evaluateAll((nodes) => nodes.map((node) => (node.getAttribute('href') ?? '').split(';')[1]))
    await expect.poll(listed, {timeout: 60_000}).toEqual(['report-collide-a', 'report-collide-b', report()._id, 'report-no-year'])
    await shot('1-reports')

    await links.nth(2).click()
    const sectionId = report().sections[1]?._ref ?? ''
    await page().locator(`a[href$="/structure/reports;${report()._id};${sectionId}"]`).click()
    const title = form().getByTestId('field-title').locator('input').first()
    await expect.poll(() => title.isEditable(), {timeout: 60_000}).toBe(true)
    await title.press('End')
    await title.pressSequentially(' (edited)')
    const edited = `${String(stored(lake(), sectionId)?.title)} (edited)`
    await expect.poll(() => stored(lake(), `drafts.${sectionId}`)?.title, {timeout: 30_000}).toBe(edited)
    const publish = page().getByTestId('action-publish')
    await expect.poll(() => publish.isEnabled(), {timeout: 30_000}).toBe(true)
    await publish.click()
    await expect.poll(() => [stored(lake(), sectionId)?.title, stored(lake(), `drafts.${sectionId}`)], {timeout: 30_000}).toEqual([edited, undefined])
    await shot('2-published-edit')
  }, 240_000)

  it('edit intents open the form of a report, a section, a project and an author', async () => {
    const sectionId = report().sections[0]?._ref ?? ''
    const cases: Array<[type: string, id: string, url: string, field: string, value: unknown]> = [
      ['report', report()._id, `/structure/reports;${report()._id};${report()._id}`, 'field-title', report().title],
      ['section', sectionId, `/structure/reports;${report()._id};${sectionId}`, 'field-title', stored(lake(), sectionId)?.title],
      ['project', project()._id, `/structure/projects;${project()._id}`, 'field-name', `${project().name} (unpublished change)`],
      ['author', author()._id, `/structure/authors;${author()._id}`, 'field-name', author().name],
    ]
    for (const [type, id, url, field, value] of cases) {
      await page().goto(`${lake().secureUrl}/intent/edit/id=${id};type=${type}`)
      await page().waitForURL(`${lake().secureUrl}${url}`, {timeout: 60_000})
      await expect.poll(() => form().getByTestId(field).locator('input').first().inputValue(), {timeout: 60_000}).toBe(String(value))
      await shot(`3-intent-${type}`)
    }
  }, 240_000)

  it('flags two drafts that share a slug (error) and a year (warning), each naming the other', async () => {
    for (const [id, other] of [['report-collide-a', 'Collide B'], ['report-collide-b', 'Collide A']] as const) {
      await page().goto(`${lake().secureUrl}/structure/reports;${id};${id}`)
      await page().getByTestId('field-slug').getByTestId('input-validation-icon-error').waitFor({timeout: 60_000})
      await page().getByTestId('field-year').getByTestId('input-validation-icon-warning').waitFor({timeout: 60_000})
      await page().getByRole('button', {name: 'Validation'}).click()
      const otherId = other === 'Collide A' ? 'report-collide-a' : 'report-collide-b'
      // In the Validation panel (a field's tooltip holds the text too, hidden).
      const shown = (text: string) => page().getByText(text).filter({visible: true})
      await shown(`"${other}" (${otherId}, draft) already uses the slug "collide"`).first().waitFor({timeout: 30_000})
      expect(await shown(`"${other}" (${otherId}, draft) also has the year 2040`).count()).toBe(1)
      await shot(`4-collision-${id}`)
    }
  }, 180_000)

  it('deletes a draft that was never published: gone from the lake and the list', async () => {
    await page().goto(`${lake().secureUrl}/structure/authors;author-never-published`)
    await expect.poll(() => form().getByTestId('field-name').locator('input').first().inputValue(), {timeout: 60_000}).toBe('Never Published')
    await page().getByTestId('pane-footer').getByTestId('action-menu-button').click()
    await page().getByRole('menuitem', {name: 'Delete'}).click()
    await page().getByRole('dialog').getByRole('button', {name: /^Delete/}).click()
    await expect.poll(() => all().filter((doc) => doc._id.endsWith('author-never-published')).length, {timeout: 30_000}).toBe(0)
    await expect.poll(() => page().locator('a[href$="/structure/authors;author-never-published"]').count(), {timeout: 30_000}).toBe(0)
    await shot('5-draft-deleted')
  }, 120_000)

  it('"Discard changes" removes the draft of a published document and keeps the published one', async () => {
    const published = project()
    await page().goto(`${lake().secureUrl}/structure/projects;${published._id}`)
    const name = form().getByTestId('field-name').locator('input').first()
    await expect.poll(() => name.inputValue(), {timeout: 60_000}).toBe(`${published.name} (unpublished change)`)
    await page().getByTestId('pane-footer').getByTestId('action-menu-button').click()
    await page().getByRole('menuitem', {name: 'Discard changes'}).click()
    await page().getByRole('dialog').getByRole('button', {name: /^Discard/}).click()
    await expect.poll(() => stored(lake(), `drafts.${published._id}`), {timeout: 30_000}).toBeUndefined()
    expect(stored(lake(), published._id)).toEqual(published)
    await expect.poll(() => name.inputValue(), {timeout: 30_000}).toBe(published.name)
  }, 120_000)

  it('made no request outside the loopback, got no 404 from the lake, and logged no console error or warning', () => {
    const outside = studio().session.requests.filter((url) => !['data:', 'blob:', 'about:'].includes(new URL(url).protocol) && !LOOPBACK.has(new URL(url).hostname))
    expect(outside).toEqual([])
    expect(lake().requestLog.filter((entry) => entry.status === 404).map((entry) => `${entry.method} ${entry.path}`)).toEqual([])
    expect(studio().session.errors).toEqual([])
    expect(studio().session.warnings).toEqual([])
  })
})
