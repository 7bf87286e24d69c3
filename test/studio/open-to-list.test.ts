/**
 * The open-to-list measurement the bench uses (test/studio/open-to-list.ts) measures what it
 * says: a cold load with nothing cached, warm loads served from the browser's cache, on a lake
 * with more reports than the sample; and the Studio it measures is a production build. No time
 * is asserted (the bench reports times).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Lake} from '../../lake/index.ts'
import {measureOpenToList, startOpenToListLake} from './open-to-list.ts'
import {sharedStudioBuild} from './shared-build.ts'
import {hasChromium} from './studio-browser.ts'

describe.skipIf(!hasChromium)('open-to-list measurement', () => {
  let tmp: string
  let lake: Lake & {secureUrl: string; certificatePem: string}

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'open-to-list-'))
    lake = await startOpenToListLake(tmp, 3)
  }, 300_000)

  afterAll(async () => {
    await lake?.close()
    if (tmp) fs.rmSync(tmp, {recursive: true, force: true})
  })

  it('serves a production bundle (React’s development build would be slower and warn in the console)', async () => {
    const dir = path.join(await sharedStudioBuild(), 'static')
    const scripts = fs.readdirSync(dir).filter((name) => name.endsWith('.js'))
    expect(scripts.length).toBeGreaterThan(10)
    const development = scripts.filter((name) => fs.readFileSync(path.join(dir, name), 'utf8').includes('React does not recognize the'))
    expect(development).toEqual([])
  })

  it('adds copies of the newest report under earlier years, with their own section ids', () => {
    const reports = lake.store.dataset('production').all().filter((doc) => doc._type === 'report')
    const years = reports.map((doc) => Number(doc.year)).sort()
    expect(years).toHaveLength(4)
    expect(years.slice(1).map((year, index) => year - (years[index] ?? 0))).toEqual([1, 1, 1])
    for (const report of reports) {
      const refs = (report.sections as Array<{_ref: string}>).map((ref) => ref._ref)
      expect(refs.length).toBeGreaterThan(10)
      expect(refs.every((ref) => ref.includes(String(report.year)) && lake.store.dataset('production').get(ref))).toBe(true)
    }
  })

  it('times a cold load with nothing cached and warm loads from the browser’s cache', async () => {
    const result = await measureOpenToList({studioUrl: lake.secureUrl, certificatePem: lake.certificatePem, warmRuns: 1})
    const [warm] = result.warm
    expect(Number.isFinite(result.cold.ms) && result.cold.ms > 0).toBe(true)
    expect(Number.isFinite(warm?.ms) && (warm?.ms ?? 0) > 0).toBe(true)
    expect(result.cold.staticFiles).toBeGreaterThan(10)
    expect(result.cold.staticFromCache).toBe(0)
    expect(warm?.staticFromCache).toBe(warm?.staticFiles)
    expect(warm?.transferredBytes).toBeLessThan(result.cold.transferredBytes / 10)
  }, 180_000)
})
