import {expect, it} from 'vitest'
import type {SanityClient} from '@sanity/client'
import {useTestLake} from './setup'

let client: SanityClient

useTestLake('lake-actions-', (started) => ({client} = started))

it('edits a published document through its draft, then publishes, unpublishes and deletes', async () => {
  await client.create({_id: 'doc', _type: 'page', title: 'One'})
  await client.action({
    actionType: 'sanity.action.document.edit',
    draftId: 'drafts.doc',
    publishedId: 'doc',
    patch: {set: {title: 'Two'}},
  })
  expect(await client.getDocument('drafts.doc')).toMatchObject({title: 'Two'})
  expect(await client.getDocument('doc')).toMatchObject({title: 'One'})

  const draft = await client.getDocument('drafts.doc')
  await expect(
    client.action({
      actionType: 'sanity.action.document.publish',
      draftId: 'drafts.doc',
      publishedId: 'doc',
      ifDraftRevisionId: 'stale',
    }),
  ).rejects.toMatchObject({statusCode: 409})
  const published = await client.action({
    actionType: 'sanity.action.document.publish',
    draftId: 'drafts.doc',
    publishedId: 'doc',
    ifDraftRevisionId: draft!._rev,
  })
  expect(published.transactionId).toEqual(expect.any(String))
  expect(await client.getDocument('doc')).toMatchObject({title: 'Two', _rev: published.transactionId})
  expect(await client.getDocument('drafts.doc')).toBeUndefined()

  await client.action({actionType: 'sanity.action.document.unpublish', draftId: 'drafts.doc', publishedId: 'doc'})
  expect(await client.getDocuments(['doc', 'drafts.doc'])).toEqual([null, expect.objectContaining({title: 'Two'})])
  await client.action({actionType: 'sanity.action.document.discard', draftId: 'drafts.doc'})
  expect(await client.fetch('count(*[_type == "page"])', {}, {perspective: 'raw'})).toBe(0)
})

it('creates a draft and rejects actions it does not implement', async () => {
  await client.action({
    actionType: 'sanity.action.document.create',
    publishedId: 'fresh',
    attributes: {_id: 'drafts.fresh', _type: 'page', title: 'New'},
    ifExists: 'fail',
  })
  expect(await client.getDocument('drafts.fresh')).toMatchObject({title: 'New'})
  await expect(
    client.action({actionType: 'sanity.action.release.create', releaseId: 'r1'} as never),
  ).rejects.toMatchObject({statusCode: 400})
})
