/**
 * The shapes of the documents and objects the importer writes, as fixed by
 * docs/content-model.md. Only what the importer produces is typed here.
 */
import type {BlockHash} from './block-hashes.ts'
import type {PortableTextMember} from './converter.ts'

export interface Reference {
  _type: 'reference'
  _ref: string
  _key?: string
}

export interface Slug {
  _type: 'slug'
  current: string
}

export interface ImportInfo {
  _type: 'importInfo'
  source: string
  /** Shared documents: every report file that contributed, sorted. */
  sources?: string[]
  /** Sections: the markdown heading depth the piece had in the source (none when no heading opened it). */
  headingDepth?: number
  contentHash: string
  /** One hash per unit (field, keyed array item, item order): what a later push merges against. */
  blockHashes?: BlockHash[]
}

/** An image object as written to NDJSON: the original `src` always, the file when resolved. */
export interface ResolvedImage {
  src: string
  _sanityAsset?: string
}

export interface ImageWithAlt extends ResolvedImage {
  _type: 'imageWithAlt'
  alt?: string
  /** No alt text in the source: marked decorative, as the schema requires one or the other. */
  decorative?: true
}

export interface Figure extends ResolvedImage {
  _type: 'figure'
  alt?: string
  decorative?: true
  title?: string
  href?: string
}

export interface Seo {
  _type: 'seo'
  title?: string
  description?: string
  url?: string
  image?: ImageWithAlt
  twitterUsername?: string
}

export type ProjectLinkKind = 'code' | 'chat' | 'mailingList' | 'website' | 'reviews' | 'other'

export interface ProjectLink {
  _type: 'projectLink'
  _key: string
  kind: ProjectLinkKind
  label: string
  text?: string
  url?: string
}

interface BaseDocument {
  _id: string
  importInfo?: ImportInfo
}

export interface ReportDocument extends BaseDocument {
  _type: 'report'
  title: string
  year: number
  subtitle?: string
  /** People the front matter names as the report's authors. */
  authors?: Reference[]
  slug: Slug
  seo?: Seo
  heroImage?: Figure
  intro?: PortableTextMember[]
  sections: Reference[]
}

export interface SectionDocument extends BaseDocument {
  _type: 'section'
  title: string
  slug: Slug
  level: number
  untitled?: boolean
  link?: string
  byline?: string
  authors?: Reference[]
  projects?: Reference[]
  body?: PortableTextMember[]
}

export interface ProjectDocument extends BaseDocument {
  _type: 'project'
  name: string
  slug: Slug
  website?: string
  logo?: ImageWithAlt
  links?: ProjectLink[]
}

export interface AuthorDocument extends BaseDocument {
  _type: 'author'
  name: string
  slug: Slug
  role?: string
  organisation?: string
}

export type ImportedDocument = ReportDocument | SectionDocument | ProjectDocument | AuthorDocument
