/**
 * The push's parts on their own: packing, retry, rate limit, configuration, redaction,
 * classification, progress.
 */
import {describe, expect, it} from 'vitest'
import {contentHash} from '../../importer/documents/content-hash.ts'
import {MutationTooLargeError, packBatches, sizeMutation} from '../../importer/sinks/dataset/batches.ts'
import {describeError, redact} from '../../importer/sinks/dataset/errors.ts'
import {classify, mutationFor, withContentHash, type RemoteState} from '../../importer/sinks/dataset/plan.ts'
import {REVISION_PLACEHOLDER} from '../../importer/sinks/dataset/revision.ts'
import {createProgress, renderBar} from '../../importer/sinks/dataset/progress.ts'
import {TokenBucket, type Clock} from '../../importer/sinks/dataset/rate-limit.ts'
import {backoffMs, retryAfterMs, RetriesExhaustedError, retryPolicyFrom, withRetry, type RetryPolicy} from '../../importer/sinks/dataset/retry.ts'

/** Virtual time: sleeping advances it. */
function fakeClock(): Clock & {slept: number[]} {
  let now = 0
  const slept: number[] = []
  return {
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms)
      now += ms
    },
    slept,
  }
}

const httpError = (statusCode: number, headers: Record<string, string> = {}) =>
  Object.assign(new Error(`HTTP ${statusCode}`), {statusCode, response: {headers}})
const netError = (code: string) => Object.assign(new TypeError('fetch failed'), {cause: Object.assign(new Error(code), {code})})

describe('packBatches', () => {
  it('keeps every request under Sanity\'s 4,000,000-byte body limit by default (decimal, not 4 MiB), with room to spare', () => {
    const sized = (id: string, textBytes: number) => sizeMutation(id, {create: {_id: id, _type: 't', text: 'x'.repeat(textBytes)}})
    // 3,700,000 bytes fit 4 MiB with a 10% margin, but not 4,000,000 with it.
    expect(() => packBatches([sized('big', 3_700_000)])).toThrow(MutationTooLargeError)
    const fits = packBatches([sized('a', 1_700_000), sized('b', 1_700_000), sized('c', 300_000)])
    for (const batch of fits) expect(batch.bytes).toBeLessThanOrEqual(3_600_000)
    expect(fits.map((batch) => batch.items.map((item) => item.id))).toEqual([['a', 'b'], ['c']])
  })

  const item = (id: string, size: number) => sizeMutation(id, {createOrReplace: {_id: id, _type: 't', pad: 'x'.repeat(size)}})

  it('fills each request greedily, in order, never over the limit', () => {
    const items = Array.from({length: 30}, (_, i) => item(`d${i}`, 100 + ((i * 37) % 400)))
    const limit = 2_000
    const batches = packBatches(items, limit)
    expect(batches.flatMap((b) => b.items.map((i) => i.id))).toEqual(items.map((i) => i.id))
    for (const batch of batches) {
      const body = Buffer.byteLength(JSON.stringify({mutations: batch.items.map((i) => i.mutation)}))
      expect(body).toBe(batch.bytes)
      expect(body).toBeLessThanOrEqual(limit)
    }
    // Greedy: the next batch's first item would not have fitted.
    for (let i = 0; i + 1 < batches.length; i++) {
      expect(batches[i]!.bytes + 1 + batches[i + 1]!.items[0]!.bytes).toBeGreaterThan(limit)
    }
  })

  it('measures UTF-8 bytes, not characters', () => {
    const wide = sizeMutation('w', {createOrReplace: {_id: 'w', _type: 't', text: 'é'.repeat(100)}})
    expect(wide.bytes).toBe(Buffer.byteLength(JSON.stringify(wide.mutation)))
    expect(wide.bytes).toBeGreaterThan(JSON.stringify(wide.mutation).length)
  })

  it('rejects one mutation larger than a request', () => {
    expect(() => packBatches([item('small', 10), item('huge', 5_000)], 1_000)).toThrow(MutationTooLargeError)
  })
})

describe('withRetry', () => {
  const policy: RetryPolicy = {maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 10_000, maxTotalMs: 60_000}

  it('retries 429, 5xx and dropped connections, then succeeds', async () => {
    const clock = fakeClock()
    const failures = [httpError(429), httpError(503), netError('ECONNRESET'), netError('ECONNREFUSED')]
    let attempts = 0
    const result = await withRetry(async () => {
      attempts++
      const failure = failures.shift()
      if (failure) throw failure
      return 'ok'
    }, policy, () => {}, clock)
    expect(result).toBe('ok')
    expect(attempts).toBe(5)
    expect(clock.slept).toHaveLength(4)
  })

  it('does not retry other client errors', async () => {
    let attempts = 0
    await expect(withRetry(async () => {
      attempts++
      throw httpError(409)
    }, policy, () => {}, fakeClock())).rejects.toThrow('HTTP 409')
    expect(attempts).toBe(1)
  })

  it('backs off exponentially and honours Retry-After', async () => {
    const clock = fakeClock()
    let attempts = 0
    await expect(withRetry(async () => {
      attempts++
      throw attempts === 2 ? httpError(429, {'retry-after': '3'}) : httpError(500)
    }, policy, () => {}, clock)).rejects.toBeInstanceOf(RetriesExhaustedError)
    expect(attempts).toBe(policy.maxAttempts)
    expect(clock.slept[1]).toBeGreaterThanOrEqual(3_000)
    for (const [i, ms] of clock.slept.entries()) {
      if (i === 1) continue
      expect(ms).toBeGreaterThanOrEqual(policy.baseDelayMs * 2 ** i * 0.5)
      expect(ms).toBeLessThanOrEqual(policy.baseDelayMs * 2 ** i)
    }
  })

  it('stops when the total time would be exceeded', async () => {
    const clock = fakeClock()
    await expect(withRetry(async () => {
      throw netError('ECONNREFUSED')
    }, {...policy, maxAttempts: 100, maxTotalMs: 1_000}, () => {}, clock)).rejects.toThrow(/connection refused/)
    expect(clock.slept.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1_000)
  })

  it('reads Retry-After as seconds or an HTTP date, and the policy from the environment', () => {
    expect(retryAfterMs(httpError(429, {'retry-after': '2'}))).toBe(2_000)
    expect(retryAfterMs(httpError(429, {'retry-after': new Date(10_000).toUTCString()}), 4_000)).toBe(6_000)
    expect(retryAfterMs(httpError(429))).toBeUndefined()
    expect(backoffMs(1, policy, 5_000, () => 0)).toBe(5_000)
    expect(backoffMs(20, policy, undefined, () => 1)).toBe(policy.maxDelayMs)
    expect(retryPolicyFrom({SANITY_PUSH_RETRY_BASE_MS: '7', SANITY_PUSH_RETRY_MAX_ATTEMPTS: 'x'}).baseDelayMs).toBe(7)
    expect(retryPolicyFrom({SANITY_PUSH_RETRY_BASE_MS: '7'}, {baseDelayMs: 9}).baseDelayMs).toBe(9)
  })
})

describe('TokenBucket', () => {
  it('lets a burst through, then paces requests to the rate', async () => {
    const clock = fakeClock()
    const bucket = new TokenBucket(20, 5, clock)
    const times: number[] = []
    for (let i = 0; i < 45; i++) {
      await bucket.take()
      times.push(clock.now())
    }
    // No one-second window holds more than burst + rate requests.
    for (let i = 0; i < times.length; i++) {
      expect(times.filter((t) => t >= times[i]! && t < times[i]! + 1_000).length).toBeLessThanOrEqual(25)
    }
    expect(times.slice(0, 5).every((t) => t === 0)).toBe(true)
    expect(times.at(-1)).toBeGreaterThanOrEqual(((45 - 5) / 20) * 1_000 - 1)
  })
})

describe('redaction', () => {
  it('removes the token and any bearer credential from messages', () => {
    expect(redact('GET /x?token=s3cret failed', 's3cret')).toBe('GET /x?token=[redacted] failed')
    expect(redact('Authorization: Bearer abc.def', undefined)).toBe('Authorization: Bearer [redacted]')
    expect(describeError(new Error('bad s3cret\nstack'), 's3cret')).toBe('bad [redacted]')
    expect(describeError(netError('ECONNREFUSED'), 'x')).toBe('connection refused')
  })
})

describe('classify', () => {
  // A copy as a push wrote it: its revision recorded in importInfo.
  const stored = (doc: Record<string, unknown>, rev = 'r1') => {
    const {document} = withContentHash(doc as never)
    return {...document, _rev: rev, importInfo: {...(document.importInfo as object), revision: rev}}
  }
  const state = (docs: Record<string, unknown>[], drafts: string[] = []): RemoteState => ({
    documents: new Map(docs.map((doc) => [doc._id as string, doc as never])),
    drafts: new Set(drafts),
  })
  const base = {_id: 'author-a', _type: 'author', name: 'A', role: 'x'}

  it('distinguishes create, unchanged, update, merge and conflict', () => {
    const next = withContentHash({...base, name: 'B'} as never)
    const same = withContentHash(base as never)
    const otherField = withContentHash({...base, role: 'y'} as never)
    expect(classify(next.document, next.hash, state([]), false).action).toBe('create')
    expect(classify(same.document, same.hash, state([stored(base)]), false).action).toBe('unchanged')
    expect(classify(next.document, next.hash, state([stored(base)]), false).action).toBe('update')
    const edited = {...stored(base), name: 'Edited'}
    // Both changed the name: a conflict on that field; the editor's value is kept.
    expect(classify(next.document, next.hash, state([edited]), false)).toMatchObject({
      action: 'conflict',
      write: false,
      conflicts: [{field: 'name', editor: 'Edited', source: 'B'}],
    })
    // Only the editor changed something: kept, nothing to write.
    expect(classify(same.document, same.hash, state([edited]), false)).toMatchObject({action: 'unchanged', write: false})
    // Different fields: merged.
    expect(classify(otherField.document, otherField.hash, state([edited]), false)).toMatchObject({
      action: 'merge',
      document: {name: 'Edited', role: 'y'},
    })
    expect(classify(next.document, next.hash, state([edited]), true).action).toBe('overwrite')
    const legacy = {...edited, importInfo: {_type: 'importInfo', contentHash: ((edited as Record<string, unknown>).importInfo as {contentHash: string}).contentHash}}
    expect(classify(next.document, next.hash, state([legacy]), false).reason).toMatch(/without block hashes/)
    // An untouched copy without block hashes gets them (an update of importInfo only).
    const untouchedLegacy = {...stored(base), importInfo: {_type: 'importInfo', contentHash: same.hash}}
    expect(classify(same.document, same.hash, state([untouchedLegacy]), false)).toMatchObject({action: 'update', reason: 'records block hashes'})
    expect(classify(next.document, next.hash, state([{...base, _rev: 'r'}]), false).reason).toMatch(/no importInfo/)
    expect(classify(next.document, next.hash, state([stored(base)], ['author-a']), false).reason).toMatch(/draft/)
  })

  it('creates new documents with create, never createOrReplace', () => {
    const next = withContentHash({...base} as never)
    expect(mutationFor(classify(next.document, next.hash, state([]), false))).toEqual({create: {...next.document, importInfo: {...(next.document.importInfo as object), revision: REVISION_PLACEHOLDER}}})
  })

  it('updates with a revision-guarded patch that sets every field and unsets dropped ones', () => {
    const next = withContentHash({_id: 'author-a', _type: 'author', name: 'B'} as never)
    const entry = classify(next.document, next.hash, state([stored(base, 'rev-9')]), false)
    const mutation = mutationFor(entry) as {patch: {id: string; ifRevisionID: string; set: Record<string, unknown>; unset: string[]}}
    expect(mutation.patch.ifRevisionID).toBe('rev-9')
    expect(mutation.patch.unset).toEqual(['role'])
    expect(mutation.patch.set).toMatchObject({name: 'B', importInfo: {contentHash: next.hash}})
    expect(contentHash(next.document)).toBe(next.hash)
  })
})

describe('progress', () => {
  it('draws a bar on a terminal and at most about ten lines otherwise', () => {
    expect(renderBar('x', 5, 10, 10)).toBe('x [#####-----] 5/10')
    const lines: string[] = []
    const plain = createProgress({isTTY: false, log: (l) => lines.push(l), write: () => {}})
    plain.start('writing', 1_000)
    for (let i = 0; i < 1_000; i++) plain.advance()
    expect(lines.length).toBeLessThanOrEqual(11)
    expect(lines.at(-1)).toBe('writing: 1000/1000')
    const chunks: string[] = []
    const tty = createProgress({isTTY: true, log: (l) => chunks.push(`${l}\n`), write: (c) => chunks.push(c)})
    tty.start('writing', 2)
    tty.advance()
    tty.log('a message')
    tty.advance()
    tty.done()
    const text = chunks.join('')
    expect(text).toContain('a message\n')
    expect(text.endsWith('writing [########################] 2/2\n')).toBe(true)
  })
})
