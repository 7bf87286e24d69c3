/**
 * Images a raw snapshot refers to by file. The importer writes NDJSON for `sanity dataset import`,
 * where an image object carries `_sanityAsset: "image@file://./img/a.png"` (relative to the
 * snapshot, as `sanity dataset import` reads it; older snapshots name absolute `file:///` paths,
 * read as they are) and the import uploads
 * the file. When the lake loads such a snapshot directly, it does the same at load time: each file
 * becomes a content-addressed asset (bytes stored, asset document created, exactly as an upload
 * would) and `_sanityAsset` becomes `asset: {_type: 'reference', _ref}`, as @sanity/import leaves
 * it. Both keys are outside the importer's content hash, so a later push still finds the
 * documents unchanged.
 *
 * Trust: only a snapshot the lake did not write itself is ingested (see `DatasetFiles.load`), and
 * only files whose real path lies inside one of the configured asset roots, outside the lake's
 * data folder and outside hidden folders (`.env`, `.git`, `.data`), and that are regular files.
 */
import fs from 'node:fs'
import path from 'node:path'
import {resolveAssetSource} from '../config/asset-source.ts'
import {AssetError, prepareAsset, type AssetContext} from './assets.ts'
import type {StoredDocument} from './journal.ts'

/** The key `sanity dataset import` reads asset sources from. */
export const SANITY_ASSET_KEY = '_sanityAsset'
/** `image@<url>` or `file@<url>`, as @sanity/import accepts them. */
const ASSET_SOURCE = /^(file|image)@([a-z]+:\/\/.*)$/s

/** An asset object left as it was, and why. */
export interface SnapshotAssetProblem {
  documentId: string
  /** Where in the document, e.g. `body[3].children[1]`. */
  path: string
  /** The `_sanityAsset` value. */
  source: string
  reason: string
}

/** What {@link ingestSnapshotAssets} did. */
export interface SnapshotAssetReport {
  /** Asset objects rewritten to references. */
  referenced: number
  /** Asset documents added to the dataset. */
  created: number
  problems: SnapshotAssetProblem[]
}

/** Options of {@link ingestSnapshotAssets}. */
export interface IngestOptions {
  /** `_createdAt`/`_updatedAt` of new asset documents (ISO time). */
  now?: string
  /** Folders files may be read from (real paths are compared); none given, nothing is read. */
  roots?: readonly string[]
  /** The snapshot's folder, which relative sources (`file://./…`) are resolved against (default: the data folder). */
  base?: string
}

/** The largest file a snapshot may name (as the upload endpoint's limit). */
const MAX_ASSET_BYTES = 200 * 1024 * 1024

type Ingested = {ok: true; asset: StoredDocument; kind: 'image' | 'file'} | {ok: false; reason: string}

/**
 * Ingest every `_sanityAsset` file the documents refer to, in place: asset documents are added
 * to `documents`, asset objects rewritten to reference them. A file that cannot be read (or is not
 * an image) leaves its object untouched and is reported.
 *
 * @param documents - a dataset's documents by id (changed in place)
 * @param datasetName - the dataset (asset bytes are stored per dataset)
 * @param context - data folder, project id and base URL for asset documents
 * @param options - timestamp of new asset documents
 * @returns counts and the objects left as they were
 */
export function ingestSnapshotAssets(
  documents: Map<string, StoredDocument>,
  datasetName: string,
  context: AssetContext,
  options: IngestOptions = {},
): SnapshotAssetReport {
  const now = options.now ?? new Date().toISOString()
  const report: SnapshotAssetReport = {referenced: 0, created: 0, problems: []}
  const bySource = new Map<string, Ingested>()
  const roots = realRoots(options.roots ?? [])
  const dataDir = realOrSelf(context.dir)
  const ingest = (source: string): Ingested => {
    let result = bySource.get(source)
    if (!result) {
      result = readAsset(source, datasetName, context, {roots, dataDir, base: options.base ?? context.dir})
      bySource.set(source, result)
    }
    return result
  }
  const added: StoredDocument[] = []

  const rewrite = (value: unknown, where: string, documentId: string): unknown => {
    if (Array.isArray(value)) {
      let changed = false
      const items = value.map((item, index) => {
        const next = rewrite(item, `${where}[${index}]`, documentId)
        changed ||= next !== item
        return next
      })
      return changed ? items : value
    }
    if (!isRecord(value)) return value
    const source = value[SANITY_ASSET_KEY]
    let result: Record<string, unknown> | null = null
    if (typeof source === 'string') {
      const ingested = ingest(source)
      if (ingested.ok) {
        if (!documents.has(ingested.asset._id)) {
          const asset = {...ingested.asset, _rev: String(ingested.asset.sha1hash).slice(0, 22), _createdAt: now, _updatedAt: now}
          documents.set(asset._id, asset)
          added.push(asset)
        }
        result = replaceAssetKey(value, ingested.asset._id, ingested.kind)
        report.referenced++
      } else {
        report.problems.push({documentId, path: where, source, reason: ingested.reason})
      }
    }
    const base = result ?? value
    for (const [key, field] of Object.entries(base)) {
      if (key === SANITY_ASSET_KEY) continue
      const next = rewrite(field, where ? `${where}.${key}` : key, documentId)
      if (next !== field) {
        result ??= {...base}
        result[key] = next
      }
    }
    return result ?? value
  }

  for (const [id, doc] of [...documents]) {
    const next = rewrite(doc, '', id)
    if (next !== doc) documents.set(id, next as StoredDocument)
  }
  report.created = added.length
  return report
}

/**
 * One warning line for an asset object the lake left as it was, located in the snapshot file.
 *
 * @param problem - from {@link ingestSnapshotAssets}
 * @param snapshotFile - the snapshot the document came from
 * @returns `file: warning: … [snapshot-asset]`
 */
export function formatAssetProblem(problem: SnapshotAssetProblem, snapshotFile: string): string {
  // The importer's diagnostic format (`file: severity: message [rule]`), without importing it.
  const message = `document "${problem.documentId}" at ${problem.path || '(root)'}: ${problem.reason}; kept the object with its ${SANITY_ASSET_KEY}`
  return `${snapshotFile}: warning: ${message} [snapshot-asset]`
}

/** `_sanityAsset` becomes `asset` in the same place; `_type` is set when missing, as @sanity/import does. */
function replaceAssetKey(value: Record<string, unknown>, assetId: string, kind: 'image' | 'file'): Record<string, unknown> {
  const out: Record<string, unknown> = value._type === undefined ? {_type: kind} : {}
  for (const [key, field] of Object.entries(value)) {
    if (key === SANITY_ASSET_KEY) out.asset = {_type: 'reference', _ref: assetId}
    else out[key] = field
  }
  return out
}

function readAsset(source: string, datasetName: string, context: AssetContext, where: {roots: string[]; dataDir: string; base: string}): Ingested {
  const match = ASSET_SOURCE.exec(source)
  if (!match) return {ok: false, reason: `"${source}" is not image@<url> or file@<url>`}
  const url = match[2] ?? ''
  if (!url.startsWith('file://')) return {ok: false, reason: `cannot fetch ${url} (only file:// URLs are read offline)`}
  const resolved = resolveAssetSource(source, where.base)
  if (!resolved) return {ok: false, reason: `${url} is not a local file URL`}
  const {kind, file} = resolved
  const read = readContained(file, where.roots, where.dataDir)
  if (!read.ok) return read
  try {
    const asset = prepareAsset(kind === 'image' ? 'images' : 'files', read.bytes, datasetName, path.basename(file), context)
    return {ok: true, asset, kind}
  } catch (error) {
    if (error instanceof AssetError) return {ok: false, reason: `${file}: ${error.message}`}
    throw error
  }
}

/**
 * Read a file only when its real path (symlinks resolved) is a regular file inside an asset
 * root, outside the lake's data folder and outside hidden folders; the size is checked on the
 * open file, and the read never blocks (a FIFO is refused, not waited on).
 */
function readContained(file: string, roots: string[], dataDir: string): {ok: true; bytes: Buffer} | {ok: false; reason: string} {
  let real: string
  try {
    real = fs.realpathSync(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return {ok: false, reason: code === 'ENOENT' ? `file not found: ${file}` : `cannot read ${file} (${code ?? String(error)})`}
  }
  const outside = `${file} is outside the asset folders the lake reads from`
  if (isInside(real, dataDir) || !roots.some((root) => isInside(real, root) && !hasHiddenPart(path.relative(root, real)))) {
    return {ok: false, reason: outside}
  }
  let fd: number | null = null
  try {
    fd = fs.openSync(real, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK)
    const stat = fs.fstatSync(fd)
    if (!stat.isFile()) return {ok: false, reason: `${file} is not a regular file`}
    if (stat.size > MAX_ASSET_BYTES) return {ok: false, reason: `${file} is larger than ${MAX_ASSET_BYTES} bytes`}
    const bytes = Buffer.alloc(stat.size)
    let done = 0
    while (done < bytes.length) {
      const n = fs.readSync(fd, bytes, done, bytes.length - done, done)
      if (n === 0) break
      done += n
    }
    return {ok: true, bytes: bytes.subarray(0, done)}
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return {ok: false, reason: `cannot read ${file} (${code ?? String(error)})`}
  } finally {
    if (fd !== null) fs.closeSync(fd)
  }
}

function realRoots(roots: readonly string[]): string[] {
  return roots.flatMap((root) => {
    try {
      const real = fs.realpathSync(path.resolve(root))
      // A root that would contain the kernel's virtual files is no containment at all.
      return real === path.parse(real).root ? [] : [real]
    } catch {
      return []
    }
  })
}

function realOrSelf(dir: string): string {
  try {
    return fs.realpathSync(dir)
  } catch {
    return path.resolve(dir)
  }
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

function hasHiddenPart(relative: string): boolean {
  return relative.split(path.sep).some((part) => part.startsWith('.'))
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
