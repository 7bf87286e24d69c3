import {ImageIcon} from '@sanity/icons/Image'
import {defineField, defineType} from 'sanity'
import {altTextFields} from '../rules/altText.ts'
import {assetOrSrc} from '../rules/imageSource.ts'
import {marksResolve} from '../rules/markIntegrity.ts'
import {linkUrlRule} from '../rules/urlPolicy.ts'
import {DECORATOR_VALUES, textBlock} from './blockText.ts'

/** A caption's words, for the preview. */
function captionText(caption: unknown): string | undefined {
  if (!Array.isArray(caption)) return undefined
  const text = caption
    .flatMap((block: {children?: Array<{text?: unknown}>}) => block.children ?? [])
    .map((child) => (typeof child.text === 'string' ? child.text : ''))
    .join('')
    .trim()
  return text === '' ? undefined : text
}

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
    defineField({
      name: 'caption',
      title: 'Caption',
      description: 'Shown under the image; may hold links',
      type: 'array',
      of: [textBlock('plain')],
      validation: (rule) => rule.custom(marksResolve(DECORATOR_VALUES)),
    }),
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
      subtitle: captionText(caption),
      media,
    }),
  },
  validation: (rule) => rule.custom(assetOrSrc),
})
