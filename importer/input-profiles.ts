/**
 * Which profile converts which input file: `--profile` (the API's `profile`) for all of them;
 * otherwise the nearest `report-profile.json` in the file's folder or a parent folder up to the
 * folder given on the command line (so a site's folder carries its own conventions); otherwise
 * the default profile (the CLI's conservative one; the API's is OpenInfra's).
 */
import path from 'node:path'
import type {Diagnostic} from './diagnostics.ts'
import {ImportError} from './diagnostics.ts'
import {expandInput} from './inputs.ts'
import {findProfileFile, loadProfile} from './profile/load.ts'
import type {ReportProfile} from './profile/types.ts'
import {ProfileError} from './profile/validate.ts'

/** One input file and the profile that converts it. */
export interface ProfiledFile {
  absolute: string
  /** As given (joined with the folder it was found in). */
  given: string
  profile: ReportProfile
  /** The profile file that applied, relative to the working directory; none for `--profile` and the default. */
  profileFile?: string
}

/** What decides the profiles. */
export interface ProfileChoice {
  /** One profile for every input (`--profile`). */
  profile?: ReportProfile | undefined
  /** When no profile file is found beside an input. */
  fallback: ReportProfile
}

/**
 * Expands the inputs and picks each file's profile. Errors (a missing input, an invalid profile
 * file) are recorded, not thrown, so one run lists them all.
 * @param paths - files and folders as given
 * @param cwd - what relative paths are relative to
 * @param choice - the explicit profile and the fallback
 * @param errors - where located errors go
 * @returns the files, each once, in input order
 */
export async function profiledInputs(paths: readonly string[], cwd: string, choice: ProfileChoice, errors: Diagnostic[]): Promise<ProfiledFile[]> {
  const files = new Map<string, ProfiledFile>()
  const loaded = new Map<string, Promise<ReportProfile | undefined>>()
  const load = (file: string): Promise<ReportProfile | undefined> => {
    let found = loaded.get(file)
    if (!found) {
      const shown = displayPath(file, cwd)
      found = loadProfile(file, cwd, shown).catch((error: unknown) => {
        if (!(error instanceof ProfileError)) throw error
        errors.push({severity: 'error', rule: 'invalid-profile', message: error.detail, file: error.file})
        return undefined
      })
      loaded.set(file, found)
    }
    return found
  }
  for (const given of paths) {
    let expanded: string[]
    try {
      expanded = await expandInput(given, cwd)
    } catch (error) {
      if (!(error instanceof ImportError)) throw error
      errors.push(error.diagnostic)
      continue
    }
    const root = path.resolve(cwd, given)
    const top = expanded.length === 1 && expanded[0] === given ? path.dirname(root) : root
    for (const file of expanded) {
      const absolute = path.resolve(cwd, file)
      if (files.has(absolute)) continue
      const profileFile = choice.profile ? undefined : await findProfileFile(absolute, top)
      const profile = choice.profile ?? (profileFile ? await load(profileFile) : choice.fallback)
      if (!profile) continue
      files.set(absolute, {absolute, given: file, profile, ...(profileFile ? {profileFile: displayPath(profileFile, cwd)} : {})})
    }
  }
  return [...files.values()]
}

/**
 * @param given - a path as given
 * @param cwd - the working directory
 * @returns the path relative to `cwd` with forward slashes (as `importInfo.source` and messages show it)
 */
export function displayPath(given: string, cwd: string): string {
  const relative = path.relative(cwd, path.resolve(cwd, given))
  return (relative === '' ? given : relative).split(path.sep).join('/')
}
