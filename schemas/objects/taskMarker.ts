import {CheckmarkCircleIcon} from '@sanity/icons/CheckmarkCircle'
import {defineField, defineType} from 'sanity'

/** The checkbox of a GFM task-list item; the first child of that item's block. */
export const taskMarker = defineType({
  name: 'taskMarker',
  title: 'Task marker',
  type: 'object',
  icon: CheckmarkCircleIcon,
  fields: [
    defineField({
      name: 'checked',
      title: 'Done',
      type: 'boolean',
      initialValue: false,
      validation: (rule) => rule.required(),
    }),
  ],
  preview: {
    select: {checked: 'checked'},
    prepare: ({checked}: {checked?: boolean}) => ({title: checked ? '☑ done' : '☐ to do'}),
  },
  validation: (rule) => rule.required(),
})
