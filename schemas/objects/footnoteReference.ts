import {AsteriskIcon} from '@sanity/icons/Asterisk'
import {defineField, defineType} from 'sanity'

/** An inline `[^label]` pointing at a footnote of the same body. */
export const footnoteReference = defineType({
  name: 'footnoteReference',
  title: 'Footnote reference',
  type: 'object',
  icon: AsteriskIcon,
  fields: [
    defineField({name: 'label', title: 'Label', type: 'string', validation: (rule) => rule.required()}),
  ],
  preview: {select: {label: 'label'}, prepare: ({label}: {label?: string}) => ({title: `[^${label ?? '?'}]`})},
  validation: (rule) => rule.required(),
})
