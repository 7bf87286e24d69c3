/**
 * What a push of N generated reports costs against the local lake (lake/, started in this
 * process): requests by kind and bytes on the wire, for a fresh dataset and for an unchanged
 * re-push (which should send no mutation at all). Bytes are counted by a TCP relay between the
 * client and the lake, so they include HTTP headers.
 */
import {mkdtempSync, rmSync} from 'node:fs'
import {connect, createServer} from 'node:net'
import type {AddressInfo, Server} from 'node:net'
import {tmpdir} from 'node:os'
import path from 'node:path'
import type {SanityDocumentLike} from 'sanity'
import {importFiles} from '../importer/index.ts'
import {pushToDataset} from '../importer/sinks/dataset/index.ts'
import {startLake} from '../lake/index.ts'
import {corpusOf} from './corpus-scale.ts'

const TOKEN = 'bench-token'
const repoRoot = path.resolve(import.meta.dirname, '..')

export interface PushRow {
  phase: 'fresh' | 'unchanged re-push'
  documents: number
  requests: number
  byKind: Record<string, number>
  mutationRequests: number
  bytesSent: number
  bytesReceived: number
  created: number
  unchanged: number
  assetsUploaded: number
  /** Query results the push read (its own count, JSON). */
  bytesRead: number
  /** The dataset's documents as JSON after the phase: what reading every copy would cost. */
  datasetBytes: number
}

/** A relay to `port` counting the bytes each way. */
async function countingRelay(port: number): Promise<{server: Server; port: number; counts: {sent: number; received: number}}> {
  const counts = {sent: 0, received: 0}
  const server = createServer((client) => {
    const upstream = connect(port, '127.0.0.1')
    client.on('data', (chunk: Buffer) => {
      counts.sent += chunk.length
    })
    upstream.on('data', (chunk: Buffer) => {
      counts.received += chunk.length
    })
    client.pipe(upstream).pipe(client)
    const close = (): void => {
      client.destroy()
      upstream.destroy()
    }
    client.on('error', close)
    upstream.on('error', close)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {server, port: (server.address() as AddressInfo).port, counts}
}

/**
 * @param n - how many generated reports
 * @returns the fresh push and the unchanged re-push
 */
export async function benchPushCost(n: number): Promise<PushRow[]> {
  const corpus = corpusOf(n)
  const data = mkdtempSync(path.join(tmpdir(), 'bench-lake-'))
  const lake = await startLake({port: 0, dir: data, token: TOKEN, tls: false, onDatasetOpen: () => undefined})
  const relay = await countingRelay(lake.port)
  try {
    const {documents} = await importFiles([corpus], {assetsDir: path.join(repoRoot, 'content'), cwd: corpus, jobs: 2})
    // Referenced documents first (authors, projects, then sections, then reports): the push sink
    // batches in the order it is given, and the lake refuses a batch whose strong references
    // point into a later one (dataset order puts authors and projects last: a push over 4 MB
    // fails today — reported to the push sink's owner).
    const rank = {project: 0, author: 0, section: 1, report: 2} as const
    const docs = [...documents].sort((a, b) => rank[a._type] - rank[b._type]) as unknown as SanityDocumentLike[]
    const env = {SANITY_API_HOST: `http://127.0.0.1:${relay.port}`, SANITY_LAKE_TOKEN: TOKEN, SANITY_PROJECT_ID: 'offline', SANITY_DATASET: 'production'}
    const rows: PushRow[] = []
    for (const phase of ['fresh', 'unchanged re-push'] as const) {
      const logFrom = lake.requestLog.length
      const sent = relay.counts.sent
      const received = relay.counts.received
      const summary = await pushToDataset(docs, {dryRun: false, force: false, isTTY: false, log: () => undefined, env})
      const byKind: Record<string, number> = {}
      for (const entry of lake.requestLog.slice(logFrom)) byKind[entry.kind] = (byKind[entry.kind] ?? 0) + 1
      rows.push({
        phase,
        documents: docs.length,
        requests: lake.requestLog.length - logFrom,
        byKind,
        mutationRequests: byKind.mutate ?? 0,
        bytesSent: relay.counts.sent - sent,
        bytesReceived: relay.counts.received - received,
        created: summary.created,
        unchanged: summary.unchanged,
        assetsUploaded: summary.assetsUploaded,
        bytesRead: summary.bytesRead,
        datasetBytes: lake.store.dataset('production').all().reduce((sum, doc) => sum + Buffer.byteLength(JSON.stringify(doc)), 0),
      })
    }
    return rows
  } finally {
    await new Promise((resolve) => relay.server.close(resolve))
    await lake.close()
    rmSync(data, {recursive: true, force: true})
  }
}
