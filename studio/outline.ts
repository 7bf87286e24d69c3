/** A section as the outline query returns it (null when a reference dangles). */
export interface OutlineSection {
  _id: string
  title?: string | null
  level?: number | null
}

/** One line of the Studio's outline pane. */
export interface OutlineEntry {
  id: string
  title: string
  level: number
}

const INDENT = '\u2003' // an em space: list titles collapse ordinary spaces

/**
 * Turns `report.sections[]->` into pane entries in array order, titles indented by depth
 * relative to the shallowest section (so a report whose top headings are h2 starts flush).
 *
 * @param sections - the dereferenced sections, in outline order
 * @returns entries with indented titles; dangling references are skipped
 */
export function outlineEntries(sections: ReadonlyArray<OutlineSection | null>): OutlineEntry[] {
  // A draft's id names the published document the pane opens (the form shows the draft itself).
  const present = sections
    .filter((section): section is OutlineSection => Boolean(section?._id))
    .map((section) => ({...section, _id: section._id.replace(/^drafts\./, '')}))
  const levels = present.map((section) => section.level ?? 1)
  const top = levels.length > 0 ? Math.min(...levels) : 1
  return present.map((section, index) => {
    const level = levels[index] ?? top
    return {
      id: section._id,
      level,
      title: INDENT.repeat(Math.max(0, level - top)) + (section.title?.trim() || 'Untitled section'),
    }
  })
}

/**
 * A report's outline as the outline pane asks for it: the draft wins over the published report
 * (raw perspective), so a reordering shows before it is published, and each section likewise.
 */
export const REPORT_OUTLINE_QUERY = `*[_type == "report" && _id in [$id, "drafts." + $id]]
  | order(_id asc)[0]{title, year, "sections": sections[]{
    "draft": *[_id == "drafts." + ^._ref][0]{_id, title, level},
    "published": @->{_id, title, level}
  }}`

/**
 * What the outline pane follows: any change to a report or a section may change its lines.
 * Listener filters run on one document at a time (no joins), hence the separate fetch query.
 */
export const OUTLINE_LISTEN_QUERY = `*[_type in ["report", "section"]]`

/** The outline query's result (null before a new report is first saved). */
export interface ReportOutline {
  title?: string | null
  year?: number | null
  sections?: Array<{draft?: OutlineSection | null; published?: OutlineSection | null} | null> | null
}

/**
 * The sections of an outline query result, each as the editor currently sees it (draft first).
 *
 * @param outline - the outline query's result
 * @returns the sections in outline order; null where a reference dangles
 */
export function outlineSections(outline: ReportOutline | null | undefined): Array<OutlineSection | null> {
  return (outline?.sections ?? []).map((pair) => pair?.draft ?? pair?.published ?? null)
}

/**
 * The pane title for a report: its title, else its year, else a neutral placeholder.
 *
 * @param outline - the outline query's result
 * @returns the title to show above the outline
 */
export function outlineTitle(outline: ReportOutline | null | undefined): string {
  return outline?.title?.trim() || (typeof outline?.year === 'number' ? `Report ${outline.year}` : 'New report')
}
