import type {ProjectLinkKind} from '../documents/types.ts'
import type {FrontMatterKeys, ProfileData, ReportSlugSource} from './data.ts'

/**
 * The publishing conventions of one family of reports: what a byline, a project logo, a spacer
 * and a project's link list look like, which front matter keys carry what, and where a report's
 * slug comes from. The importer's structure rules (headings, paragraphs, lists) are generic;
 * everything house-style lives in a profile, compiled from a profile file (`data`), so another
 * organisation's reports are imported with another file (`--profile`, `loadProfile`).
 */
export interface ReportProfile {
  /** A short name, for messages. */
  readonly name: string
  /** The complete data it was compiled from: what a worker thread compiles it again from. */
  readonly data: ProfileData
  /** Whether an image `src` is a project's logo (vs. an event's or a publication's). */
  isProjectLogo(src: string): boolean
  /** The project's name from its logo's alt text (`"Airship Logo"` → `Airship`); `undefined` when it is not one. */
  projectNameFromAlt(alt: string): string | undefined
  /** Whether a markdown image alone in its paragraph can be a project logo (not only raw HTML). */
  readonly markdownImageLogos: boolean
  /** Projects a section title may name without a logo in this import. */
  readonly projectNames: readonly string[]
  /** Whether a paragraph's plain text introduces a project's link list (`Get involved:`). */
  isLinkListLeadIn(text: string): boolean
  /** The kind of a project link from its label (`IRC` → `chat`). */
  linkKind(label: string): ProjectLinkKind
  /** Whether a raw HTML block (or inline HTML) is only a visual spacer (`<br />`). */
  isSpacerHtml(html: string): boolean
  /** Byline shapes and limits. */
  readonly byline: BylineRules
  /** Front matter keys (dotted paths) for each report field. */
  readonly frontMatter: FrontMatterKeys
  /** Front matter keys that are site plumbing: ignored without a warning (`frontMatter.ignore`). */
  readonly ignoredFrontMatterKeys: readonly string[]
  /** Where the report's slug comes from, tried in order (`year` keeps ids such as `report-2022`). */
  readonly reportSlug: readonly ReportSlugSource[]
  /** The site's address: relative links are made absolute against it. */
  readonly baseUrl: string | undefined
  /**
   * Front matter every report of the family carries for its site (Decap's `templateKey`): not
   * content, so not imported, but written back by an export. A report with another value is
   * warned about on import (its export would change it).
   */
  readonly siteFrontMatter?: Readonly<Record<string, string>>
}

/** What a `Name, Role[, Organisation]` byline may look like, and where it may stand. */
export interface BylineRules {
  /** Lowercase name particles allowed inside a personal name (`de`, `van`). */
  readonly nameParticles: ReadonlySet<string>
  /** Words in the name, inclusive. */
  readonly minNameWords: number
  readonly maxNameWords: number
  /** Comma-separated parts, inclusive (name, role, organisation…). */
  readonly minParts: number
  readonly maxParts: number
  /** Longest byline, in characters. */
  readonly maxLength: number
  /** The parts after the name must contain one of `roleWords` (whole words, any case). */
  readonly requireRoleWord?: boolean
  /** Lowercase role words (`chair`, `director`, `lead`). */
  readonly roleWords?: ReadonlySet<string>
  /** Where bylines are read: after a heading, standing alone, as a closing signature (all when left out). */
  readonly opening?: boolean
  readonly standalone?: boolean
  readonly signature?: boolean
}
