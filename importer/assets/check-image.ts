/**
 * Whether an image file can be uploaded to Sanity, decided at import time so that one unusable
 * file is a located warning instead of a push that aborts at upload: empty, not an image (by its
 * bytes, whatever its name), too large, or an SVG that carries script.
 */
import {closeSync, openSync, readFileSync, readSync, statSync} from 'node:fs'
import {imageSize} from 'image-size'

/**
 * The largest image file the importer attaches. Sanity documents no hard upload limit for
 * images; its image pipeline does not transform originals beyond this size, so larger files
 * would be stored but unusable.
 */
export const MAX_IMAGE_BYTES = 100 * 1024 * 1024

/** Enough of a raster file for its header (image-size reads dimensions from the first bytes). */
const HEADER_BYTES = 64 * 1024

/** Script in an SVG: elements, event-handler attributes, `javascript:` links. */
const SVG_SCRIPT = [/<script[\s>/]/i, /\son[a-z]+\s*=/i, /(?:href|src)\s*=\s*["']?\s*javascript:/i]

/**
 * Why a file cannot be used as an image, or undefined when it can.
 * @param file - absolute path of an existing file
 * @param maxBytes - the size limit (defaults to {@link MAX_IMAGE_BYTES})
 * @returns a short reason, e.g. `is empty`, `is not an image`, `is 120 MB, over Sanity's 100 MB`
 */
export function checkImage(file: string, maxBytes: number = MAX_IMAGE_BYTES): string | undefined {
  let size: number
  try {
    size = statSync(file).size
  } catch {
    return 'cannot be read'
  }
  if (size === 0) return 'is empty'
  if (size > maxBytes) return `is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} an image may have`
  const head = readHead(file, Math.min(size, HEADER_BYTES))
  if (!head) return 'cannot be read'
  const type = detectType(head)
  if (type === undefined && !looksLikeSvg(head)) return 'is not an image (its bytes are no image format)'
  if (type === 'svg' || (type === undefined && looksLikeSvg(head))) {
    // An SVG without width/height is still an image; only its script makes it unusable.
    const text = readFileSync(file, 'utf8')
    if (SVG_SCRIPT.some((pattern) => pattern.test(text))) return 'is an SVG with script or event handlers'
  }
  return undefined
}

function detectType(bytes: Buffer): string | undefined {
  try {
    return imageSize(new Uint8Array(bytes)).type
  } catch {
    return undefined
  }
}

function looksLikeSvg(head: Buffer): boolean {
  return /<svg[\s>]/i.test(head.toString('utf8'))
}

function readHead(file: string, length: number): Buffer | undefined {
  let fd: number | undefined
  try {
    fd = openSync(file, 'r')
    const buffer = Buffer.alloc(length)
    const read = readSync(fd, buffer, 0, length, 0)
    return buffer.subarray(0, read)
  } catch {
    return undefined
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(0)} MB` : `${bytes} bytes`
}
