import {describe, expect, test} from 'vitest'
import {importMarkdown} from '../../importer/index.ts'
import type {StoredDocument} from '../../queries/run-local.ts'
import {contentOf, exportFrom} from './helpers.ts'

/** One report using every construct the content model carries. */
const FEATURES = `---
title: Features Report
subTitle: All of it
year: 2031
seo:
  description: Every construct
  url: https://example.org/2031
---
[![Hero](/img/hero.png "The hero")](https://example.org/)

Intro with **strong**, *em*, ***both***, \`code\`, ~~gone~~, <u>under</u>, x<sup>2</sup> and H<sub>2</sub>O, a [link](https://example.org/a "A title"), a hard\\
break and an inline ![icon](/img/icon.png) image.

# Part One

***Ann Example, Writer, Example Org***

A paragraph with a footnote[^note] and another[^Two].

> A quote with a [link](mailto:someone@example.org).

* one
  * one.one
    * one.one.one
* two

1. first
2. second

* [x] done
* [ ] open

| Left | Centre | Right |
| :--- | :----: | ----: |
| a **b** | c<br>d | [e](https://e.example/) |

\`\`\`ts title="x.ts"
const x = 1 < 2
\`\`\`

---

<figure><a href="https://example.org/chart"><img src="/img/chart.png" alt="Chart" title="Chart title"></a><figcaption>A caption</figcaption></figure>

## Sub part with *emphasis* and \\* star

Text with special characters: 1. not a list, # not a heading, <not html>, [not a link], _under_scores_, back\\\\slash.

##

Under an empty heading.

[^note]: The note, with a [link](https://note.example/).

[^Two]: Second note.
`

describe('every construct of blockContent', () => {
  test('re-imports as the same documents, and a second export is byte-identical', async () => {
    const first = importMarkdown(FEATURES, {file: 'features.md'})
    const documents = first.documents as unknown as StoredDocument[]
    const exported = await exportFrom(documents, 2031)
    expect(exported.warnings).toEqual([])
    const again = importMarkdown(exported.markdown, {file: 'features-export.md'})
    // The export writes what the documents hold: no new warnings (`<not html>` is now plain escaped text).
    for (const diagnostic of again.diagnostics) expect(first.diagnostics.map((d) => d.message)).toContain(diagnostic.message)
    const byId = new Map((again.documents as unknown as StoredDocument[]).map((document) => [document._id, document]))
    for (const document of documents) expect(contentOf(byId.get(document._id)!), document._id).toEqual(contentOf(document))
    const second = await exportFrom(again.documents as unknown as StoredDocument[], 2031)
    expect(second.markdown).toBe(exported.markdown)
  })

  test('what has no markdown form is a located warning, never silent', async () => {
    const report = {_id: 'report-2032', _type: 'report', title: 'R', year: 2032, slug: {_type: 'slug', current: '2032'}, sections: [], intro: [{_type: 'mystery', _key: 'k1'}, {_type: 'figure', _key: 'k2', alt: 'No source'}]}
    const {warnings} = await exportFrom([report] as StoredDocument[], 2032)
    expect(warnings).toEqual([
      {at: 'report-2032 k1', message: '"mystery" has no markdown form; not exported'},
      {at: 'report-2032 k2', message: 'image "No source" has neither src nor an asset URL; not exported'},
    ])
  })

  test('an image stored only as an uploaded asset is written with the asset URL', async () => {
    const asset = {_id: 'image-abc-10x10-png', _type: 'sanity.imageAsset', url: 'https://cdn.example/abc-10x10.png'}
    const report = {_id: 'report-2033', _type: 'report', title: 'R', year: 2033, slug: {_type: 'slug', current: '2033'}, sections: [], intro: [{_type: 'figure', _key: 'k1', alt: 'Pushed', asset: {_type: 'reference', _ref: asset._id}}]}
    const {markdown, warnings} = await exportFrom([report, asset] as StoredDocument[], 2033)
    expect(warnings).toEqual([])
    expect(markdown).toContain('![Pushed](https://cdn.example/abc-10x10.png)')
  })

  test('an unknown year is an error naming the years there are', async () => {
    await expect(exportFrom([], 1999)).rejects.toThrow('no report for 1999 (reports: none)')
  })
})
