import {readFile, stat} from 'node:fs/promises'
import path from 'node:path'
import {compileProfile} from './compile.ts'
import type {ProfileData} from './data.ts'
import type {ReportProfile} from './types.ts'
import {ProfileError, validateProfile} from './validate.ts'

/** The file name a folder of reports carries its profile in. */
export const PROFILE_FILE_NAME = 'report-profile.json'

/** Largest profile file read (a profile is a few kilobytes). */
const MAX_PROFILE_BYTES = 1024 * 1024

/**
 * Reads, checks and compiles a profile file.
 * @param file - the JSON file (absolute, or relative to `cwd`)
 * @param cwd - what a relative path is relative to
 * @param shown - the name used in messages (default: `file` as given)
 * @returns the profile
 * @throws ProfileError for a missing, unreadable, oversized or invalid file
 */
export async function loadProfile(file: string, cwd = process.cwd(), shown = file): Promise<ReportProfile> {
  return compileProfile(await loadProfileData(file, cwd, shown))
}

/**
 * @param file - the JSON file (absolute, or relative to `cwd`)
 * @param cwd - what a relative path is relative to
 * @param shown - the name used in messages
 * @returns the checked, complete profile data
 * @throws ProfileError
 */
export async function loadProfileData(file: string, cwd: string, shown = file): Promise<ProfileData> {
  const absolute = path.resolve(cwd, file)
  let text: string
  try {
    const info = await stat(absolute)
    if (!info.isFile()) throw new ProfileError(shown, 'a profile must be a regular file')
    if (info.size > MAX_PROFILE_BYTES) throw new ProfileError(shown, `a profile file is at most ${MAX_PROFILE_BYTES} bytes`)
    text = await readFile(absolute, 'utf8')
  } catch (error) {
    if (error instanceof ProfileError) throw error
    const code = (error as NodeJS.ErrnoException).code
    throw new ProfileError(shown, code === 'ENOENT' ? 'no such profile file' : `cannot read the profile (${code ?? 'error'})`)
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new ProfileError(shown, `not valid JSON: ${(error as Error).message.split('\n')[0]}`)
  }
  return validateProfile(value, shown)
}

/**
 * The profile file that applies to a report file: the nearest `report-profile.json` in its
 * folder or a parent folder, up to (and including) the folder the input was given as.
 * @param file - the report file (absolute)
 * @param root - the input folder it was found under, or its own folder for a file input (absolute)
 * @returns the profile file's absolute path, or `undefined`
 */
export async function findProfileFile(file: string, root: string): Promise<string | undefined> {
  let folder = path.dirname(file)
  const top = path.resolve(root)
  for (;;) {
    const candidate = path.join(folder, PROFILE_FILE_NAME)
    const found = await stat(candidate).then((info) => info.isFile(), () => false)
    if (found) return candidate
    if (folder === top || !folder.startsWith(top + path.sep)) return undefined
    folder = path.dirname(folder)
  }
}
