import {fromHtml} from 'hast-util-from-html'

export type UrlCheck = {ok: true; url: string} | {ok: false; reason: string}

const LINK_SCHEMES = new Set(['http', 'https', 'mailto', 'tel'])
const IMAGE_SCHEMES = new Set(['http', 'https'])
const DATA_IMAGE = /^data:image\/(?:png|gif|jpeg|webp)[;,]/
const SCHEME = /^([a-z][a-z0-9+.-]*):/
// Browsers ignore ASCII whitespace and C0/C1 controls inside a scheme
// (`java\tscript:`); zero-width characters are removed too, to judge strictly.
const IGNORED = /[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200d\u2060\ufeff]/g

/**
 * Decodes HTML character references the way a browser decodes an attribute
 * value (`&#106;`, `&#x6A;`, `&colon;`, `&Tab;`), by letting the HTML parser do it.
 */
function decodeReferences(value: string): string {
  if (!value.includes('&')) return value
  const tree = fromHtml(`<a title="${value.replaceAll('"', '&quot;')}"></a>`, {fragment: true})
  const element = tree.children[0]
  const title = element && element.type === 'element' ? element.properties.title : undefined
  return typeof title === 'string' ? title : value
}

/**
 * The URL policy for links and images. Links allow http(s), mailto, tel and
 * site-relative or relative paths; images allow http(s), relative paths and
 * `data:image/(png|gif|jpeg|webp)`. The scheme is judged after decoding
 * character references, removing whitespace/control characters and folding
 * case, so `jAvAsCrIpT:`, `&#106;avascript:` and `java\tscript:` are caught.
 *
 * @param url - the URL as written (mdast `url`, or an HTML attribute value)
 * @param kind - `link` for hrefs, `image` for image sources
 * @returns `{ok: true, url}` with the URL unchanged, or `{ok: false, reason}`
 */
export function checkUrl(url: string, kind: 'link' | 'image'): UrlCheck {
  const normalized = decodeReferences(url).replace(IGNORED, '').toLowerCase()
  if (normalized === '') return {ok: false, reason: 'the URL is empty'}
  const scheme = SCHEME.exec(normalized)?.[1]
  if (scheme === undefined) return {ok: true, url}
  if (kind === 'image' && scheme === 'data') {
    return DATA_IMAGE.test(normalized)
      ? {ok: true, url}
      : {ok: false, reason: 'only data:image/(png|gif|jpeg|webp) URLs are allowed for images'}
  }
  const allowed = kind === 'link' ? LINK_SCHEMES : IMAGE_SCHEMES
  return allowed.has(scheme)
    ? {ok: true, url}
    : {ok: false, reason: `the scheme "${scheme}:" is not allowed for ${kind === 'link' ? 'a link' : 'an image'}`}
}
