import {ThListIcon} from '@sanity/icons/ThList'
import {defineArrayMember, defineField, defineType} from 'sanity'

/** One table row; `header` marks the GFM header row. */
export const tableRow = defineType({
  name: 'tableRow',
  title: 'Table row',
  type: 'object',
  icon: ThListIcon,
  fields: [
    defineField({name: 'header', title: 'Header row', type: 'boolean', initialValue: false}),
    defineField({
      name: 'cells',
      title: 'Cells',
      type: 'array',
      of: [defineArrayMember({type: 'tableCell'})],
      validation: (rule) => rule.required().min(1),
    }),
  ],
  preview: {
    select: {header: 'header', cells: 'cells'},
    prepare: ({header, cells}: {header?: boolean; cells?: unknown[]}) => ({
      title: header ? 'Header row' : 'Row',
      subtitle: `${cells?.length ?? 0} cells`,
    }),
  },
  validation: (rule) => rule.required(),
})
