import {realpathSync, statSync} from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import type {Diagnostics, Positioned, SourcePoint} from '../diagnostics.ts'
import type {ResolvedImage} from '../documents/types.ts'
import {checkImage} from './check-image.ts'

/** Where image files are looked up. */
export interface ImageResolverOptions {
  /** The site root: `/img/x.png` → `<assetsDir>/img/x.png`. Without it, images keep their URL only. */
  assetsDir?: string | undefined
  /** The markdown file's folder: relative paths resolve against it. */
  baseDir: string
  diagnostics: Diagnostics
}

/** Files `sanity dataset import` may upload as images; anything else is never attached. */
const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.svg', '.avif', '.tif', '.tiff', '.bmp'])
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:|^\/\//i

/**
 * Builds the converter's `resolveImage`: site paths and relative paths become
 * `_sanityAsset: "image@file:///abs/path"` (the `src` is kept) when the file exists inside
 * the assets folder or the markdown's folder (by real path: a symlink out of them is not
 * followed); remote URLs stay as they are. A missing file, or a path outside those folders, is a
 * located warning.
 * @param options - the folders and where warnings go
 * @returns `(src, at) => {src, _sanityAsset?}`
 */
export function createImageResolver(options: ImageResolverOptions): (src: string, at?: Positioned | SourcePoint) => ResolvedImage {
  const {assetsDir, baseDir, diagnostics} = options
  const root = assetsDir ? path.resolve(assetsDir) : undefined
  const realRoot = root ? realPath(root) : undefined
  return (src, at) => {
    if (!root || src.trim() === '' || HAS_SCHEME.test(src) || src.startsWith('#')) return {src}
    const filePath = decodePath(src.replace(/[?#].*$/, ''))
    const absolute = filePath.startsWith('/') ? path.join(root, filePath) : path.resolve(baseDir, filePath)
    if (!isInside(absolute, root) && !isInside(absolute, path.resolve(baseDir))) {
      diagnostics.warn('image-outside-assets', `image "${src}" resolves outside the assets folder; not uploaded`, at)
      return {src}
    }
    if (!IMAGE_EXTENSIONS.has(path.extname(absolute).toLowerCase())) {
      diagnostics.warn('not-an-image', `"${src}" is not an image file type; not uploaded`, at)
      return {src}
    }
    if (!isFile(absolute)) {
      diagnostics.warn('missing-image', `image file not found: ${absolute}`, at)
      return {src}
    }
    // Symlinks are followed only when their target is inside the folders too: the real path is
    // what gets uploaded, so it is what must be contained.
    const real = realPath(absolute)
    if (!real || (!isInside(real, realRoot ?? root) && !isInside(real, realPath(path.resolve(baseDir)) ?? path.resolve(baseDir)))) {
      diagnostics.warn('image-outside-assets', `image "${src}" is a link to a file outside the assets folder; not uploaded`, at)
      return {src}
    }
    const unusable = checkImage(real)
    if (unusable) {
      diagnostics.warn('unusable-image', `image "${src}" ${unusable}; kept as a link, not uploaded`, at)
      return {src}
    }
    return {src, _sanityAsset: `image@${pathToFileURL(real).href}`}
  }
}

function decodePath(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file)
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
}

function realPath(file: string): string | undefined {
  try {
    return realpathSync(file)
  } catch {
    return undefined
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile()
  } catch {
    return false
  }
}
