import {stat} from 'node:fs/promises'
import path from 'node:path'
import {writeFileAtomic} from '../importer/sinks/ndjson'
import type {ReportPageQueryResult, ReportsQueryResult} from '../schemas/sanity.types'
import {readDataset, runLocalQuery} from '../queries/run-local'
import {reportPageQuery, reportsQuery} from '../queries/definitions'
import {renderReportHtml} from './page'
import {siteDataQuery, siteRenderOptions} from './site-data'
import type {SiteData} from './site-data'
import type {ImageHost, RenderImage} from './types'

/** A problem with the input (missing dataset or year): reported as one line, no stack. */
export class RenderError extends Error {
  override name = 'RenderError'
}

/** Options of {@link renderSitePage}. */
export interface RenderSiteOptions {
  /** The NDJSON dataset to read. */
  dataset: string
  /** Report year; default: the newest report in the dataset. */
  year?: number | undefined
  /** Output folder; the page is written to `<out>/<year>/index.html`. */
  out: string
  /** Folder that site paths (`/img/x.png`) resolve under; those images are linked relative to the page. */
  assets?: string | undefined
  /** Where `asset._ref` images are served (Sanity CDN or the local lake). */
  imageHost?: ImageHost | undefined
}

/**
 * Renders one report of a local dataset to `<out>/<year>/index.html`, written atomically.
 * @param options - dataset, year, output folder, assets folder, image host
 * @returns the year rendered and the file written
 * @throws RenderError when the dataset is missing or has no such report
 */
export async function renderSitePage(options: RenderSiteOptions): Promise<{year: number; file: string}> {
  const documents = await readDataset(options.dataset).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new RenderError(`${options.dataset}: no dataset here (run \`npm run import\` first)`)
    if (error.code === 'EISDIR') throw new RenderError(`${options.dataset}: is a folder, not an NDJSON dataset`)
    throw new RenderError(error.message)
  })
  const reports = await runLocalQuery<ReportsQueryResult>(reportsQuery, documents)
  const year = options.year ?? reports[0]?.year
  if (year === undefined) throw new RenderError(`${options.dataset}: no report in this dataset`)
  const page = await runLocalQuery<ReportPageQueryResult>(reportPageQuery, documents, {year})
  if (!page) {
    const years = reports.map((report) => report.year).join(', ')
    throw new RenderError(`${options.dataset}: no report for ${year} (reports: ${years || 'none'})`)
  }
  const site = await runLocalQuery<SiteData>(siteDataQuery, documents)
  const folder = path.join(options.out, String(year))
  const html = renderReportHtml(page, {
    ...siteRenderOptions(site),
    imageHost: options.imageHost,
    imageUrl: options.assets ? await sitePathImages(options.assets, folder) : undefined,
  })
  const file = path.join(folder, 'index.html')
  await writeFileAtomic(file, html).catch((error: NodeJS.ErrnoException) => {
    throw new RenderError(`${file}: cannot write the page (${error.code ?? error.message})`)
  })
  return {year, file}
}

/**
 * Site paths (`/img/x.png`) made relative to the page, so the page opens from disk with its images.
 * @param assets - the site root folder
 * @param pageFolder - the folder the page is written to
 * @returns an `imageUrl` option
 * @throws RenderError when the folder does not exist
 */
async function sitePathImages(assets: string, pageFolder: string): Promise<(image: RenderImage) => string | undefined> {
  const isFolder = await stat(assets).then((info) => info.isDirectory(), () => false)
  if (!isFolder) throw new RenderError(`${assets}: --assets is not a folder`)
  const prefix = path.relative(path.resolve(pageFolder), path.resolve(assets)).split(path.sep).join('/')
  return (image) => {
    const src = image.src
    if (!src || !src.startsWith('/') || src.startsWith('//')) return undefined
    // Encode each segment as a URL path: a file name may hold spaces or `#`.
    return `${prefix || '.'}${src.split('/').map((part) => encodeURIComponent(decodeSafely(part))).join('/')}`
  }
}

function decodeSafely(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    return part
  }
}
