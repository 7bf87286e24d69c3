import {fromHtml} from 'hast-util-from-html'

/**
 * `dangerous` marks schemes that run code or carry documents in a browser (`javascript:`,
 * `vbscript:`, non-image `data:` …): their text is payload, not prose. Other refusals (an
 * unsupported scheme such as `irc:`, a URL the schema cannot parse) are harmless as text.
 */
export type UrlCheck = {ok: true; url: string} | {ok: false; reason: string; dangerous: boolean}

const LINK_SCHEMES = new Set(['http', 'https', 'mailto', 'tel'])
const IMAGE_SCHEMES = new Set(['http', 'https'])
const DATA_IMAGE = /^data:image\/(?:png|gif|jpeg|webp)[;,]/
const SCHEME = /^([a-z][a-z0-9+.-]*):/
/** Schemes that execute or render active content when followed. */
const DANGEROUS_SCHEMES = new Set(['javascript', 'vbscript', 'livescript', 'mocha', 'data', 'blob', 'filesystem'])
/** The base Sanity's `uri` rule resolves relative values against (validation parity). */
const VALIDATION_ORIGIN = 'http://sanity'

/**
 * Whether Sanity's `uri` validation accepts the value: it must parse as a URL (relative ones
 * against a dummy origin) and carry no credentials.
 */
function parsesForSchema(url: string): boolean {
  try {
    const parsed = new URL(url, VALIDATION_ORIGIN)
    return parsed.username === '' && parsed.password === ''
  } catch {
    return false
  }
}
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
  if (normalized === '') return {ok: false, reason: 'the URL is empty', dangerous: false}
  const scheme = SCHEME.exec(normalized)?.[1]
  if (kind === 'image' && scheme === 'data') {
    return DATA_IMAGE.test(normalized)
      ? {ok: true, url}
      : {ok: false, reason: 'only data:image/(png|gif|jpeg|webp) URLs are allowed for images', dangerous: true}
  }
  const allowed = kind === 'link' ? LINK_SCHEMES : IMAGE_SCHEMES
  if (scheme !== undefined && !allowed.has(scheme)) {
    return {
      ok: false,
      reason: `the scheme "${scheme}:" is not allowed for ${kind === 'link' ? 'a link' : 'an image'}`,
      dangerous: DANGEROUS_SCHEMES.has(scheme),
    }
  }
  // Links are validated by the schema's uri rule: a URL it cannot parse would make the document invalid.
  if (kind === 'link' && !parsesForSchema(url.trim())) {
    return {ok: false, reason: 'not a valid URL (or it carries credentials)', dangerous: false}
  }
  return {ok: true, url}
}
