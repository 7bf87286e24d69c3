import {BlockContentIcon} from '@sanity/icons/BlockContent'
import {defineArrayMember, defineType} from 'sanity'
import {listStartsValid} from '../rules/listStart.ts'
import {marksResolve} from '../rules/markIntegrity.ts'
import {DECORATOR_VALUES, textBlock} from './blockText.ts'

/** Portable Text for report intros and section bodies. */
export const blockContent = defineType({
  name: 'blockContent',
  title: 'Block content',
  type: 'array',
  icon: BlockContentIcon,
  of: [
    textBlock('full'),
    defineArrayMember({type: 'figure'}),
    defineArrayMember({type: 'table'}),
    defineArrayMember({type: 'codeBlock'}),
    defineArrayMember({type: 'divider'}),
    defineArrayMember({type: 'footnote'}),
    defineArrayMember({type: 'projectCard'}),
  ],
  validation: (rule) => [rule.custom(marksResolve(DECORATOR_VALUES)), rule.custom(listStartsValid)],
})
