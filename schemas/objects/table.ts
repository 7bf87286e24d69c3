import {ThListIcon} from '@sanity/icons/ThList'
import {defineArrayMember, defineField, defineType} from 'sanity'

/** Column alignments of a GFM table (`none` when the delimiter row gives none). */
export const TABLE_ALIGNMENTS = ['left', 'center', 'right', 'none'] as const

/** A GFM table: one alignment per column, rows of cells holding inline Portable Text. */
export const table = defineType({
  name: 'table',
  title: 'Table',
  type: 'object',
  icon: ThListIcon,
  fields: [
    defineField({
      name: 'align',
      title: 'Column alignment',
      type: 'array',
      of: [defineArrayMember({type: 'string', options: {list: [...TABLE_ALIGNMENTS]}})],
    }),
    defineField({
      name: 'rows',
      title: 'Rows',
      type: 'array',
      of: [defineArrayMember({type: 'tableRow'})],
      validation: (rule) => rule.required().min(1),
    }),
  ],
  preview: {
    select: {rows: 'rows', align: 'align'},
    prepare: ({rows, align}: {rows?: unknown[]; align?: unknown[]}) => ({
      title: 'Table',
      subtitle: `${rows?.length ?? 0} rows × ${align?.length ?? 0} columns`,
    }),
  },
  validation: (rule) =>
    rule.custom((value: {align?: unknown[]; rows?: Array<{cells?: unknown[]}>} | undefined) => {
      // GFM pads short rows and drops extra cells when rendering, so a ragged row is only a warning.
      const columns = value?.align?.length
      if (!value || !columns) return true
      const ragged = (value.rows ?? []).findIndex((row) => (row.cells?.length ?? 0) !== columns)
      return ragged === -1 ? true : `Row ${ragged + 1} does not have ${columns} cells`
    }).warning(),
})
