import type {ProjectLinkKind} from '../documents/types.ts'
import type {ProfileData} from './data.ts'
import type {ReportProfile} from './types.ts'

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Profiles made here: their behaviour is their `data`, so a worker thread can compile the same one. */
const COMPILED = new WeakSet<ReportProfile>()

/**
 * @param profile - any profile
 * @returns whether it was compiled from its `data` (and so can be sent to a worker thread as data)
 */
export function isCompiledProfile(profile: ReportProfile): boolean {
  return COMPILED.has(profile)
}

/**
 * Turns checked profile data (see `validateProfile`) into the functions the importer calls.
 * @param data - complete profile data
 * @returns the profile
 */
export function compileProfile(data: ProfileData): ReportProfile {
  const logoSuffix = new RegExp(`\\s+${escape(data.projects.logoAltSuffix)}\\s*$`, 'i')
  const leadIn = data.projects.linkListLeadIns.length > 0 ? new RegExp(`(?:${data.projects.linkListLeadIns.join('|')})\\s*:\\s*$`, 'i') : undefined
  const kinds: ReadonlyArray<readonly [RegExp, ProjectLinkKind]> = data.projects.linkKinds.map(({pattern, kind}) => [new RegExp(pattern, 'i'), kind])
  const spacer = new RegExp(data.spacerHtml, 'i')
  const logoPaths = data.projects.logoPaths
  const profile: ReportProfile = {
    name: data.name,
    data,
    isProjectLogo: (src) => logoPaths.some((prefix) => src.startsWith(prefix)),
    projectNameFromAlt(alt) {
      if (!logoSuffix.test(alt)) return undefined
      const name = alt.replace(logoSuffix, '').trim()
      return name === '' ? undefined : name
    },
    markdownImageLogos: data.projects.markdownImageLogos,
    projectNames: data.projects.names,
    isLinkListLeadIn: (text) => leadIn?.test(text.trim()) ?? false,
    linkKind(label) {
      for (const [pattern, kind] of kinds) if (pattern.test(label)) return kind
      return 'other'
    },
    isSpacerHtml: (html) => spacer.test(html),
    byline: {
      nameParticles: new Set(data.bylines.nameParticles),
      minNameWords: data.bylines.minNameWords,
      maxNameWords: data.bylines.maxNameWords,
      minParts: data.bylines.minParts,
      maxParts: data.bylines.maxParts,
      maxLength: data.bylines.maxLength,
      requireRoleWord: data.bylines.requireRoleWord,
      roleWords: new Set(data.bylines.roleWords),
      opening: data.bylines.opening,
      standalone: data.bylines.standalone,
      signature: data.bylines.signature,
    },
    frontMatter: data.frontMatter,
    ignoredFrontMatterKeys: data.frontMatter.ignore,
    reportSlug: data.reportSlug,
    baseUrl: data.baseUrl ?? undefined,
    siteFrontMatter: data.siteFrontMatter,
  }
  COMPILED.add(profile)
  return profile
}
