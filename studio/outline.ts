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
  const present = sections.filter((section): section is OutlineSection => Boolean(section?._id))
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
