import type {UrlRule} from 'sanity'

/**
 * URL schemes a link may use. Everything else (`javascript:`, `data:`, `vbscript:`, `file:` …)
 * is rejected, because these values end up as `href`s on the public site.
 */
export const ALLOWED_LINK_SCHEMES = ['http', 'https', 'mailto', 'tel'] as const

/**
 * The one URL policy for every link-ish field (link annotation, section link, figure href,
 * project links): the allowed schemes plus site-relative paths (`/…`, `#…`, `./…`, `../…`,
 * `foo/bar`). Sanity's `uri` rule resolves relative values against a dummy http origin, so
 * relative paths pass and a scheme is only checked when one is present.
 *
 * @param rule - the field's validation rule (a `url`-typed field)
 * @returns the rule restricted to the allowed schemes
 */
export function linkUrlRule(rule: UrlRule): UrlRule {
  return rule.uri({scheme: [...ALLOWED_LINK_SCHEMES], allowRelative: true})
}

/**
 * Absolute web URLs only (a project's website, `seo.url`).
 *
 * @param rule - the field's validation rule
 * @returns the rule restricted to absolute http(s) URLs
 */
export function webUrlRule(rule: UrlRule): UrlRule {
  return rule.uri({scheme: ['http', 'https']})
}
