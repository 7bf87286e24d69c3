import {ImageIcon} from '@sanity/icons/Image'
import {defineField, defineType} from 'sanity'
import {altTextFields} from '../rules/altText.ts'
import {assetOrSrc} from '../rules/imageSource.ts'

/** An image inside a line of text (e.g. a badge or an image inside a link). */
export const inlineImage = defineType({
  name: 'inlineImage',
  title: 'Inline image',
  type: 'image',
  icon: ImageIcon,
  options: {hotspot: true},
  fields: [
    ...altTextFields(),
    defineField({name: 'src', title: 'Original source', type: 'string'}),
    defineField({name: 'title', title: 'Title', type: 'string'}),
  ],
  preview: {select: {title: 'alt', subtitle: 'src', media: 'asset'}},
  validation: (rule) => rule.custom(assetOrSrc),
})
