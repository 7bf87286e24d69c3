/** Shared setup for lake tests: a lake on a free port in a temp folder, and a real client for it. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {createClient, type SanityClient} from '@sanity/client'
import {afterAll, beforeAll} from 'vitest'
import {startLake, type Lake, type LakeOptions} from '../../lake/index.ts'

export const TOKEN = 'test-token-123'

/** A temporary data folder (removed by the caller's afterAll via {@link removeDir}). */
export function tempDir(prefix = 'lake-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, {recursive: true, force: true})
}

/**
 * Temporary folders for one test file, all removed after it (call at the file's top level).
 * @returns a function making one folder with the given name prefix
 */
export function scratchDirs(): (prefix: string) => string {
  const dirs: string[] = []
  afterAll(() => dirs.forEach(removeDir))
  return (prefix) => {
    const dir = tempDir(prefix)
    dirs.push(dir)
    return dir
  }
}

/** Start a lake on port 0 with the test token. */
export function startTestLake(dir: string, options: LakeOptions = {}): Promise<Lake> {
  return startLake({port: 0, dir, token: TOKEN, ...options})
}

/** The real @sanity/client pointed at a lake, as the project configures it offline. */
/** Pass `null` as token for an anonymous client. */
export function clientFor(url: string, token: string | null = TOKEN, dataset = 'production'): SanityClient {
  return createClient({
    projectId: 'offline',
    dataset,
    apiHost: url,
    useProjectHostname: false,
    apiVersion: '2025-02-19',
    token: token ?? undefined,
    useCdn: false,
    maxRetries: 0,
  })
}

/** The repository root and the shared sample content beside it. */
export const repoRoot = path.resolve(import.meta.dirname, '../..')
export const sharedImages = path.resolve(repoRoot, '../shared/content/img')

/** What {@link useTestLake} hands a test file. */
export interface TestLake {
  lake: Lake
  client: SanityClient
  dir: string
}

/**
 * Gives a test file its own lake: started in a fresh temp folder before its tests, closed and
 * removed after them.
 * @param prefix - temp folder prefix (names the file's data in /tmp when debugging)
 * @param started - receives the lake, a real client for it and the folder
 * @param options - lake options (faults, keep-alive …)
 */
export function useTestLake(prefix: string, started: (testLake: TestLake) => void, options: LakeOptions = {}): void {
  let testLake: TestLake | undefined
  beforeAll(async () => {
    const dir = tempDir(prefix)
    const lake = await startTestLake(dir, options)
    testLake = {lake, client: clientFor(lake.url), dir}
    started(testLake)
  })
  afterAll(async () => {
    await testLake?.lake.close()
    if (testLake) removeDir(testLake.dir)
  })
}
