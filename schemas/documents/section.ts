import {DocumentTextIcon} from '@sanity/icons/DocumentText'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {isUniqueSectionSlug} from '../rules/sectionSlug'
import {linkUrlRule} from '../rules/urlPolicy'
import {slugField} from '../fields/slugField'

/**
 * A piece of a report: under a heading, opened by a project's logo, or opened by a byline.
 * `level` is its depth in the report's outline (1 = top level; a child is one below its parent).
 */
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
      title: 'Outline level',
      type: 'number',
      description: 'Depth in the report outline: 1 is a top-level piece, a child is one level below its parent',
      initialValue: 2,
      validation: (rule) => rule.required().integer().min(1).max(6),
    }),
    defineField({
      name: 'untitled',
      title: 'Untitled',
      type: 'boolean',
      description: 'The piece had no heading; the title is its opening words and is not shown as a heading',
    }),
    defineField({
      name: 'link',
      title: 'Heading link',
      type: 'url',
      validation: linkUrlRule,
    }),
    defineField({
      name: 'byline',
      title: 'Byline override',
      type: 'text',
      rows: 2,
      description: 'Printed instead of the authors\' "Name, Role, Organisation" lines, one per line; empty = derived from the authors',
    }),
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
      subtitle: [typeof level === 'number' ? `Level ${level}` : null, byline ? String(byline) : null]
        .filter(Boolean)
        .join(' · '),
    }),
  },
})
