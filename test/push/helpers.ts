/**
 * Shared pieces of the push tests: small documents in the content-model shape, generated PNG
 * files, a lake in a temporary folder, and clients for it.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {deflateSync, crc32} from 'node:zlib'
import {createClient, type SanityClient} from '@sanity/client'
import type {SanityDocumentLike} from 'sanity'
import {contentHash} from '../../importer/documents/content-hash.ts'
import type {PushOptions} from '../../importer/sinks/dataset/index.ts'
import {startLake, type Lake, type LakeOptions} from '../../lake/index.ts'

export const TOKEN = 'push-test-token-5f2c9a'

/** A temporary folder removed by the returned function. */
export function tempDir(prefix: string): {dir: string; remove: () => void} {
  const dir = mkdtempSync(path.join(tmpdir(), prefix))
  return {dir, remove: () => rmSync(dir, {recursive: true, force: true})}
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/**
 * Writes a valid RGB PNG of one colour; different colours give different bytes (and sha1).
 * @returns its absolute path
 */
export function writePng(dir: string, name: string, rgb: [number, number, number], size = 2): string {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array(size).fill(rgb).flat())])
  const pixels = Buffer.concat(Array(size).fill(row))
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ])
  const file = path.join(dir, name)
  writeFileSync(file, png)
  return file
}

let keyCounter = 0
const key = (): string => (keyCounter++).toString(16).padStart(12, '0')

function block(text: string): Record<string, unknown> {
  return {
    _type: 'block',
    _key: key(),
    style: 'normal',
    markDefs: [],
    children: [{_type: 'span', _key: key(), text, marks: []}],
  }
}

function image(type: string, file: string | undefined, src: string): Record<string, unknown> {
  return {_type: type, src, ...(file ? {_sanityAsset: `image@${pathToFileURL(file).href}`} : {})}
}

/** Stamps `importInfo` as the importer does. */
export function stamp<T extends SanityDocumentLike>(document: T, source = 'reports/test.md'): T {
  const withoutInfo = {...document}
  delete withoutInfo.importInfo
  return {...withoutInfo, importInfo: {_type: 'importInfo', source, contentHash: contentHash(withoutInfo)}}
}

export interface DocSetOptions {
  year?: number
  /** Image files: the first is the hero and also used in a section (same file twice). */
  images: string[]
  sections?: number
  /** Paragraphs per section body (to make documents big). */
  paragraphs?: number
}

/**
 * A small report in the content-model shape: report, sections, an author and a project, with
 * image objects at several depths (hero figure, body figure, inline image, project logo).
 */
export function makeDocuments(options: DocSetOptions): SanityDocumentLike[] {
  const year = options.year ?? 2099
  const [hero, logo, ...others] = options.images
  const sectionCount = options.sections ?? 3
  const author = stamp({_id: 'author-jane-doe', _type: 'author', name: 'Jane Doe', slug: {_type: 'slug', current: 'jane-doe'}, role: 'Editor'})
  const project = stamp({
    _id: 'project-airship',
    _type: 'project',
    name: 'Airship',
    slug: {_type: 'slug', current: 'airship'},
    website: 'https://example.org/airship',
    ...(logo ? {logo: {...image('imageWithAlt', logo, '/img/airship.png'), alt: 'Airship Logo'}} : {}),
  })
  const sections = Array.from({length: sectionCount}, (_, index) => {
    const body: Record<string, unknown>[] = [block(`Section ${index + 1} opens here.`)]
    for (let p = 0; p < (options.paragraphs ?? 1); p++) body.push(block(`Paragraph ${p} of section ${index + 1}. `.repeat(20)))
    if (index === 0 && hero) body.push({...image('figure', hero, '/img/hero.png'), _key: key(), alt: 'Hero again'})
    const other = others[index % Math.max(1, others.length)]
    if (other) {
      const inline = {...image('inlineImage', other, `/img/other-${index}.png`), _key: key()}
      body.push({...block('An inline image: '), children: [{_type: 'span', _key: key(), text: 'see ', marks: []}, inline]})
    }
    return stamp({
      _id: `section-${year}-part-${index + 1}`,
      _type: 'section',
      title: `Part ${index + 1}`,
      slug: {_type: 'slug', current: `part-${index + 1}`},
      level: 2,
      authors: [{_type: 'reference', _ref: author._id, _key: key()}],
      projects: [{_type: 'reference', _ref: project._id, _key: key()}],
      body,
    })
  })
  const report = stamp({
    _id: `report-${year}`,
    _type: 'report',
    title: `Annual Report ${year}`,
    year,
    slug: {_type: 'slug', current: String(year)},
    ...(hero ? {heroImage: {...image('figure', hero, '/img/hero.png'), alt: 'Hero'}} : {}),
    intro: [block('Welcome.')],
    sections: sections.map((section) => ({_type: 'reference', _ref: section._id, _key: key()})),
  })
  return [author, project, ...sections, report]
}

/** A lake on a free port in its own folder; `stop` closes it and removes the folder. */
export async function startTestLake(
  options: Omit<LakeOptions, 'port' | 'dir' | 'token'> = {},
): Promise<{lake: Lake; dir: string; stop: () => Promise<void>}> {
  const {dir, remove} = tempDir('push-lake-')
  const lake = await startLake({port: 0, dir, token: TOKEN, ...options})
  return {
    lake,
    dir,
    stop: async () => {
      await lake.close()
      remove()
    },
  }
}

/** A client for a lake, configured as the push configures its own (no client retries). */
export function lakeClient(url: string, token: string | undefined = TOKEN): SanityClient {
  return createClient({
    projectId: 'offline',
    dataset: 'production',
    apiVersion: '2025-02-19',
    apiHost: url,
    useProjectHostname: false,
    useCdn: false,
    maxRetries: 0,
    ...(token ? {token} : {}),
  })
}

/** Environment for a push to a lake at `url`. */
export function lakeEnv(url: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    SANITY_API_HOST: url,
    // Offline, the lake's own token: SANITY_API_TOKEN is a real project's and never sent to it.
    SANITY_LAKE_TOKEN: TOKEN,
    SANITY_PROJECT_ID: 'offline',
    SANITY_DATASET: 'production',
    SANITY_PUSH_RETRY_BASE_MS: '20',
    ...extra,
  }
}

/** Options of a quiet, non-interactive push to a lake at `url`. */
export function pushOptions(url: string, extra: Partial<PushOptions> = {}): PushOptions {
  return {dryRun: false, force: false, isTTY: false, log: () => {}, env: lakeEnv(url), ...extra}
}

/** Counts of the lake's logged requests by kind (all statuses). */
export function countKinds(log: {kind: string}[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const entry of log) counts[entry.kind] = (counts[entry.kind] ?? 0) + 1
  return counts
}

/**
 * The error a promise rejects with; fails the test when it resolves.
 * @param promise - expected to reject
 * @returns the error
 */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    if (error instanceof Error) return error
    throw new Error(`rejected with a non-Error: ${String(error)}`)
  }
  throw new Error('expected the push to fail, but it succeeded')
}
