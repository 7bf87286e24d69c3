/**
 * A report prepared where it was converted (from its own registry) and finished by the main
 * thread with the whole import must give exactly `assembleReport`'s lines — also for the
 * sections whose decisions change once the other years are known (an author's newer role, a
 * title naming another year's project).
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {assembleReport, datasetContext, references, sectionFinish} from '../../importer/documents/dataset.ts'
import type {DatasetContext, ReportEntry} from '../../importer/documents/dataset.ts'
import type {AuthorDocument, ReportDocument, SectionDocument} from '../../importer/documents/types.ts'
import {finishPreparedReport, prepareReport} from '../../importer/documents/prepared-report.ts'
import {SharedRegistry} from '../../importer/documents/registry.ts'
import {convertReport} from '../../importer/documents/report.ts'
import {openInfraProfile} from '../../importer/profile/openinfra.ts'
import {toNdjson} from '../../importer/sinks/ndjson.ts'

const repoRoot = path.resolve(import.meta.dirname, '../..')
const family = path.join(repoRoot, 'test/fixtures/multi-year')

/**
 * A later year whose titles name projects earlier years introduced: one section names two of
 * them, another one of them and the only project this year's intro shows.
 */
const LOOKING_BACK = {
  name: 'pebble-2023.md',
  text: [
    '---\ntitle: Pebble Foundation Yearbook 2023\nyear: 2023\n---\n',
    '<div class="logo"><a href="https://widget.pebble.example"><img src="/img/project-logos/widget.svg" alt="Widget Logo"/></a></div>\n',
    '### Looking back at Gadget and Sprocket\n\nBoth grew.\n',
    '### Gadget and Widget together\n\nThey merged.\n',
    '### Members\n\nMore of them.\n',
  ].join('\n'),
}

interface Input {
  name: string
  text: string
}

const read = (file: string): Input => ({name: path.basename(file), text: readFileSync(file, 'utf8')})

/** Each report converted with its own registry (as a worker does), plus the whole import's registry. */
function convertFamily(inputs: Input[]) {
  const whole = new SharedRegistry()
  const converted = inputs.map(({name, text}) => {
    const registry = new SharedRegistry()
    const {report, sections} = convertReport(text, {file: name, profile: openInfraProfile, registry})
    whole.absorb(registry.state())
    const entry: ReportEntry = {report, sections, source: name}
    return {entry, prepared: prepareReport(structuredClone(entry), datasetContext(registry)), local: datasetContext(registry)}
  })
  return {converted, context: datasetContext(whole)}
}

/** The finished lines as text. */
const finishedText = (prepared: Uint8Array, context: DatasetContext): string => Buffer.concat(finishPreparedReport(prepared, context)).toString('utf8')

describe('prepared reports', () => {
  const sample = read(path.join(repoRoot, '../shared/content/annual-report-2022.md'))
  const files = [
    ...readdirSync(family).filter((name) => name.endsWith('.md')).sort().map((name) => read(path.join(family, name))),
    LOOKING_BACK,
    sample,
  ]

  test('finish into the same lines as assembleReport, for every year', () => {
    const {converted, context} = convertFamily(files)
    for (const {entry, prepared} of converted) {
      expect(finishedText(prepared, context)).toBe(toNdjson(assembleReport(entry, context)))
    }
  })

  test('the family has sections whose decisions change with the other years, and those are redone', () => {
    const {converted, context} = convertFamily(files)
    const changed = converted.flatMap(({entry, local}) =>
      entry.sections.filter((section) => JSON.stringify(sectionFinish(section, local)) !== JSON.stringify(sectionFinish(section, context))))
    // Bylines printed with an older role, titles naming a project another year introduced.
    expect(changed.length).toBeGreaterThan(0)
    const kinds = new Set(changed.flatMap((section) => {
      const local = converted.find(({entry}) => entry.sections.includes(section))!.local
      const before = sectionFinish(section, local)
      const after = sectionFinish(section, context)
      return [before.keepByline !== after.keepByline ? 'byline' : '', before.projects.join() !== after.projects.join() ? 'projects' : ''].filter(Boolean)
    }))
    expect([...kinds].sort()).toEqual(['byline', 'projects'])
  })

  test('a report prepared alone is already finished', () => {
    const {converted, context} = convertFamily([sample])
    const {prepared} = converted[0]!
    // Every chunk is a view of the prepared bytes: nothing was decoded or re-encoded.
    const chunks = finishPreparedReport(prepared, context)
    expect(chunks.every((chunk) => chunk.buffer === prepared.buffer)).toBe(true)
    const bytes = Buffer.from(prepared)
    expect(Buffer.concat(chunks).toString('utf8')).toBe(bytes.subarray(bytes.indexOf('\n') + 1).toString('utf8'))
  })

  test('the prepared bytes own their ArrayBuffer whole, so a worker can transfer them', () => {
    // Buffers of small strings share Node's pool: transferring one would detach the pool.
    for (const {prepared} of convertFamily(files).converted) {
      expect(prepared.byteOffset).toBe(0)
      expect(prepared.buffer.byteLength).toBe(prepared.byteLength)
    }
  })

  test('a section rebuilt from its line keeps its own projects, byline and heading depth', () => {
    const section: SectionDocument = {
      _id: 'section-2023-t', _type: 'section', title: 'T', slug: {_type: 'slug', current: 't'}, level: 1, byline: 'Ann',
      authors: references(['author-ann']), projects: references(['project-own']),
      importInfo: {_type: 'importInfo', source: 'r.md', headingDepth: 3, contentHash: ''},
    }
    const report = {_id: 'report-2023', _type: 'report', title: 'R', year: 2023, slug: {_type: 'slug', current: '2023'}, sections: []} as unknown as ReportDocument
    const entry: ReportEntry = {report, sections: [section], source: 'r.md'}
    const context = (named: string[], author: Partial<AuthorDocument>): DatasetContext =>
      ({shared: [], authors: new Map([['author-ann', {_id: 'author-ann', _type: 'author', name: 'Ann', ...author} as AuthorDocument]]), namedIn: () => named})
    // Alone, the title names a project of this report and the byline is derivable; with every
    // year, it names another one first and Ann's newer role makes the printed byline differ.
    const local = context(['project-local'], {})
    const whole = context(['project-other', 'project-local'], {role: 'Chair'})
    const prepared = prepareReport(structuredClone(entry), local)
    const finished = finishedText(prepared, whole)
    expect(finished).toBe(toNdjson(assembleReport(entry, whole)))
    const line = JSON.parse(finished.split('\n')[1]!) as SectionDocument
    expect(line.projects?.map((ref) => ref._ref)).toEqual(['project-own', 'project-other', 'project-local'])
    expect(line.byline).toBe('Ann')
    expect(line.importInfo?.headingDepth).toBe(3)
  })
})
