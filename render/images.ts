import {createImageUrlBuilder} from '@sanity/image-url'
import type {Target} from '../config/target.ts'
import type {ImageHost, RenderImage, RenderOptions} from './types.ts'
import {safeImageSrc} from './urls.ts'

/** An asset id as the Content Lake writes it: `image-<sha1>-<w>x<h>-<ext>`. */
const IMAGE_ASSET_ID = /^image-[a-f0-9]+-\d+x\d+-[a-z0-9]+$/i

/** A URL a browser loads from anywhere: absolute http(s), protocol-relative, or inline data. */
const SELF_CONTAINED = /^(?:https?:\/\/|\/\/|data:image\/)/i

/**
 * Where a target serves image assets, built from the target as @sanity/image-url does (never
 * from a URL stored with the asset, which names wherever a lake ran when it was uploaded).
 * @param target - the resolved target
 * @param viaApi - the documents came from the target's API (a running lake serves its own
 *   assets); false for a snapshot, where only a real project's CDN serves them
 * @returns the image host, or undefined when nothing serves the assets
 */
export function imageHostOf(target: Target, viaApi: boolean): ImageHost | undefined {
  if (!viaApi && target.offline) return undefined
  const baseUrl = viaApi ? target.apiHost?.value : undefined
  return {projectId: target.projectId.value, dataset: target.dataset.value, ...(baseUrl ? {baseUrl} : {})}
}

/**
 * The URL of an image asset on a host.
 * @param host - project, dataset and base URL
 * @param ref - the asset id (`image-<sha1>-<w>x<h>-<ext>`)
 * @returns the URL, or undefined for an id that is not an image asset's
 */
export function assetImageUrl(host: ImageHost, ref: string): string | undefined {
  if (!IMAGE_ASSET_ID.test(ref)) return undefined
  return createImageUrlBuilder({projectId: host.projectId, dataset: host.dataset, ...(host.baseUrl ? {baseUrl: host.baseUrl} : {})}).image({asset: {_ref: ref}}).url()
}

/**
 * Makes the function that turns an image value into a safe `src`: the uploaded asset's URL
 * when the documents were pushed (Sanity CDN or `imageHost.baseUrl`, via @sanity/image-url),
 * else the caller's `imageUrl` (a file under `--assets`), else the stored `src`. An image with
 * no asset, no file and only a site path would not load: `onUnresolved` hears about it.
 * @param options - render options (`imageUrl`, `imageHost`, `onUnresolved`)
 * @returns image → URL, or `undefined` when there is none that is safe to emit
 */
export function createImageResolver(options: Pick<RenderOptions, 'imageUrl' | 'imageHost' | 'onUnresolvedImage'>): (image: RenderImage) => string | undefined {
  const host = options.imageHost
  const builder = host ? createImageUrlBuilder({projectId: host.projectId, dataset: host.dataset, ...(host.baseUrl ? {baseUrl: host.baseUrl} : {})}) : undefined
  return (image) => {
    const ref = image.asset?._ref
    if (builder && ref && IMAGE_ASSET_ID.test(ref)) return safeImageSrc(builder.image({asset: {_ref: ref}}).url())
    const custom = options.imageUrl?.(image)
    if (custom !== undefined) return safeImageSrc(custom)
    const src = safeImageSrc(image.src)
    if (!src || !SELF_CONTAINED.test(src)) options.onUnresolvedImage?.(image)
    return src
  }
}
