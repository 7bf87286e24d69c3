/**
 * The revision a push records (importer/sinks/dataset/revision.ts, transport.ts): every attempt
 * of a transaction gets its own id, sent as the transaction id and written into the documents it
 * writes as imported, and nowhere else.
 */
import type {Mutation, SanityClient} from '@sanity/client'
import {describe, expect, it} from 'vitest'
import {TokenBucket} from '../../importer/sinks/dataset/rate-limit.ts'
import {newTransactionId, recordingRevision, REVISION_PLACEHOLDER, stampRevision} from '../../importer/sinks/dataset/revision.ts'
import {Transport} from '../../importer/sinks/dataset/transport.ts'

const clock = {now: () => 0, sleep: async () => {}}

describe('stampRevision', () => {
  it('fills the placeholder of creates and of patches that set importInfo, and touches nothing else', () => {
    const created = recordingRevision({_id: 'a', _type: 't', text: REVISION_PLACEHOLDER, importInfo: {contentHash: 'h'}})
    const mutations: Mutation[] = [
      {create: created},
      {patch: {id: 'b', ifRevisionID: 'r', set: recordingRevision({title: 'x', importInfo: {contentHash: 'h'}})}},
      {patch: {id: 'c', set: {title: REVISION_PLACEHOLDER}}},
      {delete: {id: 'd'}},
      {create: {_id: 'e', _type: 't', importInfo: {contentHash: 'h'}}},
    ]
    const stamped = stampRevision(mutations, 'tx1')
    expect(stamped).toEqual([
      {create: {_id: 'a', _type: 't', text: REVISION_PLACEHOLDER, importInfo: {contentHash: 'h', revision: 'tx1'}}},
      {patch: {id: 'b', ifRevisionID: 'r', set: {title: 'x', importInfo: {contentHash: 'h', revision: 'tx1'}}}},
      {patch: {id: 'c', set: {title: REVISION_PLACEHOLDER}}},
      {delete: {id: 'd'}},
      {create: {_id: 'e', _type: 't', importInfo: {contentHash: 'h'}}},
    ])
    expect((mutations[0] as unknown as {create: {importInfo: {revision: string}}}).create.importInfo.revision).toBe(REVISION_PLACEHOLDER)
  })

  it('makes ids as long as the placeholder, so batches keep their sizes', () => {
    const ids = Array.from({length: 100}, () => newTransactionId())
    for (const id of ids) expect(id).toMatch(new RegExp(`^[A-Za-z0-9]{${REVISION_PLACEHOLDER.length}}$`))
    expect(new Set(ids).size).toBe(100)
  })
})

describe('Transport.mutate', () => {
  it('sends each attempt as a new transaction, its id recorded in what it writes', async () => {
    const attempts: {transactionId: unknown; mutations: Mutation[]}[] = []
    const client = {
      mutate: async (mutations: Mutation[], options: {transactionId?: string}) => {
        attempts.push({transactionId: options.transactionId, mutations})
        if (attempts.length === 1) throw Object.assign(new Error('socket hang up'), {code: 'ECONNRESET'})
        return {transactionId: options.transactionId, results: [], documentIds: []}
      },
    } as unknown as SanityClient
    const transport = new Transport(client, {clock, bucket: new TokenBucket(1000, 1000, clock), policy: {maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1, maxTotalMs: 1000}})
    await transport.mutate([{create: recordingRevision({_id: 'a', _type: 't', importInfo: {contentHash: 'h'}})}])
    expect(attempts).toHaveLength(2)
    const [first, second] = attempts.map(({transactionId, mutations}) => ({transactionId, recorded: (mutations[0] as unknown as {create: {importInfo: {revision: string}}}).create.importInfo.revision}))
    expect(first!.transactionId).not.toBe(second!.transactionId)
    expect(first!.recorded).toBe(first!.transactionId)
    expect(second!.recorded).toBe(second!.transactionId)
    expect(transport.mutationRequests).toBe(2)
  })
})
