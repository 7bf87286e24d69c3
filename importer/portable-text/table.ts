/** hast `<table>` → Portable Text `table` (one normal block per cell). */
import type {Element} from 'hast'
import type {Session} from './context.ts'
import {isElement, stringProperty} from './hast-helpers.ts'
import {inlineBlock} from './inline.ts'
import {rejectElement} from './safety.ts'
import type {Block, ColumnAlign, PortableTextMember, Table, TableRow} from './types.ts'

const ALIGNS = new Set<ColumnAlign>(['left', 'center', 'right'])

function alignOf(cell: Element): ColumnAlign {
  const align = stringProperty(cell, 'align')?.toLowerCase()
  return align && ALIGNS.has(align as ColumnAlign) ? (align as ColumnAlign) : 'none'
}

/**
 * Converts a table element. A `<caption>` becomes a normal block before it.
 *
 * @param table - the `<table>` element
 * @param session - conversion state
 * @returns the members to emit, in order (caption block, table, hooked members)
 */
export function convertTable(table: Element, session: Session): PortableTextMember[] {
  const {diagnostics} = session
  const before: Block[] = []
  const after: PortableTextMember[] = []
  const rows: TableRow[] = []
  let align: ColumnAlign[] = []
  let columns = 0

  const addRow = (tr: Element, inHead: boolean) => {
    // The HTML parser keeps <script>, <style> and <template> inside rows: reported, not carried.
    const cells = tr.children.filter((child): child is Element => isElement(child) && !rejectElement(child, diagnostics) && (child.tagName === 'td' || child.tagName === 'th'))
    // A row without cells carries nothing (the HTML parser moves stray text out of the table).
    if (cells.length === 0) return
    if (rows.length === 0) align = cells.map(alignOf)
    columns = Math.max(columns, cells.length)
    rows.push({
      _type: 'tableRow',
      _key: session.keys(),
      header: inHead || cells.every((cell) => cell.tagName === 'th'),
      cells: cells.map((cell) => {
        // Number(undefined) is NaN: an absent span is not above 1.
        if (Number(cell.properties.colSpan) > 1 || Number(cell.properties.rowSpan) > 1) {
          diagnostics.warn('table-span', 'colspan/rowspan is not carried: the cell keeps its text', cell)
        }
        const result = inlineBlock(cell.children, {style: 'normal'}, session)
        after.push(...result.after)
        return {_type: 'tableCell', _key: session.keys(), content: result.block ? [result.block] : []}
      }),
    })
  }

  for (const child of table.children) {
    if (!isElement(child) || rejectElement(child, diagnostics)) continue
    if (child.tagName === 'tr') addRow(child, false)
    else if (child.tagName === 'thead' || child.tagName === 'tbody' || child.tagName === 'tfoot') {
      for (const row of child.children) {
        if (isElement(row) && !rejectElement(row, diagnostics) && row.tagName === 'tr') addRow(row, child.tagName === 'thead')
      }
    } else if (child.tagName === 'caption') {
      const caption = inlineBlock(child.children, {style: 'normal'}, session)
      if (caption.block) before.push(caption.block)
      after.push(...caption.after)
    }
  }
  if (rows.length === 0) return [...before, ...after]
  while (align.length < columns) align.push('none')
  const result: Table = {_type: 'table', _key: session.keys(), align, rows}
  return [...before, result, ...after]
}
