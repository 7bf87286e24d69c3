import defaults from './default.json' with {type: 'json'}
import type {BylineData, FrontMatterKeys, LinkKindData, ProfileData, ProjectData} from './data.ts'
import {LINK_KINDS, REPORT_SLUG_SOURCES} from './data.ts'

/** A profile that cannot be used: which file, and what is wrong (naming the JSON field). */
export class ProfileError extends Error {
  override name = 'ProfileError'

  readonly file: string
  readonly detail: string

  constructor(
    file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`)
    this.file = file
    this.detail = detail
  }
}

type Json = null | boolean | number | string | Json[] | {[key: string]: Json}
type JsonObject = {[key: string]: Json}

const BUILT_IN_DEFAULTS = defaults as unknown as ProfileData

/**
 * Checks a parsed profile file and fills what it leaves out from the built-in default profile.
 * Unknown keys are errors (a misspelt key would otherwise be silently ignored).
 * @param value - the parsed JSON
 * @param file - the profile file, for messages
 * @param base - what missing fields take (the default profile)
 * @returns the complete profile data
 * @throws ProfileError naming the file, the field and what was expected
 */
export function validateProfile(value: unknown, file: string, base: ProfileData = BUILT_IN_DEFAULTS): ProfileData {
  const check = new Checker(file)
  const root = check.object(value as Json, '')
  check.keys(root, '', ['$schema', 'name', 'reportSlug', 'frontMatter', 'bylines', 'projects', 'spacerHtml', 'baseUrl', 'siteFrontMatter'])
  const data: ProfileData = {
    name: check.optional(root, 'name', (v, at) => check.nonEmpty(v, at)) ?? base.name,
    reportSlug: check.optional(root, 'reportSlug', (v, at) => check.slugSources(v, at)) ?? [...base.reportSlug],
    frontMatter: frontMatter(check, root.frontMatter, base.frontMatter),
    bylines: bylines(check, root.bylines, base.bylines),
    projects: projects(check, root.projects, base.projects),
    spacerHtml: check.optional(root, 'spacerHtml', (v, at) => check.regex(v, at)) ?? base.spacerHtml,
    baseUrl: root.baseUrl === undefined ? base.baseUrl : root.baseUrl === null ? null : check.baseUrl(root.baseUrl, 'baseUrl'),
    siteFrontMatter: root.siteFrontMatter === undefined ? {...base.siteFrontMatter} : check.stringMap(root.siteFrontMatter, 'siteFrontMatter'),
  }
  return data
}

const FRONT_MATTER_KEYS: ReadonlyArray<keyof FrontMatterKeys> = ['title', 'subtitle', 'year', 'date', 'slug', 'authors', 'seo', 'description', 'ignore']

function frontMatter(check: Checker, value: Json | undefined, base: FrontMatterKeys): FrontMatterKeys {
  if (value === undefined) return structuredClone(base)
  const object = check.object(value, 'frontMatter')
  check.keys(object, 'frontMatter', FRONT_MATTER_KEYS)
  const out = structuredClone(base)
  for (const key of FRONT_MATTER_KEYS) {
    const list = check.optional(object, key, (v, at) => check.strings(v, at), 'frontMatter')
    if (list) out[key] = list
  }
  return out
}

const BYLINE_FLAGS = ['opening', 'standalone', 'signature', 'requireRoleWord'] as const
const BYLINE_COUNTS = ['minNameWords', 'maxNameWords', 'minParts', 'maxParts', 'maxLength'] as const

function bylines(check: Checker, value: Json | undefined, base: BylineData): BylineData {
  if (value === undefined) return structuredClone(base)
  const object = check.object(value, 'bylines')
  check.keys(object, 'bylines', [...BYLINE_FLAGS, ...BYLINE_COUNTS, 'roleWords', 'nameParticles'])
  const out = structuredClone(base)
  for (const flag of BYLINE_FLAGS) {
    const flagValue = check.optional(object, flag, (v, at) => check.boolean(v, at), 'bylines')
    if (flagValue !== undefined) out[flag] = flagValue
  }
  for (const count of BYLINE_COUNTS) {
    const n = check.optional(object, count, (v, at) => check.count(v, at), 'bylines')
    if (n !== undefined) out[count] = n
  }
  for (const list of ['roleWords', 'nameParticles'] as const) {
    const words = check.optional(object, list, (v, at) => check.strings(v, at), 'bylines')
    if (words) out[list] = words.map((word) => word.toLowerCase())
  }
  if (out.minNameWords > out.maxNameWords) throw check.error('bylines.minNameWords', `must not be more than maxNameWords (${out.maxNameWords})`)
  if (out.minParts > out.maxParts) throw check.error('bylines.minParts', `must not be more than maxParts (${out.maxParts})`)
  return out
}

function projects(check: Checker, value: Json | undefined, base: ProjectData): ProjectData {
  if (value === undefined) return structuredClone(base)
  const object = check.object(value, 'projects')
  check.keys(object, 'projects', ['logoPaths', 'logoAltSuffix', 'markdownImageLogos', 'names', 'linkListLeadIns', 'linkKinds'])
  const out = structuredClone(base)
  const paths = check.optional(object, 'logoPaths', (v, at) => check.strings(v, at), 'projects')
  if (paths) {
    paths.forEach((path, index) => {
      if (!path.startsWith('/') && !/^https?:\/\//i.test(path)) throw check.error(`projects.logoPaths[${index}]`, `must be a site path starting with "/" or an http(s) URL, got ${JSON.stringify(path)}`)
    })
    out.logoPaths = paths
  }
  out.logoAltSuffix = check.optional(object, 'logoAltSuffix', (v, at) => check.nonEmpty(v, at), 'projects') ?? out.logoAltSuffix
  out.markdownImageLogos = check.optional(object, 'markdownImageLogos', (v, at) => check.boolean(v, at), 'projects') ?? out.markdownImageLogos
  out.names = check.optional(object, 'names', (v, at) => check.strings(v, at), 'projects') ?? out.names
  const leadIns = check.optional(object, 'linkListLeadIns', (v, at) => check.strings(v, at), 'projects')
  if (leadIns) out.linkListLeadIns = leadIns.map((pattern, index) => check.regex(pattern, `projects.linkListLeadIns[${index}]`))
  const kinds = object.linkKinds
  if (kinds !== undefined) out.linkKinds = check.list(kinds, 'projects.linkKinds').map((item, index) => linkKind(check, item, `projects.linkKinds[${index}]`))
  return out
}

function linkKind(check: Checker, value: Json, at: string): LinkKindData {
  const object = check.object(value, at)
  check.keys(object, at, ['pattern', 'kind'])
  const kind = object.kind
  if (typeof kind !== 'string' || !LINK_KINDS.includes(kind as LinkKindData['kind'])) throw check.error(`${at}.kind`, `must be one of ${LINK_KINDS.join(', ')}, got ${describe(kind)}`)
  return {pattern: check.regex(object.pattern ?? null, `${at}.pattern`), kind: kind as LinkKindData['kind']}
}

/** Typed reads of JSON values, each failing with the file and the JSON path. */
class Checker {
  private readonly file: string

  constructor(file: string) {
    this.file = file
  }

  error(at: string, message: string): ProfileError {
    return new ProfileError(this.file, `profile field "${at}" ${message}`)
  }

  optional<T>(object: JsonObject, key: string, read: (value: Json, at: string) => T, parent = ''): T | undefined {
    const value = object[key]
    return value === undefined ? undefined : read(value, parent ? `${parent}.${key}` : key)
  }

  object(value: Json, at: string): JsonObject {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw at === '' ? new ProfileError(this.file, `a profile must be a JSON object, got ${describe(value)}`) : this.error(at, `must be an object, got ${describe(value)}`)
    }
    return value
  }

  keys(object: JsonObject, at: string, known: readonly string[]): void {
    for (const key of Object.keys(object)) {
      if (!known.includes(key)) throw this.error(at ? `${at}.${key}` : key, `is not a profile field (known: ${known.filter((k) => k !== '$schema').join(', ')})`)
    }
  }

  list(value: Json, at: string): Json[] {
    if (!Array.isArray(value)) throw this.error(at, `must be a list, got ${describe(value)}`)
    return value
  }

  strings(value: Json, at: string): string[] {
    return this.list(value, at).map((item, index) => {
      if (typeof item !== 'string' || item.trim() === '') throw this.error(`${at}[${index}]`, `must be a non-empty string, got ${describe(item)}`)
      return item.trim()
    })
  }

  stringMap(value: Json, at: string): Record<string, string> {
    const object = this.object(value, at)
    const out: Record<string, string> = {}
    for (const [key, item] of Object.entries(object)) {
      if (typeof item !== 'string') throw this.error(`${at}.${key}`, `must be a string, got ${describe(item)}`)
      out[key] = item
    }
    return out
  }

  nonEmpty(value: Json, at: string): string {
    if (typeof value !== 'string' || value.trim() === '') throw this.error(at, `must be a non-empty string, got ${describe(value)}`)
    return value.trim()
  }

  boolean(value: Json, at: string): boolean {
    if (typeof value !== 'boolean') throw this.error(at, `must be true or false, got ${describe(value)}`)
    return value
  }

  count(value: Json, at: string): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 10_000) throw this.error(at, `must be a whole number from 1 to 10000, got ${describe(value)}`)
    return value
  }

  regex(value: Json, at: string): string {
    const text = this.nonEmpty(value, at)
    try {
      new RegExp(text, 'iu')
    } catch (error) {
      throw this.error(at, `is not a valid regular expression: ${(error as Error).message}`)
    }
    return text
  }

  slugSources(value: Json, at: string): ProfileData['reportSlug'] {
    const list = this.strings(value, at)
    if (list.length === 0) throw this.error(at, `must name at least one of ${REPORT_SLUG_SOURCES.join(', ')}`)
    list.forEach((item, index) => {
      if (!REPORT_SLUG_SOURCES.includes(item as ProfileData['reportSlug'][number])) throw this.error(`${at}[${index}]`, `must be one of ${REPORT_SLUG_SOURCES.join(', ')}, got ${JSON.stringify(item)}`)
    })
    return list as ProfileData['reportSlug']
  }

  baseUrl(value: Json, at: string): string {
    const text = this.nonEmpty(value, at)
    let url: URL
    try {
      url = new URL(text)
    } catch {
      throw this.error(at, `must be an absolute http(s) URL, got ${JSON.stringify(text)}`)
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw this.error(at, `must be an http(s) URL, got ${JSON.stringify(text)}`)
    return url.href
  }
}

function describe(value: Json | undefined): string {
  if (value === undefined) return 'nothing'
  if (Array.isArray(value)) return 'a list'
  if (value !== null && typeof value === 'object') return 'an object'
  return JSON.stringify(value)
}
