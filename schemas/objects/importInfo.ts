import {InfoOutlineIcon} from '@sanity/icons/InfoOutline'
import {defineArrayMember, defineField, defineType} from 'sanity'

/** Provenance written by the importer; read-only so editors cannot fake it. */
export const importInfo = defineType({
  name: 'importInfo',
  title: 'Import info',
  type: 'object',
  icon: InfoOutlineIcon,
  readOnly: true,
  options: {collapsible: true, collapsed: true},
  fields: [
    defineField({
      name: 'source',
      title: 'Source file',
      type: 'string',
      description: 'The markdown file as given to the importer',
    }),
    defineField({
      name: 'sources',
      title: 'Source files',
      type: 'array',
      of: [{type: 'string'}],
      description: 'Shared documents (authors, projects): every report file that contributed',
    }),
    defineField({
      name: 'headingDepth',
      title: 'Source heading depth',
      type: 'number',
      description: 'The markdown heading depth (1–6) the section had; its outline level is `level`',
      validation: (rule) => rule.integer().min(1).max(6),
    }),
    defineField({
      name: 'contentHash',
      title: 'Content hash',
      type: 'string',
      description: 'sha256 of the document as imported; differs once an editor changes it',
      validation: (rule) => rule.regex(/^[0-9a-f]{64}$/, {name: 'sha256 hex'}),
    }),
    defineField({
      name: 'revision',
      title: 'Revision written',
      type: 'string',
      description:
        'The transaction that wrote this copy as imported; while it is still the document\'s revision, nobody changed it since (a later import reads this, not the whole document)',
    }),
    defineField({
      name: 'blockHashes',
      title: 'Block hashes',
      type: 'array',
      description:
        'What was imported, field by field and block by block (by _key): lets a later import merge an editor\'s changes with the source\'s',
      of: [
        defineArrayMember({
          type: 'object',
          name: 'blockHash',
          fields: [defineField({name: 'hash', title: 'Hash', type: 'string'})],
          preview: {select: {title: '_key', subtitle: 'hash'}},
        }),
      ],
    }),
  ],
  preview: {select: {title: 'source', subtitle: 'contentHash'}},
  // Absent on documents made in the Studio; when present, both parts are needed to detect edits.
  validation: (rule) =>
    rule.custom((value: {source?: string; contentHash?: string} | undefined) =>
      !value || (value.source && value.contentHash) ? true : 'Import info needs both source and content hash',
    ),
})
