import {createImageUrlBuilder} from '@sanity/image-url'
import type {RenderImage, RenderOptions} from './types'
import {safeImageSrc} from './urls'

/** An asset id as the Content Lake writes it: `image-<sha1>-<w>x<h>-<ext>`. */
const IMAGE_ASSET_ID = /^image-[a-f0-9]+-\d+x\d+-[a-z0-9]+$/i

/** A URL a browser loads from anywhere: absolute http(s), protocol-relative, or inline data. */
const SELF_CONTAINED = /^(?:https?:\/\/|\/\/|data:image\/)/i

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
