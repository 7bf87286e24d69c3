import type {ProjectLinkKind} from '../documents/types'
import type {ReportProfile} from './types'

/** Where the site keeps project logos; other logos (events, publications) are ordinary images. */
const PROJECT_LOGO_PATH = /^\/img\/project-logos\//

/** The alt text convention of those logos: `"<Project> Logo"`. */
const LOGO_ALT_SUFFIX = /\s+logo\s*$/i

/** Lead-ins of a project's link list, matched at the end of the paragraph before the list. */
const LINK_LIST_LEAD_IN = /(?:get involved|find us|further information(?: about [^:]*)?)\s*:\s*$/i

/** Label words → link kind; the first match wins, so the more specific come first. */
const LINK_KINDS: ReadonlyArray<readonly [RegExp, ProjectLinkKind]> = [
  [/review/i, 'reviews'],
  [/\bcode\b|source|repositor/i, 'code'],
  [/mailing|\blists?\b|e-?mail/i, 'mailingList'],
  [/\birc\b|matrix|slack|chat|discord|wechat/i, 'chat'],
  [/web\s*site|home\s*page/i, 'website'],
]

/** `<br>` spacers the site uses for vertical rhythm, alone or repeated. */
const SPACER_HTML = /^(?:\s*<br\s*\/?>\s*)+$/i

/**
 * The OpenInfra Foundation's annual reports (openinfra.dev, Decap CMS): project logos as raw
 * HTML `<div><a href><img src="/img/project-logos/…" alt="X Logo"></a></div>`, bylines such as
 * `***Name, Role, Organisation***`, `<br />` spacers and "Get involved:" link lists.
 */
export const openInfraProfile: ReportProfile = {
  name: 'openinfra',
  isProjectLogo: (src) => PROJECT_LOGO_PATH.test(src),
  projectNameFromAlt(alt) {
    if (!LOGO_ALT_SUFFIX.test(alt)) return undefined
    const name = alt.replace(LOGO_ALT_SUFFIX, '').trim()
    return name === '' ? undefined : name
  },
  isLinkListLeadIn: (text) => LINK_LIST_LEAD_IN.test(text.trim()),
  linkKind(label) {
    for (const [pattern, kind] of LINK_KINDS) if (pattern.test(label)) return kind
    return 'other'
  },
  isSpacerHtml: (html) => SPACER_HTML.test(html),
  byline: {
    nameParticles: new Set(['de', 'da', 'das', 'do', 'dos', 'del', 'della', 'di', 'du', 'la', 'le', 'van', 'von', 'der', 'den', 'ter', 'ten', 'bin', 'al', 'y']),
    minNameWords: 2,
    maxNameWords: 5,
    minParts: 2,
    maxParts: 4,
    maxLength: 200,
  },
  ignoredFrontMatterKeys: ['templateKey'],
  siteFrontMatter: {templateKey: 'generic-page'},
}
