import {createImageUrlBuilder} from '@sanity/image-url'
import type {RenderImage, RenderOptions} from './types'
import {safeImageSrc} from './urls'

/** An asset id as the Content Lake writes it: `image-<sha1>-<w>x<h>-<ext>`. */
const IMAGE_ASSET_ID = /^image-[a-f0-9]+-\d+x\d+-[a-z0-9]+$/i

/**
 * Makes the function that turns an image value into a safe `src`: the caller's `imageUrl`
 * first, then the asset's URL (Sanity CDN or `imageHost.baseUrl`, via @sanity/image-url), then
 * the stored `src`.
 * @param options - render options (`imageUrl`, `imageHost`)
 * @returns image → URL, or `undefined` when there is none that is safe to emit
 */
export function createImageResolver(options: Pick<RenderOptions, 'imageUrl' | 'imageHost'>): (image: RenderImage) => string | undefined {
  const host = options.imageHost
  const builder = host ? createImageUrlBuilder({projectId: host.projectId, dataset: host.dataset, ...(host.baseUrl ? {baseUrl: host.baseUrl} : {})}) : undefined
  return (image) => {
    const custom = options.imageUrl?.(image)
    if (custom !== undefined) return safeImageSrc(custom)
    const ref = image.asset?._ref
    if (builder && ref && IMAGE_ASSET_ID.test(ref)) return safeImageSrc(builder.image({asset: {_ref: ref}}).url())
    return safeImageSrc(image.src)
  }
}
