import type {SchemaTypeDefinition} from 'sanity'
import {author} from './documents/author'
import {project} from './documents/project'
import {report} from './documents/report'
import {section} from './documents/section'
import {blockContent} from './objects/blockContent'
import {codeBlock} from './objects/codeBlock'
import {divider} from './objects/divider'
import {figure} from './objects/figure'
import {footnote} from './objects/footnote'
import {footnoteReference} from './objects/footnoteReference'
import {imageWithAlt} from './objects/imageWithAlt'
import {importInfo} from './objects/importInfo'
import {inlineImage} from './objects/inlineImage'
import {internalLink} from './objects/internalLink'
import {link} from './objects/link'
import {projectCard} from './objects/projectCard'
import {projectLink} from './objects/projectLink'
import {seo} from './objects/seo'
import {table} from './objects/table'
import {tableCell} from './objects/tableCell'
import {tableRow} from './objects/tableRow'
import {taskMarker} from './objects/taskMarker'

/** Every schema type of the content model (docs/content-model.md), documents first. */
export const schemaTypes: SchemaTypeDefinition[] = [
  report,
  section,
  project,
  author,
  seo,
  imageWithAlt,
  figure,
  inlineImage,
  projectLink,
  importInfo,
  blockContent,
  table,
  tableRow,
  tableCell,
  codeBlock,
  divider,
  footnote,
  footnoteReference,
  projectCard,
  taskMarker,
  link,
  internalLink,
]
