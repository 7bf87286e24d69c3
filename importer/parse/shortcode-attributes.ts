/** `name="value"`, `name='value'`, `name=value` (Hugo shortcode parameters). */
const ATTRIBUTE = /([A-Za-z_][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|`([^`]*)`|([^\s"'`]+))/g

/**
 * @param text - a shortcode's parameters (`src="/a.png" alt="A"`)
 * @returns name → value (named parameters only; later ones win)
 */
export function parseAttributes(text: string): Map<string, string> {
  const attributes = new Map<string, string>()
  for (const match of text.matchAll(ATTRIBUTE)) {
    const value = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? match[4] ?? match[5] ?? '')
    attributes.set(match[1]!.toLowerCase(), value)
  }
  return attributes
}

/**
 * @param text - any text
 * @returns the text safe inside a double-quoted HTML attribute
 */
export function escapeAttribute(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
}
