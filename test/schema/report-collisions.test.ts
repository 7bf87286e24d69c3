/**
 * Reports that collide across drafts: another report (draft or published) with the same slug is
 * an error, with the same year a warning; either way on both documents, naming the other. A
 * report's own draft and published version never collide; release versions do not count.
 */
import type {SanityDocument, ValidationMarker} from 'sanity'
import {describe, expect, test} from 'vitest'
import {validate} from '../helpers/schema-workspace.ts'
import {report} from './fixtures.ts'

const as = (doc: SanityDocument, _id: string, title: string, slug: string): SanityDocument => ({...doc, _id, title, slug: {_type: 'slug', current: slug}})
const collisions = (markers: ValidationMarker[]) =>
  markers.filter((marker) => marker.code?.startsWith('custom.report-')).map((marker) => [marker.level, marker.path.join('.'), marker.message])

describe('reports colliding across drafts', () => {
  const a = as(report(2040), 'drafts.report-a', 'Report A', 'shared')
  const b = as(report(2040), 'drafts.report-b', 'Report B', 'shared')

  test('two drafts with one slug and one year: an error and a warning on each, naming the other', async () => {
    expect(collisions(await validate(a, [b]))).toEqual([
      ['warning', 'year', '"Report B" (report-b, draft) also has the year 2040'],
      ['error', 'slug', '"Report B" (report-b, draft) already uses the slug "shared"'],
    ])
    expect(collisions(await validate(b, [a]))).toEqual([
      ['warning', 'year', '"Report A" (report-a, draft) also has the year 2040'],
      ['error', 'slug', '"Report A" (report-a, draft) already uses the slug "shared"'],
    ])
  })

  test('a published report counts; its draft is named for it; several are all named', async () => {
    const published = as(report(2040), 'report-c', 'Report C', 'other')
    const itsDraft = as(report(2040), 'drafts.report-c', 'Report C (edited)', 'other')
    const markers = collisions(await validate(as(report(2040), 'drafts.report-a', 'Report A', 'own'), [published, itsDraft, b]))
    expect(markers).toEqual([['warning', 'year', '"Report B" (report-b, draft) and "Report C (edited)" (report-c, draft) also have the year 2040']])
  })

  test('a report’s own draft and published version, and release versions, are no collision', async () => {
    const published = as(report(2040), 'report-a', 'Report A', 'shared')
    const release = as(report(2040), 'versions.spring.report-x', 'In a release', 'shared')
    expect(collisions(await validate(a, [published, release]))).toEqual([])
  })
})
