import {ProjectsIcon} from '@sanity/icons/Projects'
import {defineField, defineType} from 'sanity'

/** Marks where a project's logo stood in the body; the project document holds the details. */
export const projectCard = defineType({
  name: 'projectCard',
  title: 'Project card',
  type: 'object',
  icon: ProjectsIcon,
  fields: [
    defineField({
      name: 'project',
      title: 'Project',
      type: 'reference',
      to: [{type: 'project'}],
      validation: (rule) => rule.required(),
    }),
  ],
  preview: {select: {title: 'project.name', media: 'project.logo'}},
  validation: (rule) => rule.required(),
})
