import {ImageIcon} from '@sanity/icons/Image'
import {defineField, defineType} from 'sanity'
import {altTextFields} from '../rules/altText.ts'
import {assetOrSrc} from '../rules/imageSource.ts'

/** An image with alt text; `src` keeps the original URL so nothing is lost without an upload. */
export const imageWithAlt = defineType({
  name: 'imageWithAlt',
  title: 'Image',
  type: 'image',
  icon: ImageIcon,
  options: {hotspot: true},
  fields: [
    ...altTextFields(),
    defineField({
      name: 'src',
      title: 'Original source',
      type: 'string',
      description: 'The URL or site path the image had in the source document',
    }),
  ],
  preview: {select: {title: 'alt', subtitle: 'src', media: 'asset'}},
  validation: (rule) => rule.custom(assetOrSrc),
})
