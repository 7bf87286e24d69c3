/**
 * What an editor sees on opening any imported document in the Studio: no validation marker at
 * all (errors, warnings or infos), for the bundled sample and for the multi-year fixtures.
 * Also the alt-text rule the importer has to satisfy: alt text, or an explicit "decorative".
 */
import path from 'node:path'
import type {SanityDocument} from 'sanity'
import {describe, expect, test} from 'vitest'
import {importFiles, importMarkdown} from '../../importer/index.ts'
import {validate} from '../helpers/schema-workspace.ts'
import {doc} from './fixtures.ts'

const repoRoot = path.resolve(import.meta.dirname, '../..')

/** Every marker of every document, validated against the others as one dataset. */
async function allMarkers(documents: SanityDocument[]): Promise<string[]> {
  const found: string[] = []
  for (const document of documents) {
    const others = documents.filter((other) => other !== document)
    for (const marker of await validate(document, others)) {
      found.push(`${document._id} ${JSON.stringify(marker.path)} ${marker.level}: ${marker.message}`)
    }
  }
  return found
}

async function imported(inputs: string[], assets: string): Promise<SanityDocument[]> {
  const result = await importFiles(inputs, {cwd: repoRoot, assetsDir: path.join(repoRoot, assets)})
  return result.documents as unknown as SanityDocument[]
}

/** Every image-like object in a document (figure, imageWithAlt, inlineImage). */
function images(value: unknown, out: Array<Record<string, unknown>> = []): Array<Record<string, unknown>> {
  if (Array.isArray(value)) for (const item of value) images(item, out)
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>
    if (record._type === 'figure' || record._type === 'imageWithAlt' || record._type === 'inlineImage') out.push(record)
    for (const child of Object.values(record)) images(child, out)
  }
  return out
}

describe('imported documents in the Studio: zero validation markers', () => {
  test.each([
    ['the bundled sample (content/)', ['content'], 'content'],
    ['the multi-year fixtures (test/fixtures/reports)', ['test/fixtures/reports'], 'test/fixtures/reports'],
  ])('%s', async (_name, inputs, assets) => {
    const documents = await imported(inputs, assets)
    expect(documents.length).toBeGreaterThan(3)
    expect(await allMarkers(documents)).toEqual([])
    // Every image either describes itself or says it is decorative.
    const all = documents.flatMap((document) => images(document))
    expect(all.length).toBeGreaterThan(0)
    expect(all.filter((image) => !image.alt && image.decorative !== true)).toEqual([])
  }, 60_000)
})

describe('images without alt text in the markdown', () => {
  test('are imported as decorative (block figure, inline image, hero), and pass validation', async () => {
    const md = '---\ntitle: T\nyear: 2030\n---\n![](/img/hero.png)\n\n## A\n\n![](/img/a.png)\n\nText ![](/img/b.png) inline, ![B](/img/c.png) described.\n'
    const documents = importMarkdown(md, {file: 'x.md'}).documents as unknown as SanityDocument[]
    const found = documents.flatMap((document) => images(document)).map((image) => [image._type, image.src, image.alt ?? null, image.decorative ?? null])
    expect(found).toEqual([
      ['figure', '/img/hero.png', null, true],
      ['figure', '/img/a.png', null, true],
      ['inlineImage', '/img/b.png', null, true],
      ['inlineImage', '/img/c.png', 'B', null],
    ])
    expect(await allMarkers(documents)).toEqual([])
  })
})

describe('alt text rule', () => {
  const section = (figure: Record<string, unknown>) =>
    doc('section', 'section-2030-a', {
      title: 'A',
      slug: {_type: 'slug', current: 'a'},
      level: 1,
      body: [{_type: 'figure', _key: 'f1', src: '/img/a.png', ...figure}],
    })

  test('an image without alt text and not marked decorative gets an error at its alt', async () => {
    const markers = await validate(section({}))
    expect(markers).toHaveLength(1)
    expect(markers[0]).toMatchObject({level: 'error', path: ['body', {_key: 'f1'}, 'alt']})
  })

  test.each([[{alt: 'A chart'}], [{decorative: true}], [{decorative: true, alt: ''}]])('%j is valid', async (figure) => {
    expect(await validate(section(figure))).toEqual([])
  })

  test('an empty image field (no file, no source) asks for nothing but the image itself', async () => {
    const markers = await validate(section({src: undefined}))
    expect(markers.map((marker) => marker.path.at(-1))).not.toContain('alt')
  })

  test('blank alt text is no description', async () => {
    expect((await validate(section({alt: '   '}))).map((marker) => marker.level)).toEqual(['error'])
  })
})
