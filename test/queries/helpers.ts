import {existsSync} from 'node:fs'
import path from 'node:path'
import {importFiles} from '../../importer/index.ts'
import type {StoredDocument} from '../../queries/run-local.ts'

export const repoRoot = path.resolve(import.meta.dirname, '../..')

/** The multi-year fixture: the sample and the multi-year family (2019–2021) written for these tests. */
export function multiYearInputs(): string[] {
  const inputs = ['content', 'test/fixtures/multi-year']
  return inputs.filter((input) => existsSync(path.join(repoRoot, input)))
}

/** Imports the multi-year fixture in memory (no assets folder: images keep their `src`). */
export async function multiYearDocuments(): Promise<StoredDocument[]> {
  const {documents} = await importFiles(multiYearInputs(), {cwd: repoRoot})
  return documents as unknown as StoredDocument[]
}

type Ref = {_ref: string}

/** Small views of a dataset that tests compute their expectations from. */
export function datasetFacts(documents: readonly StoredDocument[]) {
  const byId = new Map(documents.map((document) => [document._id, document]))
  const ofType = (type: string) => documents.filter((document) => document._type === type)
  const reports = ofType('report') as Array<StoredDocument & {year: number; sections: Ref[]}>
  const yearOf = new Map<string, number>()
  for (const report of reports) for (const ref of report.sections) yearOf.set(ref._ref, report.year)
  const sections = ofType('section') as Array<StoredDocument & {title: string; slug: {current: string}; level: number; projects?: Ref[]; authors?: Ref[]}>
  return {
    byId,
    reports,
    sections,
    projects: ofType('project') as Array<StoredDocument & {name: string; slug: {current: string}}>,
    authors: ofType('author') as Array<StoredDocument & {name: string; slug: {current: string}}>,
    yearOf: (sectionId: string) => yearOf.get(sectionId),
    /** Sections whose `field` references `id`. */
    referencing: (field: 'projects' | 'authors', id: string) => sections.filter((section) => (section[field] ?? []).some((ref) => ref._ref === id)),
  }
}
