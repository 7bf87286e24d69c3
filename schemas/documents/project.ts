import {ProjectsIcon} from '@sanity/icons/Projects'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {webUrlRule} from '../rules/urlPolicy.ts'
import {slugField} from '../fields/slugField.ts'

/** An open-source project featured in reports (from its logo and "Get involved" list). */
export const project = defineType({
  name: 'project',
  title: 'Project',
  type: 'document',
  icon: ProjectsIcon,
  fields: [
    defineField({name: 'name', title: 'Name', type: 'string', validation: (rule) => rule.required()}),
    slugField('name'),
    defineField({name: 'website', title: 'Website', type: 'url', validation: webUrlRule}),
    defineField({name: 'logo', title: 'Logo', type: 'imageWithAlt'}),
    defineField({
      name: 'description',
      title: 'Description',
      type: 'text',
      description: 'What the project is, in a sentence or two (at most 500 characters)',
      rows: 3,
      validation: (rule) => rule.max(500),
    }),
    defineField({
      name: 'links',
      title: 'Links',
      type: 'array',
      of: [defineArrayMember({type: 'projectLink'})],
    }),
    defineField({name: 'importInfo', title: 'Import info', type: 'importInfo'}),
  ],
  orderings: [{title: 'Name', name: 'nameAsc', by: [{field: 'name', direction: 'asc'}]}],
  preview: {
    select: {title: 'name', website: 'website', description: 'description', media: 'logo'},
    prepare: ({title, website, description, media}) => ({
      title: title ? String(title) : 'Unnamed project',
      subtitle: String(description || website || ''),
      media,
    }),
  },
})
