import {UserIcon} from '@sanity/icons/User'
import {defineField, defineType} from 'sanity'
import {slugField} from '../fields/slugField'

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
