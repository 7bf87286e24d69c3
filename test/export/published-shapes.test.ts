/**
 * What issue 20 added to the model comes back out and in again: a numbered list's start, a figure
 * caption with its link, and a report's identity (slug) and authors — import → export → import
 * gives the same documents, and the export is stable.
 */
import {describe, expect, test} from 'vitest'
import {importMarkdown} from '../../importer/index.ts'
import {defaultProfile} from '../../importer/profile/default.ts'
import type {StoredDocument} from '../../queries/run-local.ts'
import {contentOf, exportFrom} from './helpers.ts'

const SOURCE = `---
title: Harbor Collective Annual Letter
year: 2023
slug: harbor-letter
authors:
  - Jane Roe, Executive Director
  - The Events Team
---
## Questions

1. What did you do?

We shipped, with <em>care</em>.

2. What is next?

   7. nested seven
   8. nested eight

## Charts

<figure><a href="https://example.org/full"><img src="/c.png" alt="Chart"></a><figcaption>Data from <a href="https://example.org/data">the survey</a>, <strong>2023</strong>.</figcaption></figure>
`

const importOf = (markdown: string) => importMarkdown(markdown, {file: 'harbor.md', profile: defaultProfile}).documents as unknown as StoredDocument[]

describe('export of the new shapes', () => {
  test('list starts, captions with links, slug and authors: re-imported as the same documents; exported again byte for byte', async () => {
    const first = importOf(SOURCE)
    const {markdown, warnings} = await exportFrom(first, 2023)
    expect(warnings).toEqual([])
    expect(markdown).toMatch(/^slug: harbor-letter$/m)
    expect(markdown).toContain('authors:\n  - Jane Roe, Executive Director\n  - The Events Team')
    expect(markdown).toMatch(/^2\. What is next\?/m)
    expect(markdown).toContain('<figcaption>Data from <a href="https://example.org/data">the survey</a>, <strong>2023</strong>.</figcaption>')
    const again = importOf(markdown)
    expect(again.map(contentOf)).toEqual(first.map(contentOf))
    expect((await exportFrom(again, 2023)).markdown).toBe(markdown)
  })
})
