import type {ProjectLinkKind} from '../documents/types.ts'

/** Where a report's slug (and so its ids) comes from, tried in order. */
export type ReportSlugSource = 'frontMatter' | 'fileName' | 'title' | 'year'

/** Front matter keys (dotted paths into nested tables, e.g. `taxonomies.author`), tried in order. */
export interface FrontMatterKeys {
  title: string[]
  subtitle: string[]
  year: string[]
  /** A publication date (`2023-12-18`, a TOML/YAML date): the year when no `year` and no year in the title. */
  date: string[]
  slug: string[]
  /** A name, `Name, Role`, or a list of them: author documents referenced from the report. */
  authors: string[]
  seo: string[]
  /** A plain description (`description`, `excerpt`): the report's `seo.description` when `seo` gives none. */
  description: string[]
  /** Site plumbing: ignored without a warning. */
  ignore: string[]
}

/** The byline shapes a family of reports prints, and what a byline line may look like. */
export interface BylineData {
  /** `Name, Role` right after a heading (or project logo) attributes that section. */
  opening: boolean
  /** An emphasised byline after other content opens an untitled piece. */
  standalone: boolean
  /** A two-line signature (`**Name**\` / `Role, Organisation`) closes and attributes a piece. */
  signature: boolean
  /** The parts after the name must name a role (one of `roleWords`, whole words, any case). */
  requireRoleWord: boolean
  roleWords: string[]
  /** Lowercase name particles allowed inside a personal name (`de`, `van`). */
  nameParticles: string[]
  minNameWords: number
  maxNameWords: number
  minParts: number
  maxParts: number
  maxLength: number
}

export interface LinkKindData {
  /** A regular expression (case-insensitive) matched against the link's label. */
  pattern: string
  kind: ProjectLinkKind
}

export interface ProjectData {
  /** Site paths (prefixes) where project logos live; empty: no logo is a project. */
  logoPaths: string[]
  /** The word that ends a logo's alt text: `"Airship Logo"` names the project Airship. */
  logoAltSuffix: string
  /** A markdown image alone in its paragraph (`![X Logo](/img/logos/x.svg)`) can be a logo too. */
  markdownImageLogos: boolean
  /** Projects a section title may name without a logo (matched as whole words, case as written). */
  names: string[]
  /** Regular expressions (case-insensitive) for the paragraph ending before a project's link list. */
  linkListLeadIns: string[]
  linkKinds: LinkKindData[]
}

/**
 * A profile file as a user writes it (JSON): the publishing conventions of one organisation's
 * reports. Every field is optional in the file; what is left out comes from `default.json`.
 */
export interface ProfileData {
  name: string
  reportSlug: ReportSlugSource[]
  frontMatter: FrontMatterKeys
  bylines: BylineData
  projects: ProjectData
  /** A regular expression (case-insensitive) for raw HTML that is only vertical space. */
  spacerHtml: string
  /** The site's address: relative links are made absolute against it (each a located note). */
  baseUrl: string | null
  /**
   * Front matter every report of the family carries for its site (Decap's `templateKey`): not
   * content, so not imported, but written back by an export; a report with another value is warned about.
   */
  siteFrontMatter: Record<string, string>
}

export const REPORT_SLUG_SOURCES: readonly ReportSlugSource[] = ['frontMatter', 'fileName', 'title', 'year']
export const LINK_KINDS: readonly ProjectLinkKind[] = ['code', 'chat', 'mailingList', 'website', 'reviews', 'other']
