import {RemoveIcon} from '@sanity/icons/Remove'
import {defineField, defineType} from 'sanity'

/** A thematic break. `style` keeps the markdown marker so a round trip is exact. */
export const divider = defineType({
  name: 'divider',
  title: 'Divider',
  type: 'object',
  icon: RemoveIcon,
  fields: [
    defineField({
      name: 'style',
      title: 'Marker',
      type: 'string',
      hidden: true,
      // A CommonMark thematic break: three or more of one of -, * or _ with optional spaces.
      validation: (rule) => rule.regex(/^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$/, {name: 'thematic break'}),
    }),
  ],
  preview: {prepare: () => ({title: 'Divider'})},
  validation: (rule) => rule.required(),
})
