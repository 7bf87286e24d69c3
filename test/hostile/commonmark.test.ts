import {createRequire} from 'node:module'
import {describe, expect, test} from 'vitest'
import {unified} from 'unified'
import remarkParse from 'remark-parse'
import remarkGfm from 'remark-gfm'
import {importMarkdown} from '../../importer/index.ts'
import {missingWords, outputStrings, sourceWords, wordsOf} from '../helpers/text.ts'
import {validateAll} from '../helpers/validate.ts'

interface SpecExample {
  markdown: string
  section: string
  number: number
}

const require = createRequire(import.meta.url)
const examples = (require('commonmark-spec') as {tests: SpecExample[]}).tests

/** A report needs a title and a year: every example gets the same small front matter. */
const FRONT_MATTER = '---\ntitle: Spec example\nyear: 2020\n---\n'

/** Parses the body the way the importer reads it, for the words a reader sees. */
function bodyWords(markdown: string): string[] {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown)
  return sourceWords(tree)
}

describe('every CommonMark spec example', () => {
  test('has a corpus to run', () => {
    expect(examples.length).toBeGreaterThan(600)
  })

  test('imports without a crash, keeps all its words and passes the schema', async () => {
    const failures: string[] = []
    for (const example of examples) {
      const label = `example ${example.number} (${example.section})`
      let documents
      try {
        documents = importMarkdown(FRONT_MATTER + example.markdown, {file: `spec-${example.number}.md`}).documents
      } catch (error) {
        failures.push(`${label}: threw ${(error as Error).message}`)
        continue
      }
      const missing = missingWords(bodyWords(example.markdown), wordsOf(outputStrings(documents).join(' ')))
      if (missing.size > 0) failures.push(`${label}: lost ${[...missing.keys()].join(', ')}`)
      const errors = await validateAll(documents)
      if (errors.length > 0) failures.push(`${label}: invalid ${errors.slice(0, 3).map((e) => `${e.id} ${e.path}: ${e.message}`).join('; ')}`)
    }
    expect(failures).toEqual([])
  })
})
