/**
 * The Actions API as the pinned Studio uses it: every `sanity.action.document.*` type found in the
 * installed `sanity` package is carried out by the lake the way Sanity's Actions API reference
 * describes it (checked on the lake's documents afterwards), or, for the beta variant actions the
 * Studio only sends with `beta.variants.enabled`, declined with a clear 400.
 */
import fs from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import type {SanityClient} from '@sanity/client'
import {repoRoot, useTestLake} from './setup.ts'

let client: SanityClient

useTestLake('lake-actions-', (started) => ({client} = started))

/** The action types the installed Studio's code can send (its built modules, not our code). */
function studioActionTypes(): string[] {
  const lib = path.join(repoRoot, 'node_modules/sanity/lib')
  const found = new Set<string>()
  for (const file of fs.readdirSync(lib).filter((name) => name.endsWith('.js'))) {
    for (const match of fs.readFileSync(path.join(lib, file), 'utf8').matchAll(/"(sanity\.action\.document\.[A-Za-z.]+)"/g)) found.add(match[1] ?? '')
  }
  return [...found].sort()
}

const act = (...actions: object[]) => client.action(actions as never)
const docs = (...ids: string[]) => client.getDocuments(ids)
const raw = <T>(query: string, params: Record<string, unknown> = {}) => client.fetch<T>(query, params, {perspective: 'raw'})
let serial = 0
/** A fresh published id per scenario, so scenarios do not see each other's documents. */
const fresh = (name: string) => `${name}-${(serial += 1)}`

/** What each action must do, as Sanity documents it; keyed by action type. */
const scenarios: Record<string, () => Promise<void>> = {
  'sanity.action.document.create': async () => {
    const id = fresh('create')
    await act({actionType: 'sanity.action.document.create', publishedId: id, attributes: {_id: `drafts.${id}`, _type: 'page', title: 'New'}, ifExists: 'fail'})
    expect(await docs(id, `drafts.${id}`)).toEqual([null, expect.objectContaining({title: 'New'})])
    await act({actionType: 'sanity.action.document.create', publishedId: id, attributes: {_id: `drafts.${id}`, _type: 'page', title: 'Again'}, ifExists: 'ignore'})
    expect((await docs(`drafts.${id}`))[0]).toMatchObject({title: 'New'})
    await expect(act({actionType: 'sanity.action.document.create', publishedId: id, attributes: {_id: `drafts.${id}`, _type: 'page'}, ifExists: 'fail'})).rejects.toMatchObject({statusCode: 409})
    // "The published version of the document must not already exist."
    const published = fresh('published')
    await client.create({_id: published, _type: 'page'})
    await expect(act({actionType: 'sanity.action.document.create', publishedId: published, attributes: {_id: `drafts.${published}`, _type: 'page'}, ifExists: 'fail'})).rejects.toMatchObject({statusCode: 409})
    // The version id must belong to the published id.
    await expect(act({actionType: 'sanity.action.document.create', publishedId: id, attributes: {_id: 'drafts.other', _type: 'page'}, ifExists: 'fail'})).rejects.toMatchObject({statusCode: 400})
  },
  'sanity.action.document.replaceDraft': async () => {
    const id = fresh('replace')
    await client.create({_id: id, _type: 'page', title: 'Published', keep: 'no'})
    await act({actionType: 'sanity.action.document.replaceDraft', publishedId: id, attributes: {_id: `drafts.${id}`, _type: 'page', title: 'Replaced'}})
    expect((await docs(`drafts.${id}`))[0]).toEqual(expect.objectContaining({title: 'Replaced'}))
    expect((await docs(`drafts.${id}`))[0]).not.toHaveProperty('keep')
    await expect(act({actionType: 'sanity.action.document.replaceDraft', publishedId: fresh('none'), attributes: {_type: 'page'}})).rejects.toMatchObject({statusCode: 409})
  },
  'sanity.action.document.edit': async () => {
    const id = fresh('edit')
    await client.create({_id: id, _type: 'page', title: 'One', body: 'kept'})
    await act({actionType: 'sanity.action.document.edit', draftId: `drafts.${id}`, publishedId: id, patch: {set: {title: 'Two'}}})
    expect(await docs(id, `drafts.${id}`)).toEqual([expect.objectContaining({title: 'One'}), expect.objectContaining({title: 'Two', body: 'kept'})])
    await expect(act({actionType: 'sanity.action.document.edit', draftId: 'drafts.nothing-here', publishedId: 'nothing-here', patch: {set: {title: 'x'}}})).rejects.toMatchObject({statusCode: 409})
  },
  'sanity.action.document.publish': async () => {
    const id = fresh('publish')
    const target = fresh('target')
    await client.create({_id: id, _type: 'page', title: 'One'})
    await client.create({_id: `drafts.${target}`, _type: 'page'})
    await client.create({_id: `drafts.${id}`, _type: 'page', title: 'Two', link: {_type: 'reference', _ref: target, _weak: true, _strengthenOnPublish: {type: 'page'}}})
    const draft = (await docs(`drafts.${id}`))[0]
    await expect(act({actionType: 'sanity.action.document.publish', draftId: `drafts.${id}`, publishedId: id, ifDraftRevisionId: 'stale'})).rejects.toMatchObject({statusCode: 409})
    // The reference's target is published in the same request, before the document that needs it strong.
    const result = await act(
      {actionType: 'sanity.action.document.publish', draftId: `drafts.${target}`, publishedId: target},
      {actionType: 'sanity.action.document.publish', draftId: `drafts.${id}`, publishedId: id, ifDraftRevisionId: draft?._rev},
    )
    const [published, gone] = await docs(id, `drafts.${id}`)
    expect(published).toMatchObject({title: 'Two', _rev: result.transactionId, link: {_ref: target}})
    expect(published?.link).toEqual({_type: 'reference', _ref: target})
    expect(gone).toBeNull()
  },
  'sanity.action.document.unpublish': async () => {
    const id = fresh('unpublish')
    await client.create({_id: id, _type: 'page', title: 'Live'})
    await act({actionType: 'sanity.action.document.unpublish', draftId: `drafts.${id}`, publishedId: id})
    expect(await docs(id, `drafts.${id}`)).toEqual([null, expect.objectContaining({title: 'Live'})])
    await expect(act({actionType: 'sanity.action.document.unpublish', draftId: `drafts.${id}`, publishedId: id})).rejects.toMatchObject({statusCode: 409})
  },
  'sanity.action.document.discard': async () => {
    const id = fresh('discard')
    await client.create({_id: `drafts.${id}`, _type: 'page'})
    await act({actionType: 'sanity.action.document.discard', draftId: `drafts.${id}`})
    expect(await docs(`drafts.${id}`)).toEqual([null])
    await expect(act({actionType: 'sanity.action.document.discard', draftId: `drafts.${id}`})).rejects.toMatchObject({statusCode: 409})
  },
  'sanity.action.document.delete': async () => {
    const id = fresh('delete')
    await client.create({_id: id, _type: 'page'})
    await client.create({_id: `drafts.${id}`, _type: 'page'})
    // "If any draft version exists that is not specified for deletion this is an error."
    await expect(act({actionType: 'sanity.action.document.delete', publishedId: id, includeDrafts: []})).rejects.toMatchObject({statusCode: 409})
    expect((await docs(id, `drafts.${id}`)).filter(Boolean)).toHaveLength(2)
    await act({actionType: 'sanity.action.document.delete', publishedId: id, includeDrafts: [`drafts.${id}`]})
    expect(await docs(id, `drafts.${id}`)).toEqual([null, null])
  },
  'sanity.action.document.version.create': async () => {
    const id = fresh('version')
    await client.create({_id: id, _type: 'page', title: 'Base'})
    await act({actionType: 'sanity.action.document.version.create', publishedId: id, baseId: id, versionId: `versions.spring.${id}`})
    await act({actionType: 'sanity.action.document.version.create', publishedId: id, document: {_id: `drafts.${id}`, _type: 'page', title: 'Draft'}})
    expect(await docs(`versions.spring.${id}`, `drafts.${id}`)).toEqual([expect.objectContaining({title: 'Base'}), expect.objectContaining({title: 'Draft'})])
    await expect(act({actionType: 'sanity.action.document.version.create', publishedId: id, document: {_id: `drafts.${id}`, _type: 'page'}})).rejects.toMatchObject({statusCode: 409})
    await expect(act({actionType: 'sanity.action.document.version.create', publishedId: id, baseId: id, versionId: `versions.fall.${id}`, ifBaseRevisionId: 'stale'})).rejects.toMatchObject({statusCode: 409})
  },
  'sanity.action.document.version.discard': async () => {
    // The Studio deletes a never-published draft this way (its versions, looked up in the raw perspective).
    const id = fresh('never-published')
    await client.create({_id: `drafts.${id}`, _type: 'page'})
    await act({actionType: 'sanity.action.document.version.discard', versionId: `drafts.${id}`})
    expect(await raw<number>('count(*[_id match $id + "*" || _id == "drafts." + $id])', {id})).toBe(0)
    await expect(act({actionType: 'sanity.action.document.version.discard', versionId: `drafts.${id}`})).rejects.toMatchObject({statusCode: 409})
    await expect(act({actionType: 'sanity.action.document.version.discard', versionId: id})).rejects.toMatchObject({statusCode: 400})
  },
  'sanity.action.document.version.replace': async () => {
    const id = fresh('version-replace')
    await client.create({_id: `versions.spring.${id}`, _type: 'page', title: 'Old', extra: 1})
    await act({actionType: 'sanity.action.document.version.replace', document: {_id: `versions.spring.${id}`, _type: 'page', title: 'New'}})
    const [version] = await docs(`versions.spring.${id}`)
    expect(version).toMatchObject({title: 'New'})
    expect(version).not.toHaveProperty('extra')
    await expect(act({actionType: 'sanity.action.document.version.replace', document: {_id: `versions.spring.${fresh('none')}`, _type: 'page'}})).rejects.toMatchObject({statusCode: 409})
  },
  'sanity.action.document.version.unpublish': async () => {
    const id = fresh('version-unpublish')
    await client.create({_id: id, _type: 'page', title: 'Live'})
    await act({actionType: 'sanity.action.document.version.unpublish', versionId: `versions.spring.${id}`, publishedId: id})
    // Published until the release is published; the version says it will unpublish.
    expect(await docs(id, `versions.spring.${id}`)).toEqual([expect.objectContaining({title: 'Live'}), expect.objectContaining({_system: {delete: true}})])
    await expect(act({actionType: 'sanity.action.document.version.unpublish', versionId: `drafts.${id}`, publishedId: id})).rejects.toMatchObject({statusCode: 400})
  },
}

/** Variant actions: sent only for documents of a variant, a beta feature this Studio leaves off. */
const BETA_VARIANT_ACTION = /^sanity\.action\.document\.variant\./

describe('every document action the installed Studio can send', () => {
  const types = studioActionTypes()

  it('finds the Studio’s action types in the installed sanity package', () => {
    expect(types).toEqual(expect.arrayContaining(['sanity.action.document.publish', 'sanity.action.document.version.discard']))
    const uncovered = types.filter((type) => !scenarios[type] && !BETA_VARIANT_ACTION.test(type))
    expect(uncovered, 'action types the Studio can send with no scenario here').toEqual([])
  })

  for (const type of types.filter((name) => !BETA_VARIANT_ACTION.test(name))) {
    it(`${type} does what Sanity documents`, async () => {
      await scenarios[type]?.()
    })
  }

  it('declines the beta variant actions with a 400 that names them, and the Studio does not switch variants on', async () => {
    const config = fs.readFileSync(path.join(repoRoot, 'studio/sanity.config.ts'), 'utf8')
    expect(config).not.toMatch(/variants/)
    for (const type of types.filter((name) => BETA_VARIANT_ACTION.test(name))) {
      await expect(act({actionType: type, publishedId: 'x', variantId: 'v'}), type).rejects.toMatchObject({
        statusCode: 400,
        response: {body: {error: expect.objectContaining({description: expect.stringContaining(type)})}},
      })
    }
  })
})

it('restores a deleted document as the Studio does: create and replaceDraft in one request', async () => {
  const id = fresh('restored')
  await act(
    {actionType: 'sanity.action.document.create', publishedId: id, attributes: {_id: `drafts.${id}`, _type: 'page', title: 'Old'}, ifExists: 'fail'},
    {actionType: 'sanity.action.document.replaceDraft', publishedId: id, attributes: {_id: `drafts.${id}`, _type: 'page', title: 'Restored'}},
  )
  expect((await docs(`drafts.${id}`))[0]).toMatchObject({title: 'Restored'})
})

it('commits a request all or nothing: a failing action leaves the earlier ones undone', async () => {
  const id = fresh('atomic')
  await client.create({_id: `drafts.${id}`, _type: 'page'})
  await expect(
    act({actionType: 'sanity.action.document.version.discard', versionId: `drafts.${id}`}, {actionType: 'sanity.action.document.discard', draftId: `drafts.${fresh('missing')}`}),
  ).rejects.toMatchObject({statusCode: 409})
  expect((await docs(`drafts.${id}`))[0]).not.toBeNull()
})
