import {DocumentsIcon} from '@sanity/icons/Documents'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {uniqueReportYear} from '../rules/uniqueYear.ts'
import {uniqueReportSlug} from '../rules/uniqueReportSlug.ts'
import {slugField} from '../fields/slugField.ts'
import {GROUPS} from '../fields/groups.ts'

/** One annual report. Its outline is `sections` (order) plus each section's `level` (depth). */
export const report = defineType({
  name: 'report',
  title: 'Report',
  type: 'document',
  icon: DocumentsIcon,
  groups: [GROUPS.content, GROUPS.seo, GROUPS.importInfo],
  fields: [
    defineField({
      name: 'title',
      title: 'Title',
      type: 'string',
      group: 'content',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'year',
      title: 'Year',
      type: 'number',
      group: 'content',
      validation: (rule) => [rule.required().integer().min(1900).max(2999), rule.custom(uniqueReportYear).warning()],
    }),
    defineField({name: 'subtitle', title: 'Subtitle', type: 'string', group: 'content'}),
    defineField({
      name: 'authors',
      title: 'Authors',
      description: 'The people (or team) the report names as its authors',
      type: 'array',
      group: 'content',
      of: [defineArrayMember({type: 'reference', to: [{type: 'author'}]})],
      validation: (rule) => rule.unique(),
    }),
    {
      ...slugField((doc) => String((doc as {year?: number}).year ?? ''), {isUnique: () => true}),
      validation: (rule) => [rule.required(), rule.custom(uniqueReportSlug)],
      group: 'content',
    },
    defineField({name: 'seo', title: 'SEO', type: 'seo', group: 'seo'}),
    defineField({name: 'heroImage', title: 'Hero image', type: 'figure', group: 'content'}),
    defineField({name: 'intro', title: 'Introduction', type: 'blockContent', group: 'content'}),
    defineField({
      name: 'sections',
      title: 'Sections (outline order)',
      description: 'Drag to reorder; change a section’s level to re-nest it',
      type: 'array',
      group: 'content',
      of: [defineArrayMember({type: 'reference', to: [{type: 'section'}]})],
      validation: (rule) => rule.unique(),
    }),
    defineField({name: 'importInfo', title: 'Import info', type: 'importInfo', group: 'importInfo'}),
  ],
  orderings: [{title: 'Year, newest first', name: 'yearDesc', by: [{field: 'year', direction: 'desc'}]}],
  preview: {
    select: {title: 'title', year: 'year', media: 'heroImage'},
    prepare: ({title, year, media}) => ({
      title: title ? String(title) : 'Untitled report',
      subtitle: typeof year === 'number' ? String(year) : 'No year',
      media,
    }),
  },
})
