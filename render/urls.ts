import {uriLooksSafe} from '@portabletext/to-html'

/** Inline raster images the importer may keep as `data:` URLs; nothing else of `data:` is allowed. */
const DATA_IMAGE = /^data:image\/(?:png|gif|jpeg|webp);base64,[a-z0-9+/=\s]*$/i

/** Control characters and whitespace that browsers strip from a URL before reading its scheme. */
const STRIPPED = /[\u0000-\u0020\u007f-\u009f]/

/**
 * Whether a link target is safe to put in an `href`: http(s), mailto, tel and relative URLs
 * (the same policy as to-html's default link, plus a guard against schemes split by control
 * characters, which browsers would rejoin).
 * @param href - the target as stored
 * @returns the trimmed href when safe, else `undefined`
 */
export function safeHref(href: string | null | undefined): string | undefined {
  const trimmed = href?.trim()
  if (!trimmed) return undefined
  const colon = trimmed.indexOf(':')
  if (colon !== -1 && STRIPPED.test(trimmed.slice(0, colon))) return undefined
  return uriLooksSafe(trimmed) ? trimmed : undefined
}

/**
 * Whether an image URL is safe for `src`: a safe href that is not mailto/tel, or an inline raster `data:` image.
 * @param src - the URL
 * @returns the URL when safe, else `undefined`
 */
export function safeImageSrc(src: string | null | undefined): string | undefined {
  const trimmed = src?.trim()
  if (trimmed && DATA_IMAGE.test(trimmed)) return trimmed
  const safe = safeHref(trimmed)
  return safe && !/^(?:mailto|tel):/i.test(safe) ? safe : undefined
}

/**
 * Whether a link leaves the site (absolute http(s) or protocol-relative), so it gets `rel="noopener"`.
 * @param href - a safe href
 * @returns true for external links
 */
export function isExternal(href: string): boolean {
  return /^(?:https?:)?\/\//i.test(href)
}
