/**
 * Turns NDJSON-style image objects (`_sanityAsset: 'image@file:///…'`) into asset references:
 * each distinct file (by sha1 of its bytes) is uploaded once, and files the dataset already has
 * are found in one query and reused. `contentHash` ignores both keys, so hashes stay valid.
 */
import {createHash} from 'node:crypto'
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import type {SanityDocumentLike} from 'sanity'
import {checkImage} from '../../assets/check-image.ts'
import {httpStatus} from './errors.ts'

/** An image object somewhere inside a document that names a file to upload. */
export interface ImageSlot {
  documentId: string
  /** The object itself; rewritten in place. */
  holder: Record<string, unknown>
  /** The `_sanityAsset` value. */
  source: string
}

/** One distinct file and every slot that shows it. */
export interface ImageFile {
  file: string
  sha1: string
  bytes: Buffer
  slots: ImageSlot[]
  /** The asset id, once found or uploaded. */
  assetId?: string
  /** Why the API refused it (the slots keep their `src` only). */
  refused?: string
}

/** A slot whose file cannot be uploaded: its image keeps `src` and alt, nothing is uploaded. */
export interface UnusableImage {
  slot: ImageSlot
  file: string
  reason: string
}

export interface ImagePlan {
  files: ImageFile[]
  /** Slots whose source is not a local file (left with `src` only). */
  skipped: ImageSlot[]
  /** Slots whose file is gone or unusable (left with `src` only, reported). */
  unusable: UnusableImage[]
}

export const EXISTING_ASSETS_QUERY =
  '*[_type == "sanity.imageAsset" && sha1hash in $hashes]{_id, sha1hash}'

/**
 * Finds every object with a `_sanityAsset` image source, at any depth.
 * @param documents - documents to scan
 * @returns the slots, in document order
 */
export function findImageSlots(documents: SanityDocumentLike[]): ImageSlot[] {
  const slots: ImageSlot[] = []
  const visit = (value: unknown, documentId: string): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, documentId)
      return
    }
    if (value === null || typeof value !== 'object') return
    const record = value as Record<string, unknown>
    if (typeof record._sanityAsset === 'string') {
      slots.push({documentId, holder: record, source: record._sanityAsset})
    }
    for (const child of Object.values(record)) visit(child, documentId)
  }
  for (const document of documents) visit(document, document._id)
  return slots
}

/** The local path of `image@file:///…`, or undefined for other sources (e.g. `image@https://…`). */
export function localImagePath(source: string): string | undefined {
  const match = /^image@(file:.*)$/.exec(source)
  if (!match?.[1]) return undefined
  try {
    return fileURLToPath(match[1])
  } catch {
    return undefined
  }
}

/**
 * Reads and fingerprints the files the slots name, one entry per distinct content. A file that
 * is gone or unusable since the import (see `checkImage`) is set aside, never fatal.
 * @param slots - from {@link findImageSlots}
 * @returns distinct files, the slots that cannot be uploaded from here, and unusable ones
 */
export async function readImageFiles(slots: ImageSlot[]): Promise<ImagePlan> {
  const byPath = new Map<string, {sha1: string; bytes: Buffer} | {reason: string}>()
  const bySha = new Map<string, ImageFile>()
  const skipped: ImageSlot[] = []
  const unusable: UnusableImage[] = []
  for (const slot of slots) {
    const file = localImagePath(slot.source)
    if (!file) {
      skipped.push(slot)
      continue
    }
    let content = byPath.get(file)
    if (!content) {
      const reason = checkImage(file)
      const bytes = reason ? undefined : await readFile(file).catch(() => undefined)
      content = bytes
        ? {bytes, sha1: createHash('sha1').update(bytes).digest('hex')}
        : {reason: reason === 'cannot be read' || !reason ? 'file not found' : reason}
      byPath.set(file, content)
    }
    if ('reason' in content) {
      unusable.push({slot, file, reason: content.reason})
      continue
    }
    const entry = bySha.get(content.sha1) ?? {file, ...content, slots: []}
    entry.slots.push(slot)
    bySha.set(content.sha1, entry)
  }
  return {files: [...bySha.values()], skipped, unusable}
}

/**
 * Sets `assetId` on the files the dataset already has, in one query.
 * @param files - distinct files
 * @param query - runs GROQ (the transport)
 * @returns how many were found
 */
export async function findExistingAssets(
  files: ImageFile[],
  query: <T>(groq: string, params: Record<string, unknown>) => Promise<T>,
): Promise<number> {
  if (files.length === 0) return 0
  const hashes = files.map((file) => file.sha1)
  const existing = await query<{_id: string; sha1hash: string}[]>(EXISTING_ASSETS_QUERY, {hashes})
  const ids = new Map(existing.map((asset) => [asset.sha1hash, asset._id]))
  let found = 0
  for (const file of files) {
    const id = ids.get(file.sha1)
    if (id) {
      file.assetId = id
      found++
    }
  }
  return found
}

/** Statuses that refuse an upload's bytes for good (retrying cannot help). */
const REFUSED_UPLOAD = new Set([400, 413, 415, 422])

/**
 * Uploads the files that have no asset yet, one request each.
 * @param files - distinct files
 * @param upload - uploads bytes (the transport)
 * @param onUploaded - called after each upload (progress)
 * @returns how many were uploaded (a refused file gets `refused`, its slots keep `src` only)
 */
export async function uploadMissing(
  files: ImageFile[],
  upload: (bytes: Buffer, filename: string) => Promise<{_id: string}>,
  onUploaded: () => void = () => {},
): Promise<number> {
  let uploaded = 0
  for (const file of files) {
    if (file.assetId) continue
    let asset: {_id: string}
    try {
      asset = await upload(file.bytes, path.basename(file.file))
    } catch (error) {
      const status = httpStatus(error)
      // The API refused these bytes (not an image it accepts, too large): skip the image only.
      if (status === undefined || !REFUSED_UPLOAD.has(status)) throw error
      file.refused = `refused by the API (${status})`
      continue
    }
    file.assetId = asset._id
    uploaded++
    onUploaded()
  }
  return uploaded
}

/**
 * Rewrites each slot to reference its asset; `_sanityAsset` goes (the dataset has no use for
 * a local path). Slots that could not be uploaded keep only `src`.
 * @param plan - files with their asset ids
 */
export function linkAssets(plan: ImagePlan): void {
  for (const file of plan.files) {
    if (!file.assetId) {
      for (const slot of file.slots) delete slot.holder._sanityAsset
      continue
    }
    for (const slot of file.slots) {
      delete slot.holder._sanityAsset
      slot.holder.asset = {_type: 'reference', _ref: file.assetId}
    }
  }
  for (const slot of plan.skipped) delete slot.holder._sanityAsset
  for (const {slot} of plan.unusable) delete slot.holder._sanityAsset
}
