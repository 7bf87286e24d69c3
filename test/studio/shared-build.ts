/**
 * One offline Studio build for every browser test: built `same-origin` (it talks to the lake that
 * serves it, on any port) with the offline token, kept in the temp folder between runs and
 * rebuilt only when the Studio's sources change (studio/offline/build.ts).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {startLake, type Lake} from '../../lake/index.ts'
import {ensureStudioBuild} from '../../studio/offline/build.ts'
import {repoRoot, runNode} from './run.ts'

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

/** The shared sample's folder (reports and their images). */
export const sampleContent = path.resolve(repoRoot, '../shared/content')

/**
 * The offline flow as documented: the importer writes the sample's snapshot into `<tmp>/data`,
 * and a lake loads it (ingesting the images it names) and serves the shared Studio build from
 * its own HTTPS origin, where HTTP/2 carries the Studio's many event streams.
 *
 * @param tmp - the test's temp folder
 * @param prepare - told the snapshot's path before the lake loads it (e.g. to add documents)
 * @returns the running lake (with `secureUrl`)
 */
export async function startSampleLake(tmp: string, prepare?: (ndjson: string) => void): Promise<Lake & {secureUrl: string}> {
  const dataDir = path.join(tmp, 'data')
  // The report files of the shared sample (its README describes the folder, it is no report).
  const reports = fs
    .readdirSync(sampleContent)
    .filter((file) => file.endsWith('.md') && file.toLowerCase() !== 'readme.md')
    .map((file) => path.join(sampleContent, file))
  // The shared sample has no report-profile.json beside it: OpenInfra's conventions, named.
  const ndjson = path.join(dataDir, 'production.ndjson')
  await runNode(['--import', 'tsx', 'importer/cli.ts', ...reports, '--profile', 'importer/profile/openinfra.json', '--assets', sampleContent, '--out', ndjson])
  prepare?.(ndjson)
  const lake = await startLake({port: 0, dir: dataDir, token: STUDIO_TEST_TOKEN, assetRoots: [sampleContent], studio: {dir: await sharedStudioBuild()}})
  if (!lake.secureUrl) throw new Error('the lake serves no HTTPS')
  return lake as Lake & {secureUrl: string}
}
