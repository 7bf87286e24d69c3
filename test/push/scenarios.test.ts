/**
 * The push against the lake with real imports of a small report: an editor's paragraph and the
 * source's changes merged block by block, a conflict only where both changed the same block,
 * a renamed heading pruned, unusable images skipped with located warnings, and --json.
 */
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import type {SanityDocumentLike} from 'sanity'
import {afterEach, describe, expect, it} from 'vitest'
import {importFiles} from '../../importer/import-files.ts'
import {runCli} from '../../importer/main.ts'
import {pushToDataset, type PushOptions} from '../../importer/sinks/dataset/index.ts'
import {lakeClient, lakeEnv, startTestLake, tempDir, writePng} from './helpers.ts'

let cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
  cleanups = []
})

const FIRST = 'Paragraph one alpha about the foundation.'
const SECOND = 'Paragraph two beta about the projects.'
const THIRD = 'Paragraph three gamma about the community.'

function report(options: {first?: string; third?: string; secondHeading?: string; images?: string} = {}): string {
  return [
    '---',
    'title: 2030 Annual Report',
    'year: 2030',
    '---',
    '#### **First Section**',
    '',
    '***Jane Roe, Editor***',
    '',
    options.first ?? FIRST,
    '',
    SECOND,
    '',
    options.third ?? THIRD,
    '',
    `#### **${options.secondHeading ?? 'Second Section'}**`,
    '',
    'Some text in the second section.',
    '',
    '![Logo](/img/logo.png "A logo")',
    '',
    options.images ?? '',
  ].join('\n')
}

async function setup() {
  const {dir, remove} = tempDir('push-scenario-')
  cleanups.push(remove)
  mkdirSync(path.join(dir, 'img'))
  writePng(path.join(dir, 'img'), 'logo.png', [10, 20, 30])
  const {lake, stop} = await startTestLake()
  cleanups.push(stop)
  const file = path.join(dir, 'report-2030.md')
  const load = async (markdown: string) => {
    writeFileSync(file, markdown)
    return importFiles([file], {assetsDir: dir, cwd: dir})
  }
  const lines: string[] = []
  const push = async (markdown: string, extra: Partial<PushOptions> = {}) => {
    const {documents} = await load(markdown)
    return pushToDataset(documents as unknown as SanityDocumentLike[], {
      dryRun: false,
      force: false,
      isTTY: false,
      log: (line) => lines.push(line),
      env: lakeEnv(lake.url),
      cwd: dir,
      ...extra,
    })
  }
  return {dir, lake, client: lakeClient(lake.url), load, push, lines}
}

type Block = {_key: string; children?: {text: string}[]}
const texts = (doc: SanityDocumentLike | undefined): string[] =>
  ((doc?.body as Block[] | undefined) ?? []).map((block) => (block.children ?? []).map((child) => child.text).join(''))

describe('block-level three-way merge', () => {
  it("keeps an editor's paragraph and applies the source's change to another; the same paragraph on both sides is one conflict", async () => {
    const {client, push} = await setup()
    await push(report())
    const id = 'section-2030-first-section'
    const before = await client.getDocument(id)
    const firstKey = (before?.body as Block[])[0]?._key as string
    // The editor rewrites the first paragraph and publishes; and fixes the author's role.
    await client.patch(id).set({[`body[_key=="${firstKey}"].children[0].text`]: 'The editor rewrote this.'}).commit()
    await client.patch('author-jane-roe').set({role: 'Chief Editor'}).commit()

    // The source changes a later paragraph of the same section.
    const merged = await push(report({third: 'The source changed the third paragraph.'}))
    expect(merged.conflicts).toEqual([])
    expect(merged.merged).toBe(1)
    expect(merged.byType.section).toMatchObject({merged: 1, conflict: 0})
    expect(texts(await client.getDocument(id))).toEqual(['The editor rewrote this.', SECOND, 'The source changed the third paragraph.'])
    expect((await client.getDocument('author-jane-roe'))?.role).toBe('Chief Editor')

    // Nothing changed since: nothing is written.
    const again = await push(report({third: 'The source changed the third paragraph.'}))
    expect(again).toMatchObject({mutationRequests: 0, conflicts: [], merged: 0})

    // Both change the first paragraph: one conflict, located, both texts; the editor's kept.
    const conflicting = await push(report({first: 'The source rewrote the first paragraph too.', third: 'The source changed the third paragraph.'}))
    expect(conflicting.conflicts).toHaveLength(1)
    const [conflict] = conflicting.conflicts
    expect(conflict?.id).toBe(id)
    expect(conflict?.blocks).toEqual([
      expect.objectContaining({
        at: expect.stringMatching(/^report-2030\.md:\d+$/),
        field: 'body',
        editor: 'The editor rewrote this.',
      }),
    ])
    expect(JSON.stringify(conflict?.blocks)).toContain('The source rewrote the first paragraph too.')
    expect(texts(await client.getDocument(id))[0]).toBe('The editor rewrote this.')

    // --force overwrites it with the source.
    const forced = await push(report({first: 'The source rewrote the first paragraph too.'}), {force: true})
    expect(forced.conflicts).toEqual([])
    expect(texts(await client.getDocument(id))).toEqual(['The source rewrote the first paragraph too.', SECOND, THIRD])
  })
})

describe('prune', () => {
  it('lists a renamed heading’s old section without --prune, deletes it with --prune, and changes nothing else', async () => {
    const {client, push, lines} = await setup()
    await push(report())
    const revs = async () =>
      new Map((await client.fetch<SanityDocumentLike[]>('*[!(_id in path("_.**"))]{_id, _rev}')).map((doc) => [doc._id, doc._rev]))
    const before = await revs()

    const renamed = report({secondHeading: 'Renamed Section'})
    const listed = await push(renamed)
    expect(listed.stale).toEqual([{id: 'section-2030-second-section', type: 'section', status: 'stale'}])
    expect(await client.getDocument('section-2030-second-section')).toBeDefined()
    expect(lines.some((line) => line.startsWith('stale section-2030-second-section'))).toBe(true)

    lines.length = 0
    const dry = await push(renamed, {prune: true, dryRun: true})
    expect(dry.mutationRequests).toBe(0)
    expect(lines).toContain('delete section-2030-second-section: no longer produced by its source')
    expect(lines.filter((line) => line.includes('section-2030-second-section'))).toHaveLength(1)

    const pruned = await push(renamed, {prune: true})
    expect(pruned).toMatchObject({pruned: 1, conflicts: []})
    expect(pruned.byType.section?.pruned).toBe(1)
    expect(await client.getDocument('section-2030-second-section')).toBeUndefined()
    expect(await client.getDocument('section-2030-renamed-section')).toBeDefined()
    const after = await revs()
    // The report (its section list) and the new section changed; nothing else.
    const changed = [...after].filter(([id, rev]) => before.get(id) !== rev).map(([id]) => id).sort()
    expect(changed).toEqual(['report-2030', 'section-2030-renamed-section'])
    expect([...before.keys()].filter((id) => !after.has(id))).toEqual(['section-2030-second-section'])
  })

  it('keeps a stale document an editor changed or another document references, and says why', async () => {
    const {client, push} = await setup()
    await push(report())
    await client.patch('section-2030-second-section').set({title: 'Edited by hand'}).commit()
    await client.create({_id: 'note-1', _type: 'note', about: {_type: 'reference', _ref: 'section-2030-first-section'}})
    const summary = await push(report({secondHeading: 'Renamed'}).replace('#### **First Section**', '#### **Opening**'), {prune: true})
    expect(summary.pruned).toBe(0)
    expect(summary.stale).toEqual([
      {id: 'section-2030-first-section', type: 'section', status: 'kept', reason: 'still referenced by note-1'},
      {id: 'section-2030-second-section', type: 'section', status: 'kept', reason: 'edited in the dataset since it was imported'},
    ])
    expect(await client.getDocument('section-2030-first-section')).toBeDefined()
  })
})

describe('unusable images', () => {
  it('warns at import with file:line, and the push completes without uploading them', async () => {
    const {dir, load, push, client} = await setup()
    writeFileSync(path.join(dir, 'img/empty.png'), '')
    writeFileSync(path.join(dir, 'img/random.png'), Buffer.from(Array.from({length: 256}, (_, i) => (i * 73 + 11) % 256)))
    writeFileSync(path.join(dir, 'img/evil.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    const markdown = report({images: '![Empty](/img/empty.png)\n\n![Noise](/img/random.png)\n\n![Evil](/img/evil.svg)\n'})
    const {diagnostics} = await load(markdown)
    const unusable = diagnostics.filter((d) => d.rule === 'unusable-image')
    expect(unusable.map((d) => `${d.file}:${d.line}`)).toEqual(['report-2030.md:21', 'report-2030.md:23', 'report-2030.md:25'])
    expect(unusable.map((d) => d.message)).toEqual([
      expect.stringMatching(/empty\.png" is empty/),
      expect.stringMatching(/random\.png" is not an image/),
      expect.stringMatching(/evil\.svg" is an SVG with script/),
    ])
    const summary = await push(markdown)
    expect(summary.created).toBeGreaterThan(0)
    expect(summary.assetsUploaded).toBe(1)
    expect(summary.skippedImages.map((image) => image.file)).toEqual(['/img/empty.png', '/img/random.png', '/img/evil.svg'])
    expect(summary.byType.section?.skippedImages).toBe(3)
    const section = await client.getDocument('section-2030-second-section')
    const figures = (section?.body as Record<string, unknown>[]).filter((block) => block._type === 'figure')
    expect(figures.map((figure) => [figure.src, figure.alt, figure.asset === undefined])).toEqual([
      ['/img/logo.png', 'Logo', false],
      ['/img/empty.png', 'Empty', true],
      ['/img/random.png', 'Noise', true],
      ['/img/evil.svg', 'Evil', true],
    ])
  })

  it('skips an image that became unusable after the import, and reports it', async () => {
    const {dir, load, lake} = await setup()
    const {documents} = await load(report())
    writeFileSync(path.join(dir, 'img/logo.png'), '')
    const summary = await pushToDataset(documents as unknown as SanityDocumentLike[], {
      dryRun: false, force: false, isTTY: false, log: () => {}, env: lakeEnv(lake.url),
    })
    expect(summary.skippedImages).toEqual([expect.objectContaining({id: 'section-2030-second-section', reason: 'is empty'})])
    expect(summary.byType.section?.skippedImages).toBe(1)
    expect(summary.created).toBe(documents.length)
  })
})

describe('--json', () => {
  it('prints the summary as JSON on stdout, everything else on stderr', async () => {
    const {dir, lake} = await setup()
    writeFileSync(path.join(dir, 'report-2030.md'), report())
    const stdout: string[] = []
    const stderr: string[] = []
    const code = await runCli(['report-2030.md', '--assets', '.', '--push', '--json'], {
      stdout: (line) => stdout.push(line),
      stderr: (line) => stderr.push(line),
      env: lakeEnv(lake.url),
      cwd: dir,
      isTTY: false,
    })
    expect(code).toBe(0)
    expect(stdout).toHaveLength(1)
    const summary = JSON.parse(stdout[0] as string)
    expect(summary).toMatchObject({created: 4, byType: {section: {created: 2}, report: {created: 1}, author: {created: 1}}})
    expect(stderr.some((line) => line.startsWith('pushed to dataset'))).toBe(true)
  })

  it('refuses --prune and --json without --push (usage error, exit 2)', async () => {
    for (const flag of ['--prune', '--json']) {
      const stderr: string[] = []
      const code = await runCli(['content', flag], {stdout: () => {}, stderr: (line) => stderr.push(line), env: {}, cwd: process.cwd(), isTTY: false})
      expect(code).toBe(2)
      expect(stderr[0]).toMatch(new RegExp(`${flag} only applies to --push`))
    }
  })
})
