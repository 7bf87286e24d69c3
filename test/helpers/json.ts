/** A JSON object somewhere inside imported documents. */
export type JsonObject = Record<string, unknown>

/**
 * Visits every object inside a JSON value, depth first, in document order, without recursion
 * (imported documents can nest deeply).
 * @param value - documents, a document or any part of one
 * @param visit - called for each object (arrays are walked, not visited)
 */
export function walkObjects(value: unknown, visit: (object: JsonObject) => void): void {
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const current = stack.pop()
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push(current[i])
    } else if (current && typeof current === 'object') {
      visit(current as JsonObject)
      const values = Object.values(current)
      for (let i = values.length - 1; i >= 0; i--) stack.push(values[i])
    }
  }
}

/**
 * @returns every object inside `value` for which `predicate` holds, in document order
 */
export function findObjects(value: unknown, predicate: (object: JsonObject) => boolean): JsonObject[] {
  const found: JsonObject[] = []
  walkObjects(value, (object) => {
    if (predicate(object)) found.push(object)
  })
  return found
}
