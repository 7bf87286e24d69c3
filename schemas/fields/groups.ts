import {DocumentTextIcon} from '@sanity/icons/DocumentText'
import {InfoOutlineIcon} from '@sanity/icons/InfoOutline'
import {SearchIcon} from '@sanity/icons/Search'
import {UsersIcon} from '@sanity/icons/Users'
import type {FieldGroupDefinition} from 'sanity'

/** The form tabs of report and section: what editors write first, then the rest. */
export const GROUPS = {
  content: {name: 'content', title: 'Content', icon: DocumentTextIcon, default: true},
  people: {name: 'people', title: 'People and projects', icon: UsersIcon},
  seo: {name: 'seo', title: 'SEO', icon: SearchIcon},
  importInfo: {name: 'importInfo', title: 'Import info', icon: InfoOutlineIcon},
} as const satisfies Record<string, FieldGroupDefinition>

/** A group's name, for a field's `group`. */
export type GroupName = keyof typeof GROUPS
