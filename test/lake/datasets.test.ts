/**
 * Datasets live and die as in a Sanity project: a new data folder starts with `production`;
 * `@sanity/client`'s `datasets.create/list/delete` (PUT/GET/DELETE) manage them, with the token
 * only; a write into a dataset that does not exist is a 404 and creates nothing.
 */
import fs from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {startLake} from '../../lake/index.ts'
import {clientFor, scratchDirs, TOKEN} from './setup.ts'

const newDir = scratchDirs()
const start = (dir: string) => startLake({port: 0, dir, token: TOKEN, tls: false})
const names = (list: Array<{name: string}>) => list.map((entry) => entry.name).sort()

describe('dataset lifecycle', () => {
  it('a new data folder has production; create lists it, delete removes it, and both last across restarts', async () => {
    const dir = newDir('lake-datasets-')
    let lake = await start(dir)
    try {
      const client = clientFor(lake.url)
      expect(names(await client.datasets.list())).toEqual(['production'])
      expect(await client.datasets.create('staging')).toMatchObject({datasetName: 'staging'})
      expect(names(await client.datasets.list())).toEqual(['production', 'staging'])
      await client.withConfig({dataset: 'staging'}).create({_id: 'kept', _type: 'note'})
      await expect(client.datasets.create('staging')).rejects.toMatchObject({statusCode: 409})
      expect(await client.datasets.delete('production')).toEqual({deleted: true})
      await expect(client.datasets.delete('production')).rejects.toMatchObject({statusCode: 404})
    } finally {
      await lake.close()
    }
    // The folder is no longer new: deleted stays deleted, created stays with its documents.
    lake = await start(dir)
    try {
      const client = clientFor(lake.url)
      expect(names(await client.datasets.list())).toEqual(['staging'])
      expect(await client.withConfig({dataset: 'staging'}).getDocument('kept')).toMatchObject({_id: 'kept'})
      expect(fs.existsSync(path.join(dir, 'production.ndjson'))).toBe(false)
    } finally {
      await lake.close()
    }
  })

  it('a write into a dataset that does not exist answers 404 and creates nothing', async () => {
    const dir = newDir('lake-datasets-')
    const lake = await start(dir)
    try {
      const client = clientFor(lake.url, TOKEN, 'nosuch')
      const refused = await client.create({_id: 'a', _type: 'note'}).catch((error: unknown) => error)
      expect(refused).toMatchObject({statusCode: 404, message: expect.stringContaining('Dataset "nosuch" not found')})
      // Sanity's error shape: {error: {description, type}}.
      expect((refused as {response: {body: unknown}}).response.body).toMatchObject({error: {description: 'Dataset "nosuch" not found', type: 'notFound'}})
      await expect(client.assets.upload('image', Buffer.from('not an image'))).rejects.toMatchObject({statusCode: 404})
      expect(names(await clientFor(lake.url).datasets.list())).toEqual(['production'])
      expect(fs.readdirSync(dir).filter((file) => file.startsWith('nosuch'))).toEqual([])
      expect(lake.store.has('nosuch')).toBe(false)
    } finally {
      await lake.close()
    }
  })

  it('needs the token to list, create or delete, and refuses names Sanity refuses', async () => {
    const dir = newDir('lake-datasets-')
    const lake = await start(dir)
    try {
      const anonymous = clientFor(lake.url, null)
      await expect(anonymous.datasets.list()).rejects.toMatchObject({statusCode: 401})
      await expect(anonymous.datasets.create('open')).rejects.toMatchObject({statusCode: 401})
      await expect(anonymous.datasets.delete('production')).rejects.toMatchObject({statusCode: 401})
      await expect(clientFor(lake.url, 'wrong-token').datasets.create('open')).rejects.toMatchObject({statusCode: 401})
      // The client checks names too; a raw request shows the lake's own check.
      for (const bad of ['ends-with-dash-', 'UPPER', 'x'.repeat(65), '_leading']) {
        await expect(clientFor(lake.url).request({method: 'PUT', url: `/datasets/${encodeURIComponent(bad)}`}), bad).rejects.toMatchObject({statusCode: 400})
      }
      expect(names(await clientFor(lake.url).datasets.list())).toEqual(['production'])
    } finally {
      await lake.close()
    }
  })
})
