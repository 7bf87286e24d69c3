import type {ProjectLinkKind} from '../documents/types'

/**
 * The publishing conventions of one family of reports: what a byline, a project logo, a spacer
 * and a project's link list look like. The importer's structure rules (headings, paragraphs,
 * lists) are generic; everything house-style lives in a profile so another organisation's
 * reports can be imported by passing another profile.
 */
export interface ReportProfile {
  /** A short name, for messages. */
  readonly name: string
  /** Whether an `<img src>` inside a raw HTML block is a project's logo (vs. an event's or a publication's). */
  isProjectLogo(src: string): boolean
  /** The project's name from its logo's alt text (`"Airship Logo"` → `Airship`); `undefined` when it is not one. */
  projectNameFromAlt(alt: string): string | undefined
  /** Whether a paragraph's plain text introduces a project's link list (`Get involved:`). */
  isLinkListLeadIn(text: string): boolean
  /** The kind of a project link from its label (`IRC` → `chat`). */
  linkKind(label: string): ProjectLinkKind
  /** Whether a raw HTML block (or inline HTML) is only a visual spacer (`<br />`). */
  isSpacerHtml(html: string): boolean
  /** Byline shape limits. */
  readonly byline: BylineRules
  /** Front matter keys that are site plumbing: ignored without a warning. */
  readonly ignoredFrontMatterKeys: readonly string[]
  /**
   * Front matter every report of the family carries for its site (Decap's `templateKey`): not
   * content, so not imported, but written back by an export. A report with another value is
   * warned about on import (its export would change it).
   */
  readonly siteFrontMatter?: Readonly<Record<string, string>>
}

/** What a `Name, Role[, Organisation]` byline may look like. */
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
}
