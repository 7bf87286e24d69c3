import fs from 'node:fs'
import path from 'node:path'
import {sanityImport} from '@sanity/import'
import {expect, it} from 'vitest'
import type {Lake} from '../../lake/index.ts'
import {TOKEN, clientFor, sharedImages, useTestLake} from './setup.ts'

let lake: Lake
let dir: string

useTestLake('lake-import-', (started) => ({lake, dir} = started))

it('@sanity/import imports NDJSON with an image asset and a reference into the lake', async () => {
  const image = fs.readdirSync(sharedImages).map((name) => path.join(sharedImages, name)).find((file) => file.endsWith('.png'))!
  const ndjson = [
    {_id: 'author-a', _type: 'author', name: 'A'},
    {
      _id: 'post-a',
      _type: 'post',
      title: 'Imported',
      author: {_type: 'reference', _ref: 'author-a'},
      cover: {_type: 'image', _sanityAsset: `image@file://${image}`},
    },
  ]
    .map((doc) => JSON.stringify(doc))
    .join('\n')
  const file = path.join(dir, 'input.ndjson')
  fs.writeFileSync(file, `${ndjson}\n`)

  const client = clientFor(lake.url, TOKEN, 'imported')
  // As with `sanity dataset import` into a new dataset: it is created first (writes never create one).
  await client.datasets.create('imported')
  const result = await sanityImport(fs.createReadStream(file), {client, operation: 'createOrReplace'})
  expect(result.numDocs).toBe(2)

  const post = await client.getDocument('post-a')
  expect(post?.author).toEqual({_type: 'reference', _ref: 'author-a'}) // strengthened again
  const assetId = (post?.cover as {asset: {_ref: string}}).asset._ref
  expect(assetId).toMatch(/^image-[a-f0-9]{40}-\d+x\d+-png$/)
  expect(await client.getDocument(assetId)).toMatchObject({_type: 'sanity.imageAsset', extension: 'png'})
  await expect(client.delete('author-a')).rejects.toMatchObject({statusCode: 409})
  expect(fs.existsSync(path.join(dir, 'imported.journal.ndjson'))).toBe(true)

  // Importing again reuses the content-addressed asset (found by sha1 query and URL check).
  await sanityImport(fs.createReadStream(file), {client, operation: 'createOrReplace'})
  expect(await client.fetch('count(*[_type == "sanity.imageAsset"])')).toBe(1)
})
