/**
 * Assets: bytes stored content-addressed under `<dir>/assets/<dataset>/…`, described by
 * `sanity.imageAsset` / `sanity.fileAsset` documents in the dataset, served back by URL.
 */
import {createHash} from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import {imageSize} from 'image-size'
import {writeAtomic} from './journal.ts'
import type {StoredDocument} from './journal.ts'
import {svgActiveContent} from './security/svg.ts'
import type {Dataset} from './store.ts'

const MIME_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  avif: 'image/avif',
  tiff: 'image/tiff',
  bmp: 'image/bmp',
  ico: 'image/x-icon',
  pdf: 'application/pdf',
  txt: 'text/plain; charset=utf-8',
  json: 'application/json',
}

/** An upload the lake cannot accept; `status` is the HTTP answer. */
export class AssetError extends Error {
  readonly status: number

  /**
   * @param status - HTTP status
   * @param message - one clear line
   */
  constructor(
    status: number,
    message: string,
  ) {
    super(message)
    this.status = status
  }
}

/** Where uploads go and how their URLs look. */
export interface AssetContext {
  /** The lake's data folder. */
  dir: string
  projectId: string
  /** `http://127.0.0.1:<port>`: asset URLs point back at the lake. */
  baseUrl: string
}

/**
 * Store an uploaded asset and create its document, or return the existing document when the
 * same bytes were uploaded before (ids are derived from the content's sha1).
 *
 * @param kind - 'images' or 'files' (the upload endpoint's segment)
 * @param bytes - the raw request body
 * @param dataset - target dataset
 * @param filename - original filename, when the client sent one
 * @param context - data folder, project id and base URL
 * @returns the asset document
 * @throws AssetError (400) for an empty body or bytes that are not an image
 */
export async function storeAsset(
  kind: 'images' | 'files',
  bytes: Buffer,
  dataset: Dataset,
  filename: string | undefined,
  context: AssetContext,
): Promise<StoredDocument> {
  const doc = prepareAsset(kind, bytes, dataset.name, filename, context)
  const existing = dataset.get(doc._id)
  if (existing) return existing
  await dataset.commit([{createIfNotExists: doc}])
  return dataset.get(doc._id) ?? doc
}

/**
 * Store an asset's bytes (content-addressed, once) and describe it: the asset document an
 * upload of these bytes creates, not yet in any dataset.
 *
 * @param kind - 'images' or 'files'
 * @param bytes - the file's content
 * @param datasetName - the dataset the asset belongs to
 * @param filename - original filename, when known
 * @param context - data folder, project id and base URL
 * @returns the asset document (without system fields)
 * @throws AssetError (400) for empty bytes, bytes that are not an image, or an SVG with script
 */
export function prepareAsset(
  kind: 'images' | 'files',
  bytes: Buffer,
  datasetName: string,
  filename: string | undefined,
  context: AssetContext,
): StoredDocument {
  if (bytes.length === 0) throw new AssetError(400, 'Empty upload')
  const sha1 = createHash('sha1').update(bytes).digest('hex')
  const described = kind === 'images' ? describeImage(bytes, sha1) : describeFile(bytes, sha1, filename)
  const file = path.join(context.dir, 'assets', datasetName, kind, described.fileName)
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), {recursive: true})
    writeAtomic(file, bytes)
  }
  const urlPath = `${kind}/${context.projectId}/${datasetName}/${described.fileName}`
  return {
    _id: described.id,
    _type: kind === 'images' ? 'sanity.imageAsset' : 'sanity.fileAsset',
    assetId: sha1,
    extension: described.extension,
    mimeType: MIME_TYPES[described.extension] ?? 'application/octet-stream',
    originalFilename: filename ?? described.fileName,
    path: urlPath,
    sha1hash: sha1,
    size: bytes.length,
    uploadId: sha1.slice(0, 32),
    url: `${context.baseUrl}/${urlPath}`,
    ...(described.metadata ? {metadata: described.metadata} : {}),
  }
}

interface Described {
  id: string
  fileName: string
  extension: string
  metadata?: Record<string, unknown>
}

function describeImage(bytes: Buffer, sha1: string): Described {
  let size: ReturnType<typeof imageSize>
  try {
    size = imageSize(bytes)
  } catch {
    throw new AssetError(400, 'Invalid image: the bytes are not a supported image format')
  }
  const extension = size.type === 'jpeg' ? 'jpg' : (size.type ?? 'bin')
  if (extension === 'svg') {
    const active = svgActiveContent(bytes)
    if (active) throw new AssetError(400, `Refused SVG: it contains ${active}, which would run as script where the image is opened`)
  }
  // EXIF orientations 5–8 rotate by 90°: Sanity reports the displayed dimensions.
  const rotated = size.orientation !== undefined && size.orientation >= 5
  const width = rotated ? size.height : size.width
  const height = rotated ? size.width : size.height
  return {
    id: `image-${sha1}-${width}x${height}-${extension}`,
    fileName: `${sha1}-${width}x${height}.${extension}`,
    extension,
    metadata: {
      _type: 'sanity.imageMetadata',
      dimensions: {_type: 'sanity.imageDimensions', width, height, aspectRatio: width / height},
      hasAlpha: extension === 'png' || extension === 'svg' || extension === 'webp' || extension === 'gif',
      isOpaque: !(extension === 'png' || extension === 'svg' || extension === 'webp' || extension === 'gif'),
    },
  }
}

function describeFile(bytes: Buffer, sha1: string, filename: string | undefined): Described {
  const extension = (filename && path.extname(filename).slice(1).toLowerCase()) || 'bin'
  if (extension === 'svg') {
    const active = svgActiveContent(bytes)
    if (active) throw new AssetError(400, `Refused SVG: it contains ${active}, which would run as script where the file is opened`)
  }
  return {id: `file-${sha1}-${extension}`, fileName: `${sha1}.${extension}`, extension}
}

/**
 * Locate stored bytes for a served asset URL.
 *
 * @param dir - the lake's data folder
 * @param kind - 'images' or 'files'
 * @param dataset - dataset name from the URL
 * @param fileName - last URL segment (`<sha1>-<w>x<h>.<ext>` or `<sha1>.<ext>`)
 * @returns absolute path and content type, or null when there is no such asset
 */
export function findAsset(
  dir: string,
  kind: 'images' | 'files',
  dataset: string,
  fileName: string,
): {file: string; contentType: string} | null {
  if (!/^[a-f0-9]{40}(-\d+x\d+)?\.[a-z0-9]+$/.test(fileName) || !/^[a-z0-9_-]+$/.test(dataset)) return null
  const file = path.join(dir, 'assets', dataset, kind, fileName)
  if (!fs.existsSync(file)) return null
  const extension = path.extname(fileName).slice(1)
  return {file, contentType: MIME_TYPES[extension] ?? 'application/octet-stream'}
}
