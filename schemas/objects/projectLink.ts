import {LinkIcon} from '@sanity/icons/Link'
import {defineField, defineType} from 'sanity'
import {linkUrlRule} from '../rules/urlPolicy.ts'

/** What a project link points at; the importer infers it from the label. */
export const PROJECT_LINK_KINDS = ['code', 'chat', 'mailingList', 'website', 'reviews', 'other'] as const

/** How each kind reads in the Studio (a readable label, not the stored value). */
export const PROJECT_LINK_KIND_TITLES: Readonly<Record<(typeof PROJECT_LINK_KINDS)[number], string>> = {
  code: 'Code',
  chat: 'Chat',
  mailingList: 'Mailing list',
  website: 'Website',
  reviews: 'Code reviews',
  other: 'Other',
}

/** One "Get involved" / "Find us" item of a project: `Label: text`, optionally linked. */
export const projectLink = defineType({
  name: 'projectLink',
  title: 'Project link',
  type: 'object',
  icon: LinkIcon,
  fields: [
    defineField({
      name: 'kind',
      title: 'Kind',
      type: 'string',
      options: {list: PROJECT_LINK_KINDS.map((value) => ({value, title: PROJECT_LINK_KIND_TITLES[value]}))},
    }),
    defineField({
      name: 'label',
      title: 'Label',
      type: 'string',
      description: 'The text before the colon, e.g. "IRC"',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'text',
      title: 'Text',
      type: 'string',
      description: 'The item text after the colon, verbatim',
    }),
    defineField({name: 'url', title: 'URL', type: 'url', validation: linkUrlRule}),
  ],
  preview: {select: {title: 'label', subtitle: 'text'}},
  validation: (rule) => rule.required(),
})
