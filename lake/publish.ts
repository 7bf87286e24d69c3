/**
 * What publishing does to a draft's references, as in the Content Lake: a reference the Studio
 * wrote weak with `_strengthenOnPublish` (one made to a document that may not be published yet)
 * becomes strong in the published document, unless the field itself asks for weak references
 * (`_strengthenOnPublish.weak`). The marker never reaches the published document.
 */

/**
 * A copy of `value` with every `_strengthenOnPublish` reference carried out.
 *
 * @param value - a draft document or any part of one
 * @returns the value as it is published
 */
export function strengthenOnPublish<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => strengthenOnPublish(item)) as T
  if (typeof value !== 'object' || value === null) return value
  const record = value as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(record)) out[key] = strengthenOnPublish(field)
  if (typeof record._ref === 'string' && '_strengthenOnPublish' in record) {
    const marker = record._strengthenOnPublish
    const keepWeak = typeof marker === 'object' && marker !== null && (marker as Record<string, unknown>).weak === true
    delete out._strengthenOnPublish
    if (keepWeak) out._weak = true
    else delete out._weak
  }
  return out as T
}
