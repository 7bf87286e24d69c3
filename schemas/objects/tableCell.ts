import {SquareIcon} from '@sanity/icons/Square'
import {defineField, defineType} from 'sanity'
import {marksResolve} from '../rules/markIntegrity.ts'
import {DECORATOR_VALUES, textBlock} from './blockText.ts'

/** One table cell: inline text as normal-style blocks with the body's marks. */
export const tableCell = defineType({
  name: 'tableCell',
  title: 'Table cell',
  type: 'object',
  icon: SquareIcon,
  fields: [
    defineField({
      name: 'content',
      title: 'Content',
      type: 'array',
      of: [textBlock('plain')],
      validation: (rule) => rule.custom(marksResolve(DECORATOR_VALUES)),
    }),
  ],
  preview: {
    select: {blocks: 'content'},
    prepare: ({blocks}: {blocks?: Array<{children?: Array<{text?: string}>}>}) => ({
      title: (blocks ?? []).flatMap((b) => b.children ?? []).map((c) => c.text ?? '').join('') || '(empty)',
    }),
  },
  validation: (rule) => rule.required(),
})
