import type {CustomValidator} from 'sanity'

/** The parts of an image value this rule looks at. */
interface ImageLike {
  asset?: {_ref?: string} | null
  src?: string | null
}

/**
 * Image objects are valid with an uploaded `asset` OR the original `src`: the importer keeps the
 * source URL so nothing is lost when a file could not be uploaded.
 *
 * @param value - the image object (undefined when the field is unset, which is not an error here)
 * @returns true, or a message when the image has neither an asset nor a src
 */
export const assetOrSrc: CustomValidator<ImageLike | undefined> = (value) => {
  if (!value) return true
  const hasAsset = Boolean(value.asset?._ref)
  const hasSrc = typeof value.src === 'string' && value.src.trim() !== ''
  return hasAsset || hasSrc
    ? true
    : {code: 'custom.image-source-missing', message: 'An image needs an uploaded asset or a source URL (src)'}
}
