/**
 * The Studio's open-to-list time in real headless Chromium: the offline build served by a lake
 * holding the imported sample plus 20 more reports, from navigating to `/structure/reports` until
 * the first report is listed, with a cold browser cache and then warm. The measuring itself is
 * the browser tests' (`test/studio/open-to-list.ts`), so bench and tests time the same thing.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {CHROMIUM, measureOpenToList, startOpenToListLake, type OpenToListRun} from '../test/studio/open-to-list.ts'
import {median} from './lib/measure.ts'

/** Cold and warm loads. */
export interface StudioOpenResult {
  extraReports: number
  cold: OpenToListRun
  warm: OpenToListRun[]
  warmMedianMs: number
}

/**
 * @param extraReports - reports beside the sample (default 20)
 * @param warmRuns - warm loads after the cold one
 * @returns the loads, or undefined when no Chromium is installed
 */
export async function benchStudioOpen(extraReports = 20, warmRuns = 5): Promise<StudioOpenResult | undefined> {
  if (!fs.existsSync(CHROMIUM)) return undefined
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-studio-open-'))
  const lake = await startOpenToListLake(tmp, extraReports)
  try {
    const {cold, warm} = await measureOpenToList({studioUrl: lake.secureUrl, certificatePem: lake.certificatePem, warmRuns})
    return {extraReports, cold, warm, warmMedianMs: median(warm.map((run) => run.ms))}
  } finally {
    await lake.close()
    fs.rmSync(tmp, {recursive: true, force: true})
  }
}
