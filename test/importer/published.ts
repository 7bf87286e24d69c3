/**
 * What a published markdown report shows a reader — its words, links and images, and the
 * template syntax left in it — read straight from the file with regular expressions: a method
 * independent of the importer's parser (remark), so the corpus test does not check the importer
 * against itself. Deliberately plain: front matter, HTML comments and `<script>`/`<style>` are
 * not visible; ```` ```=html ```` fences are HTML (SuperMD); other fences are code (their words
 * count, their URLs are not links); a reference definition counts as a link only where used.
 */

export interface Published {
  words: string[]
  links: string[]
  images: string[]
  /** Template constructs (`{{ }}`, `{{< >}}`, `{{% %}}`, `{% %}`) outside code, with their 1-based line. */
  templates: Array<{line: number; text: string}>
}

const ENTITIES: Record<string, string> = {nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ndash: '–', mdash: '—', hellip: '…'}

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16))
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)))
    return ENTITIES[name.toLowerCase()] ?? whole
  })
}

/** Words: runs of letters and digits (NFC). */
export function words(text: string): string[] {
  return text.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? []
}

/** Blanks a match while keeping its line breaks, so line numbers stay right. */
const blank = (match: string): string => match.replace(/[^\n]/g, ' ')

/**
 * @param markdown - the file as published
 * @returns what a reader sees of it
 */
export function published(markdown: string): Published {
  // Front matter, comments, active content: not shown.
  let text = markdown.replace(/^(---|\+\+\+)\n[\s\S]*?\n\1[ \t]*\n/, blank)
  text = text.replace(/<!--[\s\S]*?-->/g, blank).replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, blank)
  // Code: words count, URLs and template syntax inside do not. Raw-HTML fences are HTML.
  const code: string[] = []
  text = text.replace(/^(```|~~~)([^\n]*)\n([\s\S]*?)\n\1[ \t]*$/gm, (whole, _fence: string, info: string, body: string) => {
    if (/^\s*(?:=html|\{=html\})\s*$/.test(info)) return `\n${body}\n`
    code.push(body)
    return blank(whole)
  })
  text = text.replace(/`[^`\n]+`/g, (span) => {
    code.push(span.slice(1, -1))
    return blank(span)
  })
  const templates: Published['templates'] = []
  for (const match of text.matchAll(/\{\{[\s\S]{0,2000}?\}\}|\{%[\s\S]{0,2000}?%\}/g)) {
    templates.push({line: text.slice(0, match.index).split('\n').length, text: match[0]})
  }
  // What the generator's URL filter gives: `{{ '/path' | url }}` → `/path`.
  text = text.replace(/\{\{-?\s*(['"])([^'"\s]*)\1\s*\|\s*(?:url|relative_url)\s*-?\}\}/g, '$2')

  const images: string[] = []
  const links: string[] = []
  // Hugo renders a figure shortcode as an <img>: its src is an image the reader sees.
  for (const match of text.matchAll(/\{\{<\s*figure\s[\s\S]{0,2000}?\bsrc\s*=\s*"([^"]*)"[\s\S]{0,2000}?>\}\}/g)) images.push(match[1]!)
  text = text.replace(/!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g, (_whole, alt: string, src: string) => {
    images.push(src)
    return alt
  })
  const definitions = new Map<string, string>()
  text = text.replace(/^ {0,3}\[([^\]]+)\]:[ \t]*<?(\S+?)>?[ \t]*$/gm, (whole, label: string, url: string) => {
    definitions.set(label.toLowerCase(), url)
    return blank(whole)
  })
  text = text.replace(/\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g, (_whole, words: string, url: string) => {
    links.push(url)
    return words
  })
  for (const match of text.matchAll(/\[([^\]]+)\](?:\[([^\]]*)\])?/g)) {
    const url = definitions.get((match[2] || match[1]!).toLowerCase())
    if (url) links.push(url)
  }
  for (const match of text.matchAll(/<a\s[^>]*?href\s*=\s*"([^"]*)"/gi)) links.push(decode(match[1]!))
  for (const match of text.matchAll(/<img\s[^>]*?src\s*=\s*"([^"]*)"/gi)) images.push(decode(match[1]!).trim())
  text = text.replace(/<(https?:\/\/[^>\s]+)>/g, (_whole, url: string) => {
    links.push(url)
    return url
  })
  // Bare URLs (GFM autolinks), outside tags; trailing sentence punctuation is not part of them.
  const prose = text.replace(/<[^>]*>/g, ' ')
  for (const match of prose.matchAll(/(?<![\w/"'=])https?:\/\/[^\s<>()[\]"']+/g)) links.push(match[0].replace(/[.,:;!?]+$/, ''))
  // List markers are numbering, not words (the documents keep them as list items and a start).
  const visible = decode(prose).replace(/^\s*[-*+]\s+\[[ xX]\]/gm, ' ').replace(/^(\s*(?:>\s*)*)\d{1,9}[.)](?=\s)/gm, '$1')
  return {words: [...words(visible), ...code.flatMap(words)], links, images, templates}
}
