import {AsteriskIcon} from '@sanity/icons/Asterisk'
import {defineField, defineType} from 'sanity'
import {marksResolve} from '../rules/markIntegrity.ts'
import {DECORATOR_VALUES, textBlock} from './blockText.ts'

/** A GFM footnote definition (`[^label]: …`), placed where it was defined. */
export const footnote = defineType({
  name: 'footnote',
  title: 'Footnote',
  type: 'object',
  icon: AsteriskIcon,
  fields: [
    defineField({name: 'label', title: 'Label', type: 'string', validation: (rule) => rule.required()}),
    defineField({
      name: 'content',
      title: 'Content',
      type: 'array',
      of: [textBlock('full')],
      validation: (rule) => rule.custom(marksResolve(DECORATOR_VALUES)),
    }),
  ],
  preview: {
    select: {label: 'label', blocks: 'content'},
    prepare: ({label, blocks}: {label?: string; blocks?: Array<{children?: Array<{text?: string}>}>}) => ({
      title: `[^${label ?? '?'}]`,
      subtitle: (blocks ?? []).flatMap((b) => b.children ?? []).map((c) => c.text ?? '').join(''),
    }),
  },
  validation: (rule) => rule.required(),
})
