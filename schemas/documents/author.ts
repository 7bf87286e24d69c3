import {UserIcon} from '@sanity/icons/User'
import {defineField, defineType} from 'sanity'
import {slugField} from '../fields/slugField.ts'

/** A person credited in a section byline. */
export const author = defineType({
  name: 'author',
  title: 'Author',
  type: 'document',
  icon: UserIcon,
  fields: [
    defineField({name: 'name', title: 'Name', type: 'string', validation: (rule) => rule.required()}),
    slugField('name'),
    defineField({name: 'role', title: 'Role', type: 'string'}),
    defineField({name: 'organisation', title: 'Organisation', type: 'string'}),
    defineField({name: 'photo', title: 'Photo', type: 'imageWithAlt'}),
    defineField({
      name: 'bio',
      title: 'Short bio',
      type: 'text',
      rows: 3,
      description: 'One or two sentences, shown with the byline (at most 300 characters)',
      validation: (rule) => rule.max(300),
    }),
    defineField({name: 'importInfo', title: 'Import info', type: 'importInfo'}),
  ],
  orderings: [{title: 'Name', name: 'nameAsc', by: [{field: 'name', direction: 'asc'}]}],
  preview: {
    select: {title: 'name', role: 'role', org: 'organisation', media: 'photo'},
    prepare: ({title, role, org, media}) => ({
      title: title ? String(title) : 'Unnamed author',
      subtitle: [role, org].filter(Boolean).join(', '),
      media,
    }),
  },
})
