import {UserIcon} from '@sanity/icons/User'
import {defineField, defineType} from 'sanity'

/** A person credited in a section byline. */
export const author = defineType({
  name: 'author',
  title: 'Author',
  type: 'document',
  icon: UserIcon,
  fields: [
    defineField({name: 'name', title: 'Name', type: 'string', validation: (rule) => rule.required()}),
    defineField({
      name: 'slug',
      title: 'Slug',
      type: 'slug',
      options: {source: 'name', maxLength: 96},
      validation: (rule) => rule.required(),
    }),
    defineField({name: 'role', title: 'Role', type: 'string'}),
    defineField({name: 'organisation', title: 'Organisation', type: 'string'}),
    defineField({name: 'importInfo', title: 'Import info', type: 'importInfo'}),
  ],
  preview: {
    select: {title: 'name', role: 'role', org: 'organisation'},
    prepare: ({title, role, org}) => ({
      title: title ? String(title) : 'Unnamed author',
      subtitle: [role, org].filter(Boolean).join(', '),
    }),
  },
})
