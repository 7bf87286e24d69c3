import {SearchIcon} from '@sanity/icons/Search'
import {defineField, defineType} from 'sanity'
import {webUrlRule} from '../rules/urlPolicy.ts'

/** Search and social metadata of a report (the old site's front matter `seo`). */
export const seo = defineType({
  name: 'seo',
  title: 'SEO',
  type: 'object',
  icon: SearchIcon,
  fields: [
    defineField({
      name: 'title',
      title: 'Title',
      type: 'string',
      validation: (rule) => rule.max(120).warning('Search engines cut long titles'),
    }),
    defineField({name: 'description', title: 'Description', type: 'text', rows: 3}),
    defineField({name: 'url', title: 'Canonical URL', type: 'url', validation: webUrlRule}),
    defineField({name: 'image', title: 'Share image', type: 'imageWithAlt'}),
    defineField({
      name: 'twitterUsername',
      title: 'Twitter username',
      type: 'string',
      validation: (rule) =>
        rule.regex(/^@?[A-Za-z0-9_]{1,15}$/, {name: 'Twitter handle'}),
    }),
  ],
  preview: {select: {title: 'title', subtitle: 'url'}},
})
