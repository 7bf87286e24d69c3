/** HTML-significant characters and their entities: enough for text and quoted attribute values. */
const ENTITIES: Record<string, string> = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}

/**
 * Escapes text for HTML content or a double-quoted attribute value. Unlike to-html's
 * `escapeHTML` it keeps runs of spaces as they are (code and attribute values must not gain `&nbsp;`).
 * @param text - any string
 * @returns the string with `& < > " '` replaced by entities
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character)
}

/** An attribute value: `undefined`/`false`/`null` leave the attribute out, `true` writes it bare. */
export type AttributeValue = string | number | boolean | null | undefined

/**
 * Serialises attributes with every value escaped, so markup built here never depends on the
 * caller escaping. Names come from this module's callers (constants), never from content.
 * @param attributes - name → value, in output order
 * @returns ` name="value"` pairs (leading space each), or `''`
 */
export function attributes(attributes: Readonly<Record<string, AttributeValue>>): string {
  let out = ''
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue
    out += value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`
  }
  return out
}

/**
 * Builds one element.
 * @param tag - element name (a constant)
 * @param attrs - attributes, escaped here
 * @param inner - already-safe inner HTML; omit for a void element
 * @returns the element's HTML
 */
export function element(tag: string, attrs: Readonly<Record<string, AttributeValue>>, inner?: string): string {
  return inner === undefined ? `<${tag}${attributes(attrs)}>` : `<${tag}${attributes(attrs)}>${inner}</${tag}>`
}
