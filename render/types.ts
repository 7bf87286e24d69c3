import type {ImageWithAlt, ReportPageQueryResult} from '../schemas/sanity.types.ts'

/** A whole report as `reportPageQuery` returns it (when the year exists). */
export type ReportPage = NonNullable<ReportPageQueryResult>

/** One section of a {@link ReportPage}. */
export type PageSection = NonNullable<ReportPage['sections']>[number]

/** Any image-like value the renderer shows: figure, inlineImage, imageWithAlt. */
export interface RenderImage {
  _type?: string
  _key?: string
  asset?: {_ref: string} | null
  /** The importer's file source (`image@file://…`), in a snapshot not yet loaded by the lake. */
  _sanityAsset?: string | null
  src?: string | null
  alt?: string | null
  /** Marked decorative: rendered with an empty alt, whatever `alt` says. */
  decorative?: boolean | null
  title?: string | null
}

/** What a project card needs; `logo` is optional because `reportPageQuery` does not select it. */
export interface RenderProject {
  _id: string
  name: string
  website?: string | null
  slug?: string | null
  logo?: ImageWithAlt | null
}

/** Where asset references point: Sanity's CDN, or another host serving the same paths (the local lake). */
export interface ImageHost {
  projectId: string
  dataset: string
  /** e.g. `http://127.0.0.1:3333` for the lake; default `https://cdn.sanity.io`. */
  baseUrl?: string
}

/** Options of `renderReportHtml`. */
export interface RenderOptions {
  /**
   * The URL of an image; `undefined` falls back to the asset URL (with `imageHost`) or `src`.
   * Whatever it returns is still checked: unsafe URLs are dropped.
   */
  imageUrl?: (image: RenderImage) => string | undefined
  /** Project and dataset for `asset._ref` images; without it those images use their `src`. */
  imageHost?: ImageHost
  /** Projects for project cards (with logos); the page's own `sections[].projects` are used too. */
  projects?: readonly RenderProject[]
  /**
   * The URL of an `internalLink` target by document id; `undefined` renders the text unlinked.
   * Sections and the report of this page resolve to in-page anchors without it.
   */
  resolveReference?: (id: string) => string | undefined
  /**
   * Told about each image that has neither an uploaded asset (with `imageHost`) nor a URL from
   * `imageUrl`, and whose `src` is not a full URL: it will not load where the page is opened.
   */
  onUnresolvedImage?: (image: RenderImage) => void
}
