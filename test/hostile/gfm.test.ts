import {describe, expect, test} from 'vitest'
import {unified} from 'unified'
import remarkParse from 'remark-parse'
import remarkGfm from 'remark-gfm'
import {importMarkdown} from '../../importer/index.ts'
import {missingWords, outputStrings, sourceWords, wordsOf} from '../helpers/text.ts'
import {validateAll} from '../helpers/validate.ts'
import {findObjects} from '../helpers/json.ts'

const FRONT_MATTER = '---\ntitle: GFM features\nyear: 2021\n---\n'

/** One sample per GFM extension, each with words that must survive. */
const samples: Record<string, string> = {
  table: '| Name | Role |\n| :--- | ---: |\n| Ada **Lovelace** | [Analyst](https://example.org/ada) |\n| Grace | `compiler` |\n',
  taskList: '- [x] shipped release\n- [ ] pending docs\n  - [x] nested done\n',
  strikethrough: 'Old ~~deprecated words~~ and ~single tilde~ stay.\n',
  autolinks: 'Visit www.example.com or https://example.org/path?q=1 or mail team@example.net today.\n',
  footnotes: 'A claim[^source] and another[^2].\n\n[^source]: The source footnote text.\n[^2]: Second footnote with *emphasis*.\n',
}

function parse(markdown: string) {
  return unified().use(remarkParse).use(remarkGfm).parse(markdown)
}

describe('GFM features', () => {
  for (const [name, markdown] of Object.entries(samples)) {
    test(`${name}: imports, keeps every word, passes the schema`, async () => {
      const {documents} = importMarkdown(FRONT_MATTER + markdown, {file: `${name}.md`})
      const missing = missingWords(sourceWords(parse(markdown)), wordsOf(outputStrings(documents).join(' ')))
      expect([...missing.keys()]).toEqual([])
      expect(await validateAll(documents)).toEqual([])
    })
  }

  test('table keeps its shape: header row, cells, alignment, links in cells', () => {
    const {documents} = importMarkdown(FRONT_MATTER + samples.table, {file: 'table.md'})
    const json = JSON.stringify(documents)
    const [table] = findObjects(documents, (value) => value._type === 'table')
    expect(table).toBeDefined()
    const rows = table!.rows as {cells: unknown[]; header?: boolean}[]
    expect(rows).toHaveLength(3)
    expect(rows.every((row) => row.cells.length === 2)).toBe(true)
    expect(table!.align).toEqual(['left', 'right'])
    expect(json).toContain('"href":"https://example.org/ada"')
  })

  test('task list items carry their checked state', () => {
    const {documents} = importMarkdown(FRONT_MATTER + samples.taskList, {file: 'tasks.md'})
    const markers = findObjects(documents, (value) => value._type === 'taskMarker').map((m) => m.checked)
    expect(markers).toEqual([true, false, true])
  })

  test('footnote references point to footnote definitions with their text', () => {
    const {documents} = importMarkdown(FRONT_MATTER + samples.footnotes, {file: 'footnotes.md'})
    const labels = (type: string) => findObjects(documents, (value) => value._type === type).map((v) => v.label as string)
    const references = labels('footnoteReference')
    const definitions = labels('footnote')
    expect(references.sort()).toEqual(['2', 'source'])
    expect(definitions.sort()).toEqual(['2', 'source'])
  })
})

