import {ImageIcon} from '@sanity/icons/Image'
import {defineField, defineType} from 'sanity'
import {altTextFields} from '../rules/altText'
import {assetOrSrc} from '../rules/imageSource'
import {linkUrlRule} from '../rules/urlPolicy'

/** A block-level image (alone in its paragraph), with its title, caption and surrounding link. */
export const figure = defineType({
  name: 'figure',
  title: 'Figure',
  type: 'image',
  icon: ImageIcon,
  options: {hotspot: true},
  fields: [
    ...altTextFields(),
    defineField({name: 'title', title: 'Title', type: 'string', description: 'The markdown image title'}),
    defineField({name: 'caption', title: 'Caption', type: 'string'}),
    defineField({
      name: 'href',
      title: 'Link',
      type: 'url',
      description: 'Where the image links to: http(s), mailto, tel or a site-relative path',
      validation: linkUrlRule,
    }),
    defineField({name: 'src', title: 'Original source', type: 'string'}),
  ],
  preview: {
    select: {alt: 'alt', caption: 'caption', src: 'src', media: 'asset'},
    prepare: ({alt, caption, src, media}) => ({
      title: String(alt || src || 'Figure'),
      subtitle: caption ? String(caption) : undefined,
      media,
    }),
  },
  validation: (rule) => rule.custom(assetOrSrc),
})
