import {hash} from 'node:crypto'

/** Returns a fresh `_key` on every call. */
export type KeyGenerator = () => string

const KEY_LENGTH = 12

function hashKey(text: string): string {
  return hash('sha1', text).slice(0, KEY_LENGTH)
}

/**
 * Deterministic `_key`s: the first 12 hex characters of
 * `sha1(seed + ':' + counter)`. A 12-hex collision is improbable but not
 * impossible, so the generator skips any key it has already handed out:
 * keys stay unique per seed and the sequence stays the same for the same seed.
 * Position-dependent: the converter uses it for provisional keys that
 * {@link stableKeys} then replaces.
 *
 * @param seed - usually the id of the document the keys belong to
 * @returns a generator of 12-character lowercase hex keys
 */
export function createKeyGenerator(seed: string): KeyGenerator {
  let counter = 0
  const used = new Set<string>()
  return () => {
    for (;;) {
      const key = hashKey(`${seed}:${counter++}`)
      if (!used.has(key)) {
        used.add(key)
        return key
      }
    }
  }
}

/**
 * Cheap unique placeholder keys (`0…01`, `0…02`…) for a conversion whose keys
 * {@link stableKeys} replaces afterwards: no hashing per key.
 * @returns a generator of 12-character lowercase hex keys, unique per generator
 */
export function createProvisionalKeys(): KeyGenerator {
  let counter = 0
  return () => (++counter).toString(16).padStart(KEY_LENGTH, '0')
}

type Json = null | boolean | number | string | Json[] | {[key: string]: Json}

/**
 * Hands out keys from identities, unique within one array: the first item with an identity
 * gets `sha1(identity)`, the n-th identical one `sha1(identity#n)` — so identical items are told
 * apart deterministically, and an item's key does not depend on its position.
 * @returns a function from an item's identity to its key
 */
export function createContentKeys(): (identity: string) => string {
  const used = new Set<string>()
  const seen = new Map<string, number>()
  return (identity) => {
    let n = seen.get(identity) ?? 0
    for (;;) {
      const key = hashKey(n === 0 ? identity : `${identity}#${n}`)
      n++
      if (!used.has(key)) {
        seen.set(identity, n)
        used.add(key)
        return key
      }
    }
  }
}

/**
 * Replaces every `_key` of a Portable Text array with one derived from content, so inserting,
 * removing or editing one member leaves every other member's key (and its spans', markDefs' and
 * nested members' keys) unchanged. A top-level member's key hashes its content without keys
 * (marks pointing at markDefs count by the markDef's place); a nested member's key is a hash of
 * its parent's key and field plus its index. Span marks follow their markDefs' new keys.
 * @param members - freshly converted members with provisional keys (re-keyed in place)
 * @returns the same members
 */
export function stableKeys<T extends object>(members: T[]): T[] {
  const keyOf = createContentKeys()
  for (const member of members) {
    const json = member as unknown as {[key: string]: Json}
    const key = keyOf(JSON.stringify(identityOf(json)))
    json._key = key
    rekeyInside(json, key)
  }
  return members
}

/** The member as JSON without keys; mark references become the markDef's index. */
function identityOf(value: Json): Json {
  if (Array.isArray(value)) return value.map(identityOf)
  if (value === null || typeof value !== 'object') return value
  const marks = markIndex(value)
  const out: {[key: string]: Json} = {}
  for (const key of Object.keys(value).sort()) {
    if (key === '_key') continue
    const field = value[key]!
    if (key === 'children' && marks && Array.isArray(field)) {
      out[key] = field.map((child) => identityOf(remapMarks(child, (mark) => (marks.has(mark) ? `@${marks.get(mark)}` : mark))))
    } else out[key] = identityOf(field)
  }
  return out
}

/** A block's markDef keys → their index, when the object is a block with markDefs. */
function markIndex(value: {[key: string]: Json}): Map<string, number> | undefined {
  const defs = value.markDefs
  if (!Array.isArray(defs) || defs.length === 0) return undefined
  const index = new Map<string, number>()
  defs.forEach((def, i) => {
    if (def && typeof def === 'object' && !Array.isArray(def) && typeof def._key === 'string') index.set(def._key, i)
  })
  return index
}

function remapMarks(child: Json, map: (mark: string) => string): Json {
  if (!child || typeof child !== 'object' || Array.isArray(child) || !Array.isArray(child.marks)) return child
  return {...child, marks: child.marks.map((mark) => (typeof mark === 'string' ? map(mark) : mark))}
}

/**
 * Keys of one nested array: a hash of where the array sits (6 hex) and the member's index (6 hex),
 * so they are unique within the array by construction and cost one hash per array.
 */
function nestedKeys(base: string): (index: number) => string {
  const prefix = hashKey(base).slice(0, KEY_LENGTH - 6)
  return (index) => `${prefix}${index.toString(16).padStart(6, '0').slice(-6)}`
}

/** Re-keys, in place, every keyed member nested in `value` from `base`, and remaps span marks. */
function rekeyInside(value: Json, base: string): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return
  const renamed = new Map<string, string>()
  if (Array.isArray(value.markDefs)) {
    const keyOf = nestedKeys(`${base}/markDefs`)
    value.markDefs.forEach((def, i) => {
      if (def && typeof def === 'object' && !Array.isArray(def) && typeof def._key === 'string') renamed.set(def._key, keyOf(i))
    })
  }
  for (const field of Object.keys(value)) {
    const child = value[field]!
    if (!Array.isArray(child)) {
      if (child !== null && typeof child === 'object') rekeyInside(child, `${base}/${field}`)
      continue
    }
    let keyOf: ((index: number) => string) | undefined
    child.forEach((item, i) => {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) return
      const own = typeof item._key === 'string' ? (keyOf ??= nestedKeys(`${base}/${field}`))(i) : undefined
      if (field === 'children' && renamed.size > 0 && Array.isArray(item.marks)) {
        item.marks = item.marks.map((mark) => (typeof mark === 'string' ? renamed.get(mark) ?? mark : mark))
      }
      if (own !== undefined) item._key = own
      rekeyInside(item, own ?? `${base}/${field}/${i}`)
    })
  }
}
