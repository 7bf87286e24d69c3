import type {Nodes, Root} from 'mdast'
import {lintMalformedLinks} from './malformed-links.ts'
import type {Diagnostics} from '../diagnostics.ts'

/** What a relative href that was meant to be absolute would have been. */
export interface LinkFix {
  kind: 'domain' | 'email'
  /** `https://…` or `mailto:…`. */
  fixed: string
}

/** `user@host.tld`, optionally with a query (`?subject=`). */
const EMAIL = /^[\w.!#$%&'*+=^`{|}~-]+@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24}(?:\?.*)?$/i
/** `host.tld[:port][/path…]` with at least one dot; the top-level label checked separately. */
const DOMAIN = /^((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+([a-z]{2,24}))(?::\d{1,5})?(?:[/?#].*)?$/i
/** Generic top-level domains common in links (two-letter country codes, and any ending after two dots, count too). */
const GENERIC_TLDS = new Set(['com', 'org', 'net', 'io', 'dev', 'edu', 'gov', 'info', 'app', 'cloud', 'ai', 'live', 'tech', 'foundation', 'community', 'biz', 'mil', 'int', 'global', 'online', 'site', 'xyz'])
/** Endings that are usually file extensions in a relative link (`notes.md`, `a.b.html`). */
const FILE_LIKE = new Set(['md', 'js', 'ts', 'py', 'sh', 'rs', 'go', 'pl', 'rb', 'gz', 'xz', 'db', 'so', 'mk', 'cc', 'hh', 'el', 'ps', 'html', 'htm', 'pdf', 'png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'txt', 'json', 'xml', 'yaml', 'yml', 'zip', 'tar', 'tgz', 'csv', 'doc', 'docx', 'ppt', 'pptx', 'xls', 'xlsx', 'php', 'asp', 'aspx', 'jsp', 'css', 'mp4', 'mov', 'webm', 'ico'])

/**
 * Whether a relative href looks like an address written without its scheme — a domain
 * (`katacontainers.io`, `www.openstack.org/x`) or an e-mail address — which a browser would
 * resolve against the page and break.
 * @param href - a link's URL as written
 * @returns what it would have been, or `undefined` for an ordinary URL
 */
export function lintHref(href: string): LinkFix | undefined {
  const url = href.trim()
  if (url === '' || /^[a-z][a-z0-9+.-]*:/i.test(url) || /^[/#?.]/.test(url) || /\s/.test(url)) return undefined
  if (EMAIL.test(url)) return {kind: 'email', fixed: `mailto:${url}`}
  const match = DOMAIN.exec(url)
  if (!match) return undefined
  const host = match[1]!.toLowerCase()
  const tld = match[2]!.toLowerCase()
  const labels = host.split('.').length
  const plausible = host.startsWith('www.') || GENERIC_TLDS.has(tld) || (!FILE_LIKE.has(tld) && (tld.length === 2 || labels >= 3))
  return plausible ? {kind: 'domain', fixed: `https://${url}`} : undefined
}

/**
 * Reports every link and link definition whose relative href looks like a domain or an e-mail
 * address (a located warning saying what it would have been), and link syntax written wrongly
 * (`malformed-links.ts`); with `fix`, rewrites them and notes each rewrite. Runs on the mdast
 * before anything is converted, so body links, heading links and project link lists all see the
 * same URL.
 * @param root - the parsed report
 * @param diagnostics - the file's messages
 * @param fix - rewrite (`--fix-links`) instead of only warning
 * @param source - the file's text, to place malformed links exactly
 */
export function lintLinks(root: Root, diagnostics: Diagnostics, fix: boolean, source?: string): void {
  // A plain walk: this runs over every node of every report.
  const stack: Nodes[] = [root]
  while (stack.length > 0) {
    const node = stack.pop()!
    if ('children' in node) {
      // Text inside a link is the link's words, not link syntax.
      if (node.type !== 'link' && node.type !== 'linkReference') lintMalformedLinks(node, diagnostics, fix, source)
      for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index]!)
    }
    if (node.type !== 'link' && node.type !== 'definition') continue
    const found = lintHref(node.url)
    if (!found) continue
    const what = found.kind === 'email' ? 'an e-mail address' : 'a domain'
    if (fix) {
      diagnostics.note('link-fixed', `relative link "${node.url}" looked like ${what}: rewritten to "${found.fixed}"`, node)
      node.url = found.fixed
    } else {
      diagnostics.warn('link-looks-absolute', `relative link "${node.url}" looks like ${what}; it would have been "${found.fixed}" (--fix-links rewrites it)`, node)
    }
  }
}


/**
 * Makes relative links absolute against the site's address (the profile's `baseUrl`), so they
 * still lead somewhere outside the site: `/about/` → `https://example.org/about/`. In-page anchors
 * (`#…`) stay as they are. Each rewrite is a located note.
 * @param root - the parsed report (links and definitions rewritten in place)
 * @param baseUrl - an absolute http(s) URL
 * @param diagnostics - the file's messages
 */
export function absoluteLinks(root: Root, baseUrl: string, diagnostics: Diagnostics): void {
  const stack: Nodes[] = [root]
  while (stack.length > 0) {
    const node = stack.pop()!
    if ('children' in node) for (const child of node.children) stack.push(child)
    if (node.type !== 'link' && node.type !== 'definition') continue
    const url = node.url.trim()
    if (url === '' || url.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) continue
    let absolute: string
    try {
      absolute = new URL(url, baseUrl).href
    } catch {
      continue
    }
    diagnostics.note('link-absolute', `relative link "${url}" made absolute against the profile's baseUrl: "${absolute}"`, node)
    node.url = absolute
  }
}
