import type {SchemaTypeDefinition} from 'sanity'
import {author} from './documents/author.ts'
import {project} from './documents/project.ts'
import {report} from './documents/report.ts'
import {section} from './documents/section.ts'
import {blockContent} from './objects/blockContent.ts'
import {codeBlock} from './objects/codeBlock.ts'
import {divider} from './objects/divider.ts'
import {figure} from './objects/figure.ts'
import {footnote} from './objects/footnote.ts'
import {footnoteReference} from './objects/footnoteReference.ts'
import {imageWithAlt} from './objects/imageWithAlt.ts'
import {importInfo} from './objects/importInfo.ts'
import {inlineImage} from './objects/inlineImage.ts'
import {internalLink} from './objects/internalLink.ts'
import {link} from './objects/link.ts'
import {projectCard} from './objects/projectCard.ts'
import {projectLink} from './objects/projectLink.ts'
import {seo} from './objects/seo.ts'
import {table} from './objects/table.ts'
import {tableCell} from './objects/tableCell.ts'
import {tableRow} from './objects/tableRow.ts'
import {taskMarker} from './objects/taskMarker.ts'

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
