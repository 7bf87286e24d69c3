import fs from 'node:fs'
import path from 'node:path'
import {createHash} from 'node:crypto'
import {imageSize} from 'image-size'
import {expect, it} from 'vitest'
import type {SanityClient} from '@sanity/client'
import type {Lake} from '../../lake/index.ts'
import {sharedImages, useTestLake} from './setup.ts'

let lake: Lake
let client: SanityClient
let dir: string

useTestLake('lake-assets-', (started) => ({lake, client, dir} = started))

/** The first sample image with each extension, so the test follows whatever the folder holds. */
function sampleOf(extension: string): string {
  const walk = (folder: string): string[] =>
    fs.readdirSync(folder, {withFileTypes: true}).flatMap((entry) => {
      const full = path.join(folder, entry.name)
      return entry.isDirectory() ? walk(full) : [full]
    })
  const found = walk(sharedImages).filter((file) => file.toLowerCase().endsWith(`.${extension}`)).sort()[0]
  if (!found) throw new Error(`no .${extension} sample under ${sharedImages}`)
  return found
}

it.each(['png', 'jpg', 'svg'])('uploads a %s content-addressed and serves the same bytes', async (extension) => {
  const file = sampleOf(extension)
  const bytes = fs.readFileSync(file)
  const sha1 = createHash('sha1').update(bytes).digest('hex')
  const {width, height} = imageSize(bytes)
  const asset = await client.assets.upload('image', bytes, {filename: path.basename(file)})
  expect(asset._id).toBe(`image-${sha1}-${width}x${height}-${extension}`)
  expect(asset).toMatchObject({
    _type: 'sanity.imageAsset',
    sha1hash: sha1,
    extension,
    size: bytes.length,
    originalFilename: path.basename(file),
    metadata: {dimensions: {width, height, aspectRatio: width / height}},
  })
  expect(asset.url).toBe(`${lake.url}/images/offline/production/${sha1}-${width}x${height}.${extension}`)
  expect(fs.existsSync(path.join(dir, 'assets', 'production', 'images', `${sha1}-${width}x${height}.${extension}`))).toBe(true)

  const served = await fetch(asset.url)
  expect(served.status).toBe(200)
  expect(served.headers.get('content-type')).toBe(asset.mimeType)
  expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true)

  const again = await client.assets.upload('image', bytes, {filename: 'renamed.bin'})
  expect(again._id).toBe(asset._id)
  expect(again._rev).toBe(asset._rev)
  expect(await client.fetch('count(*[_type == "sanity.imageAsset" && sha1hash == $sha1])', {sha1})).toBe(1)
})

it('rejects bytes that are not an image', async () => {
  await expect(client.assets.upload('image', Buffer.from('not an image at all'))).rejects.toMatchObject({statusCode: 400})
})

it('answers 404 for unknown asset URLs', async () => {
  const response = await fetch(`${lake.url}/images/offline/production/${'0'.repeat(40)}-1x1.png`)
  expect(response.status).toBe(404)
})
