import {CodeBlockIcon} from '@sanity/icons/CodeBlock'
import {defineField, defineType} from 'sanity'

/** A fenced or indented code block, verbatim. */
export const codeBlock = defineType({
  name: 'codeBlock',
  title: 'Code block',
  type: 'object',
  icon: CodeBlockIcon,
  fields: [
    defineField({
      name: 'language',
      title: 'Language',
      type: 'string',
      description: 'The info string’s first word, e.g. "yaml"',
      validation: (rule) => rule.regex(/^\S+$/, {name: 'single word'}),
    }),
    defineField({name: 'meta', title: 'Meta', type: 'string', description: 'The rest of the info string'}),
    defineField({
      name: 'code',
      title: 'Code',
      type: 'text',
      rows: 10,
      // Whitespace-only code is legal markdown, so only a missing value is an error.
      validation: (rule) => rule.custom((value) => (typeof value === 'string' ? true : 'Code is required')),
    }),
  ],
  preview: {
    select: {language: 'language', code: 'code'},
    prepare: ({language, code}: {language?: string; code?: string}) => ({
      title: code?.split('\n')[0] || '(empty)',
      subtitle: language || 'code',
    }),
  },
  validation: (rule) => rule.required(),
})
