import type {ExportReportQueryResult} from '../schemas/sanity.types.ts'

/** The report as `exportReportQuery` returns it for an existing year. */
export type ExportReport = NonNullable<ExportReportQueryResult>
export type ExportSection = NonNullable<ExportReport['sections']>[number]
export type ExportProject = ExportReport['projects'][number]

/** A problem the export could not carry exactly: where (document and block key) and what. */
export interface ExportWarning {
  /** `report-2022 body[_key=abc]`-style location. */
  at: string
  message: string
}

/** What converting one document's Portable Text needs. */
export interface ExportContext {
  /** Project by id, for project cards. */
  project(id: string): ExportProject | undefined
  /** The URL an internal link's target gets (it comes back as an ordinary link). */
  targetUrl(id: string): string | undefined
  /** An uploaded asset's URL, for images stored without `src`. */
  assetUrl(id: string): string | undefined
  warn(at: string, message: string): void
  /** Document id of the content being converted, for warnings. */
  documentId: string
}

/** An image-like value as stored. */
export interface StoredImage {
  src?: string | null
  alt?: string | null
  title?: string | null
  asset?: {_ref?: string} | null
}

/**
 * The URL to write for an image: its `src` (what the source had), else its uploaded asset's URL.
 * @param image - figure, inlineImage or imageWithAlt
 * @param context - asset lookup and warnings
 * @param at - location for the warning when there is neither
 * @returns the URL, or `undefined` (warned)
 */
export function imageUrl(image: StoredImage, context: ExportContext, at: string): string | undefined {
  const src = image.src?.trim()
  if (src) return src
  const ref = image.asset?._ref
  const url = ref ? context.assetUrl(ref) : undefined
  if (!url) context.warn(at, `image "${image.alt ?? ''}" has neither src nor an asset URL; not exported`)
  return url
}
