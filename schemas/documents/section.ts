import {DocumentTextIcon} from '@sanity/icons/DocumentText'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {isUniqueSectionSlug} from '../rules/sectionSlug.ts'
import {linkUrlRule} from '../rules/urlPolicy.ts'
import {slugField} from '../fields/slugField.ts'
import {GROUPS} from '../fields/groups.ts'

/** The outline depths an editor picks from: 1 is a report's first pieces. */
export const SECTION_LEVELS = [
  {title: '1 · top level (a report’s first pieces)', value: 1},
  {title: '2 · under a level 1 piece', value: 2},
  {title: '3 · under a level 2 piece', value: 3},
  {title: '4 · under a level 3 piece', value: 4},
  {title: '5 · under a level 4 piece', value: 5},
  {title: '6 · under a level 5 piece', value: 6},
]

/**
 * A piece of a report: under a heading, opened by a project's logo, or opened by a byline.
 * `level` is its depth in the report's outline (1 = top level; a child is one below its parent).
 */
export const section = defineType({
  name: 'section',
  title: 'Section',
  type: 'document',
  icon: DocumentTextIcon,
  groups: [GROUPS.content, GROUPS.people, GROUPS.importInfo],
  fields: [
    defineField({
      name: 'title',
      title: 'Title',
      type: 'string',
      description: 'Heading text without markup',
      group: 'content',
      validation: (rule) => rule.required(),
    }),
    {...slugField('title', {isUnique: isUniqueSectionSlug}), group: 'content'},
    defineField({
      name: 'level',
      title: 'Outline level',
      type: 'number',
      description: 'Depth in the report outline: 1 is a report’s first pieces, a child is one level below its parent',
      group: 'content',
      options: {list: SECTION_LEVELS, layout: 'dropdown'},
      initialValue: 1,
      validation: (rule) => rule.required().integer().min(1).max(6),
    }),
    defineField({
      name: 'untitled',
      title: 'Untitled',
      type: 'boolean',
      description: 'The piece had no heading; the title is its opening words and is not shown as a heading',
      group: 'content',
    }),
    defineField({
      name: 'link',
      title: 'Heading link',
      type: 'url',
      group: 'content',
      validation: linkUrlRule,
    }),
    defineField({
      name: 'byline',
      title: 'Byline override',
      type: 'text',
      rows: 2,
      description: 'Printed instead of the authors\' "Name, Role, Organisation" lines, one per line; empty = derived from the authors',
      group: 'people',
    }),
    defineField({
      name: 'authors',
      title: 'Authors',
      type: 'array',
      group: 'people',
      of: [defineArrayMember({type: 'reference', to: [{type: 'author'}]})],
      validation: (rule) => rule.unique(),
    }),
    defineField({
      name: 'projects',
      title: 'Projects',
      type: 'array',
      group: 'people',
      of: [defineArrayMember({type: 'reference', to: [{type: 'project'}]})],
      validation: (rule) => rule.unique(),
    }),
    defineField({name: 'body', title: 'Body', type: 'blockContent', group: 'content'}),
    defineField({name: 'importInfo', title: 'Import info', type: 'importInfo', group: 'importInfo'}),
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
