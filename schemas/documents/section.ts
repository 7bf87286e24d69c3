import {DocumentTextIcon} from '@sanity/icons/DocumentText'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {isUniqueSectionSlug} from '../rules/sectionSlug'
import {linkUrlRule} from '../rules/urlPolicy'
import {slugField} from '../fields/slugField'

/** A piece of a report under one heading. `level` is the heading depth it had (1–6). */
export const section = defineType({
  name: 'section',
  title: 'Section',
  type: 'document',
  icon: DocumentTextIcon,
  fields: [
    defineField({
      name: 'title',
      title: 'Title',
      type: 'string',
      description: 'Heading text without markup',
      validation: (rule) => rule.required(),
    }),
    slugField('title', {isUnique: isUniqueSectionSlug}),
    defineField({
      name: 'level',
      title: 'Heading level',
      type: 'number',
      description: 'Depth in the report outline: 1 is a top-level heading',
      initialValue: 2,
      validation: (rule) => rule.required().integer().min(1).max(6),
    }),
    defineField({
      name: 'untitled',
      title: 'Untitled',
      type: 'boolean',
      description: 'The piece had no heading; the title is derived and not shown as a heading',
    }),
    defineField({
      name: 'link',
      title: 'Heading link',
      type: 'url',
      validation: linkUrlRule,
    }),
    defineField({name: 'byline', title: 'Byline', type: 'text', rows: 2}),
    defineField({
      name: 'authors',
      title: 'Authors',
      type: 'array',
      of: [defineArrayMember({type: 'reference', to: [{type: 'author'}]})],
      validation: (rule) => rule.unique(),
    }),
    defineField({
      name: 'projects',
      title: 'Projects',
      type: 'array',
      of: [defineArrayMember({type: 'reference', to: [{type: 'project'}]})],
      validation: (rule) => rule.unique(),
    }),
    defineField({name: 'body', title: 'Body', type: 'blockContent'}),
    defineField({name: 'importInfo', title: 'Import info', type: 'importInfo'}),
  ],
  preview: {
    select: {title: 'title', level: 'level', byline: 'byline'},
    prepare: ({title, level, byline}) => ({
      title: title ? String(title) : 'Untitled section',
      subtitle: [typeof level === 'number' ? `H${level}` : null, byline ? String(byline) : null]
        .filter(Boolean)
        .join(' · '),
    }),
  },
})
