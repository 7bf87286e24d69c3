import {createHash} from 'node:crypto'

/** Returns a fresh `_key` on every call. */
export type KeyGenerator = () => string

/**
 * Deterministic `_key`s: the first 12 hex characters of
 * `sha1(seed + ':' + counter)`. A 12-hex collision is improbable but not
 * impossible, so the generator skips any key it has already handed out:
 * keys stay unique per seed and the sequence stays the same for the same seed.
 *
 * @param seed - usually the id of the document the keys belong to
 * @returns a generator of 12-character lowercase hex keys
 */
export function createKeyGenerator(seed: string): KeyGenerator {
  let counter = 0
  const used = new Set<string>()
  return () => {
    for (;;) {
      const key = createHash('sha1').update(`${seed}:${counter++}`).digest('hex').slice(0, 12)
      if (!used.has(key)) {
        used.add(key)
        return key
      }
    }
  }
}
