import {LinkIcon} from '@sanity/icons/Link'
import {defineField, defineType} from 'sanity'
import {linkUrlRule} from '../rules/urlPolicy.ts'

/** Link annotation: an external or site-relative href (see rules/urlPolicy for the schemes). */
export const link = defineType({
  name: 'link',
  title: 'Link',
  type: 'object',
  icon: LinkIcon,
  fields: [
    defineField({
      name: 'href',
      title: 'URL',
      type: 'url',
      description: 'http(s), mailto, tel or a site-relative path',
      validation: (rule) => linkUrlRule(rule).required(),
    }),
    defineField({name: 'title', title: 'Title', type: 'string'}),
  ],
  preview: {select: {title: 'href', subtitle: 'title'}},
  validation: (rule) => rule.required(),
})
