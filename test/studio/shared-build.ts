/**
 * One offline Studio build for every browser test: built `same-origin` (it talks to the lake that
 * serves it, on any port) with the offline token, kept in the temp folder between runs and
 * rebuilt only when the Studio's sources change (studio/offline/build.ts).
 */
import os from 'node:os'
import path from 'node:path'
import {ensureStudioBuild} from '../../studio/offline/build'

/** The token the shared build carries; a browser test's lake must be started with it. */
export const STUDIO_TEST_TOKEN = 'studio-browser-token'

/** Where the shared build lives. */
export const sharedBuildDir = path.join(os.tmpdir(), 'annual-report-offline-studio')

/**
 * The shared Studio build, made if missing or stale.
 *
 * @returns its folder
 */
export async function sharedStudioBuild(): Promise<string> {
  return (await ensureStudioBuild(sharedBuildDir, {token: STUDIO_TEST_TOKEN})).dir
}
