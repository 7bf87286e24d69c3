/**
 * Images of a snapshot, found on this machine: a page rendered from `.data/<dataset>.ndjson`
 * shows every image without `--assets`. The importer's snapshot names each file
 * (`_sanityAsset: "image@file://./…"`, relative to the snapshot, or an absolute `file:///…`);
 * once the lake has loaded it, an image is an asset reference whose bytes the lake keeps in
 * its data folder (`<dir>/assets/<dataset>/images/<sha1>-<w>x<h>.<ext>`, the snapshot's folder).
 */
import {existsSync, statSync} from 'node:fs'
import path from 'node:path'
import {resolveAssetSource} from '../config/asset-source.ts'
import type {RenderImage} from './types.ts'

/** `image-<sha1>-<w>x<h>-<ext>`: the stored file is `<sha1>-<w>x<h>.<ext>`. */
const IMAGE_ASSET_ID = /^image-([a-f0-9]{40})-(\d+x\d+)-([a-z0-9]+)$/

/** Where a page's local images come from and how the page reaches them. */
export interface LocalImageOptions {
  /** The snapshot the documents were read from. */
  snapshotFile: string
  /** Its dataset (the lake keeps asset bytes per dataset). */
  dataset: string
  /** The folder the page is written to: images are linked relative to it (the page opens from disk). */
  pageFolder?: string
}

/** Local image files and the URLs a page uses for them. */
export interface LocalImages {
  /** An image's URL, or `undefined` when no file for it is on this machine. */
  imageUrl: (image: RenderImage) => string | undefined
  /** Without a page folder (a served page): URL path → file, for the server. */
  files: Map<string, string>
}

/**
 * Finds each image's file: the importer's `_sanityAsset` file, else the lake's stored bytes of
 * its asset reference.
 * @param options - the snapshot, its dataset, and the page's folder (omit for a served page)
 * @returns the URL function and, for a served page, the files to serve
 */
export function localImages(options: LocalImageOptions): LocalImages {
  const base = path.dirname(path.resolve(options.snapshotFile))
  const files = new Map<string, string>()
  const served = new Map<string, string>()
  const urlFor = (file: string): string => {
    if (options.pageFolder !== undefined) {
      return path.relative(path.resolve(options.pageFolder), file).split(path.sep).map(encodeURIComponent).join('/')
    }
    let url = served.get(file)
    if (!url) {
      url = `/_images/${served.size + 1}/${encodeURIComponent(path.basename(file))}`
      served.set(file, url)
      files.set(url, file)
    }
    return url
  }
  return {
    files,
    imageUrl: (image) => {
      const file = fromSource(image._sanityAsset, base) ?? fromAsset(image.asset?._ref, base, options.dataset)
      return file ? urlFor(file) : undefined
    },
  }
}

/** The file an `image@file://…` source names, when it is there. */
function fromSource(source: string | null | undefined, base: string): string | undefined {
  const found = source ? resolveAssetSource(source, base) : undefined
  return found?.kind === 'image' && isFile(found.file) ? found.file : undefined
}

/** The lake's stored bytes of an image asset, when they are there. */
function fromAsset(ref: string | undefined, base: string, dataset: string): string | undefined {
  const match = IMAGE_ASSET_ID.exec(ref ?? '')
  if (!match) return undefined
  const file = path.join(base, 'assets', dataset, 'images', `${match[1]}-${match[2]}.${match[3]}`)
  return isFile(file) ? file : undefined
}

function isFile(file: string): boolean {
  return existsSync(file) && statSync(file).isFile()
}
