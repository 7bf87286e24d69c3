import {existsSync} from 'node:fs'
import {stat} from 'node:fs/promises'
import path from 'node:path'
import {writeFileAtomic} from '../importer/sinks/ndjson.ts'
import type {ReportPageQueryResult, ReportsQueryResult} from '../schemas/sanity.types.ts'
import {reportPageQuery, reportsQuery} from '../queries/definitions.ts'
import {assetImageUrl} from './images.ts'
import {localImages} from './local-images.ts'
import {renderReportHtml} from './page.ts'
import {siteDataQuery, siteRenderOptions} from './site-data.ts'
import type {SiteData} from './site-data.ts'
import type {ImageHost, RenderImage} from './types.ts'

/** A problem with the input (missing dataset or year): reported as one line, no stack. */
export class RenderError extends Error {
  override name = 'RenderError'
}

/** Answers GROQ: a data view (lake, API or snapshot), or groq-js over documents in memory. */
export interface QuerySource {
  fetch<T>(query: string, params?: Record<string, unknown>): Promise<T>
}

/** Options of {@link renderSitePage}. */
export interface RenderSiteOptions {
  /** Where the documents come from. */
  source: QuerySource
  /** Report year; default: the newest report. */
  year?: number | undefined
  /** Output folder; the page is written to `<out>/<year>/index.html`. */
  out: string
  /** Folder that site paths (`/img/x.png`) resolve under. */
  assets?: string | undefined
  /** Image URLs for a server that serves `assets` at `/` (keep site paths) instead of relative to the file. */
  siteRootImages?: boolean
  /** Where `asset._ref` images are served (Sanity CDN or the local lake). */
  imageHost?: ImageHost | undefined
  /** The snapshot the documents come from: its images are found on this machine (`local-images.ts`). */
  snapshot?: {file: string; dataset: string} | undefined
}

/** A page rendered. */
export interface RenderedSitePage {
  year: number
  file: string
  html: string
  /** Images that will not load where the page is opened (no asset, no file under `--assets`). */
  warnings: string[]
  /** For a served page (`siteRootImages`): URL paths of local image files → the files. */
  files: Map<string, string>
}

/**
 * Renders one report to `<out>/<year>/index.html`, written atomically.
 * @param options - source, year, output folder, assets folder, image host
 * @returns the year, the file, the HTML and the image warnings
 * @throws RenderError when there is no such report or the page cannot be written
 */
export async function renderSitePage(options: RenderSiteOptions): Promise<RenderedSitePage> {
  const reports = await options.source.fetch<ReportsQueryResult>(reportsQuery)
  const year = options.year ?? reports[0]?.year
  if (year === undefined) throw new RenderError('no report in this dataset')
  const page = await options.source.fetch<ReportPageQueryResult>(reportPageQuery, {year})
  if (!page) {
    const years = reports.map((report) => report.year).join(', ')
    throw new RenderError(`no report for ${year} (reports: ${years || 'none'})`)
  }
  const site = await options.source.fetch<SiteData>(siteDataQuery)
  const folder = path.join(options.out, String(year))
  const warnings: string[] = []
  const pageFolder = options.siteRootImages ? undefined : folder
  const local = options.snapshot ? localImages({snapshotFile: options.snapshot.file, dataset: options.snapshot.dataset, ...(pageFolder === undefined ? {} : {pageFolder})}) : undefined
  const siteRoot = options.assets ? await assetImages(options.assets, pageFolder) : undefined
  // From a snapshot, the files on this machine come first: a real project's CDN (the image host)
  // has only what was pushed to it, not what a local lake took in.
  const host = local ? options.imageHost : undefined
  const fromHost = (image: RenderImage) => (host && image.asset?._ref ? assetImageUrl(host, image.asset._ref) : undefined)
  const html = renderReportHtml(page, {
    ...siteRenderOptions(site),
    imageHost: local ? undefined : options.imageHost,
    imageUrl: local || siteRoot ? (image) => local?.imageUrl(image) ?? fromHost(image) ?? siteRoot?.(image) : undefined,
    onUnresolvedImage: (image) => {
      const what = image.src ? `"${image.src}"` : `(alt "${image.alt ?? ''}")`
      warnings.push(`image ${what} has no uploaded asset${options.assets ? ` and no file under ${options.assets}` : ' (give --assets <site-root>)'}; it will not load`)
    },
  })
  const file = path.join(folder, 'index.html')
  await writeFileAtomic(file, html).catch((error: NodeJS.ErrnoException) => {
    throw new RenderError(`${file}: cannot write the page (${error.code ?? error.message})`)
  })
  return {year, file, html, warnings: [...new Set(warnings)], files: local?.files ?? new Map()}
}

/**
 * Site paths (`/img/x.png`) of files that exist under the assets folder: relative to the page
 * (so it opens from disk), or kept as site paths when a server serves the folder at `/`.
 * @param assets - the site root folder
 * @param pageFolder - the folder the page is written to; `undefined` keeps site paths
 * @returns an `imageUrl` option (undefined for images without a file)
 * @throws RenderError when the folder does not exist
 */
async function assetImages(assets: string, pageFolder: string | undefined): Promise<(image: RenderImage) => string | undefined> {
  const isFolder = await stat(assets).then((info) => info.isDirectory(), () => false)
  if (!isFolder) throw new RenderError(`${assets}: --assets is not a folder`)
  const root = path.resolve(assets)
  const prefix = pageFolder === undefined ? '' : path.relative(path.resolve(pageFolder), root).split(path.sep).join('/') || '.'
  return (image) => {
    const src = image.src
    if (!src || !src.startsWith('/') || src.startsWith('//')) return undefined
    const parts = src.split(/[?#]/)[0]!.split('/').map(decodeSafely)
    const file = path.resolve(root, ...parts.filter(Boolean))
    if (!file.startsWith(root + path.sep) || !existsSync(file)) return undefined
    // Encode each segment as a URL path: a file name may hold spaces or `#`.
    return `${prefix}${parts.map((part) => encodeURIComponent(part)).join('/')}`
  }
}

function decodeSafely(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    return part
  }
}
