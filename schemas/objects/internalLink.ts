import {LinkIcon} from '@sanity/icons/Link'
import {defineField, defineType} from 'sanity'

/** Link annotation to another document in the dataset. */
export const internalLink = defineType({
  name: 'internalLink',
  title: 'Internal link',
  type: 'object',
  icon: LinkIcon,
  fields: [
    defineField({
      name: 'reference',
      title: 'Document',
      type: 'reference',
      to: [{type: 'report'}, {type: 'section'}, {type: 'project'}, {type: 'author'}],
      validation: (rule) => rule.required(),
    }),
  ],
  preview: {
    // Reports and sections have a title, projects and authors a name.
    select: {title: 'reference.title', name: 'reference.name'},
    prepare: ({title, name}) => ({title: String(title ?? name ?? 'Internal link')}),
  },
  validation: (rule) => rule.required(),
})
