import type {Element, Root as HastRoot} from 'hast'
import type {Html, List, Paragraph, RootContent} from 'mdast'
import {fromHtml} from 'hast-util-from-html'
import {toString as hastToString} from 'hast-util-to-string'
import {toString} from 'mdast-util-to-string'
import {visit} from 'unist-util-visit'
import type {ReportProfile} from '../profile/types.ts'
import type {ProjectLinkKind} from './types.ts'

/** A project as its logo block introduces it. */
export interface ProjectLogo {
  name: string
  /** The href of the link around the logo. */
  website?: string
  src: string
  alt: string
  /** The raw HTML block, or the paragraph of a markdown image (when the profile allows those). */
  node: Html | Paragraph
}

/** One item of a project's link list, before keys and URL checks. */
export interface ProjectLinkItem {
  kind: ProjectLinkKind
  label: string
  text: string
  url?: string
}

/**
 * Recognises a block that is a project's logo: a raw HTML block with exactly one image (or, where
 * the profile allows, a markdown image alone in its paragraph), whose src the profile calls a
 * project logo and whose alt names the project, and no other text (so nothing is lost when the
 * block becomes a project card).
 * @param node - a top-level mdast node
 * @param profile - the report family's conventions
 * @returns the logo, or `undefined`
 */
export function readProjectLogo(node: RootContent, profile: ReportProfile): ProjectLogo | undefined {
  if (node.type === 'paragraph') return profile.markdownImageLogos ? markdownLogo(node, profile) : undefined
  // Cheap test first: most HTML blocks are spacers.
  if (node.type !== 'html' || !/<img\b/i.test(node.value)) return undefined
  const tree: HastRoot = fromHtml(node.value, {fragment: true})
  const images: Array<{image: Element; link: Element | undefined}> = []
  visit(tree, 'element', (element, _index, parent) => {
    if (element.tagName !== 'img') return
    const link = parent && parent.type === 'element' && parent.tagName === 'a' ? parent : undefined
    images.push({image: element, link})
  })
  if (images.length !== 1 || hastToString(tree).trim() !== '') return undefined
  const {image, link} = images[0]!
  const src = stringProperty(image, 'src')
  const alt = stringProperty(image, 'alt') ?? ''
  if (!src || !profile.isProjectLogo(src)) return undefined
  const name = profile.projectNameFromAlt(alt)
  if (!name) return undefined
  const website = link ? stringProperty(link, 'href') : undefined
  return {name, src, alt, node, ...(website ? {website} : {})}
}

/** `![X Logo](/img/logos/x.svg)` or `[![X Logo](…)](https://x.example)` alone in its paragraph. */
function markdownLogo(paragraph: Paragraph, profile: ReportProfile): ProjectLogo | undefined {
  const content = paragraph.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''))
  const only = content.length === 1 ? content[0] : undefined
  const link = only?.type === 'link' && only.children.length === 1 ? only : undefined
  const image = link ? link.children[0] : only
  if (image?.type !== 'image') return undefined
  const src = image.url.trim()
  if (!src || !profile.isProjectLogo(src)) return undefined
  const name = profile.projectNameFromAlt(image.alt ?? '')
  if (!name) return undefined
  const website = link?.url.trim()
  return {name, src, alt: image.alt ?? '', node: paragraph, ...(website ? {website} : {})}
}

function stringProperty(element: Element, name: string): string | undefined {
  const value = element.properties[name]
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

/**
 * Finds a project's link list among the nodes after its logo: a list right after a paragraph
 * the profile calls a lead-in ("Get involved:", "Find us:").
 * @param nodes - the nodes following the logo, up to the next logo or heading
 * @param profile - the report family's conventions
 * @returns the list's items, or `undefined` when there is no such list
 */
export function readProjectLinks(nodes: readonly RootContent[], profile: ReportProfile): ProjectLinkItem[] | undefined {
  for (let i = 0; i + 1 < nodes.length; i++) {
    const lead = nodes[i]!
    const list = nodes[i + 1]!
    if (lead.type === 'paragraph' && list.type === 'list' && profile.isLinkListLeadIn(toString(lead))) {
      return readLinkList(list, profile)
    }
  }
  return undefined
}

function readLinkList(list: List, profile: ReportProfile): ProjectLinkItem[] {
  const items: ProjectLinkItem[] = []
  for (const item of list.children) {
    const paragraph = item.children.find((child): child is Paragraph => child.type === 'paragraph')
    if (!paragraph) continue
    const whole = toString(paragraph).replace(/\s+/g, ' ').trim()
    if (whole === '') continue
    let url: string | undefined
    visit(paragraph, 'link', (link) => {
      url ??= link.url
    })
    const colon = whole.indexOf(':')
    // "Label: text" is the convention; "Code reviews on example.org" has no colon: label = the words before its link.
    const label = colon > 0 ? whole.slice(0, colon).trim() : labelBeforeLink(paragraph) || whole
    const text = colon > 0 ? whole.slice(colon + 1).trim() : whole
    items.push({kind: profile.linkKind(label), label, text, ...(url ? {url} : {})})
  }
  return items
}

function labelBeforeLink(paragraph: Paragraph): string {
  const before: string[] = []
  for (const child of paragraph.children) {
    if (child.type === 'link') break
    before.push(toString(child))
  }
  return before.join('').trim()
}

/** A logo found in a run of nodes, with the link list that follows it. */
export interface FoundProject {
  logo: ProjectLogo
  links: ProjectLinkItem[] | undefined
}

/**
 * Finds the project logos in a section's nodes, each with the link list that follows it
 * before the next logo.
 * @param nodes - a section's (or the intro's) top-level nodes
 * @param profile - the report family's conventions
 * @returns the projects in order of appearance
 */
export function findProjects(nodes: readonly RootContent[], profile: ReportProfile): FoundProject[] {
  const logos: Array<{logo: ProjectLogo; index: number}> = []
  nodes.forEach((node, index) => {
    const logo = readProjectLogo(node, profile)
    if (logo) logos.push({logo, index})
  })
  return logos.map(({logo, index}, n) => {
    const end = logos[n + 1]?.index ?? nodes.length
    return {logo, links: readProjectLinks(nodes.slice(index + 1, end), profile)}
  })
}
