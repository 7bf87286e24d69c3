/**
 * `_sanityAsset` sources, the NDJSON import format's way to name an image file
 * (`image@file://…`), written and read the same way by the importer's NDJSON sink, the lake's
 * snapshot loader and the renderer. A snapshot names its files relative to itself
 * (`image@file://./img/a.png`), as `sanity dataset import` resolves them against the NDJSON
 * file's folder (`@sanity/import`'s `assetsBase`), so the file and its images can move together;
 * an absolute `image@file:///…` source (older snapshots) is read as it is.
 */
import path from 'node:path'
import {fileURLToPath} from 'node:url'

/** `image@<url>` or `file@<url>`. */
const SOURCE = /^(image|file)@(.*)$/s

/** The relative form's prefix after the kind (`image@file://./…`). */
const RELATIVE = 'file://./'

/**
 * An absolute `file:///…` source rewritten relative to a folder; anything else as it is.
 * @param source - a `_sanityAsset` value
 * @param folder - the folder of the NDJSON file it is written to
 * @returns e.g. `image@file://./../content/img/a%20b.png`
 */
export function relativeAssetSource(source: string, folder: string): string {
  const match = SOURCE.exec(source)
  const url = match?.[2]
  if (!match || !url?.startsWith('file:///')) return source
  let file: string
  try {
    file = fileURLToPath(url)
  } catch {
    return source
  }
  const relative = path.relative(path.resolve(folder), file).split(path.sep).map(encodeURIComponent).join('/')
  return `${match[1]}@${RELATIVE}${relative}`
}

/**
 * The file a `file://` source names, relative ones resolved against a folder.
 * @param source - a `_sanityAsset` value
 * @param folder - the folder of the NDJSON file it was read from
 * @returns the kind and the absolute path, or undefined for a source that is not a local file
 */
export function resolveAssetSource(source: string, folder: string): {kind: 'image' | 'file'; file: string} | undefined {
  const match = SOURCE.exec(source)
  const url = match?.[2]
  if (!match || !url) return undefined
  const kind = match[1] === 'file' ? 'file' : 'image'
  try {
    if (url.startsWith(RELATIVE)) return {kind, file: path.resolve(folder, ...url.slice(RELATIVE.length).split('/').map(decodeURIComponent))}
    if (url.startsWith('file://')) return {kind, file: fileURLToPath(url)}
  } catch {
    return undefined
  }
  return undefined
}
