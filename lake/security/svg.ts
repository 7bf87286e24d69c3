/**
 * Uploaded SVG is served from the lake's origin; one carrying script would run there if a
 * browser opened it directly. Such files are refused at upload (the importer warns about them
 * before pushing). The check is deliberately broad: any script element, event-handler attribute,
 * `javascript:` URL or embedded HTML (`foreignObject`) refuses the file.
 */

const ACTIVE_CONTENT: Array<[RegExp, string]> = [
  [/<script[\s>/]/i, 'a <script> element'],
  [/<[^>]*\son[a-z]+\s*=/i, 'an event-handler attribute (on…=)'],
  [/(?:href|src|action|formaction|values|to|from)\s*=\s*["']?\s*(?:javascript|vbscript|data:text\/html)/i, 'a javascript: URL'],
  [/<foreignObject[\s>/]/i, 'embedded HTML (<foreignObject>)'],
  [/<!ENTITY/i, 'an entity declaration'],
]

/**
 * What makes an SVG unsafe to serve, if anything.
 *
 * @param bytes - the SVG file
 * @returns a short description of the first active content found, or undefined when none
 */
export function svgActiveContent(bytes: Uint8Array): string | undefined {
  // Entities and odd encodings could hide markup; decoding as latin1 keeps every ASCII byte.
  const text = Buffer.from(bytes).toString('latin1').replace(/&#x?0*(?:3c|60);?/gi, '<')
  return ACTIVE_CONTENT.find(([pattern]) => pattern.test(text))?.[1]
}
