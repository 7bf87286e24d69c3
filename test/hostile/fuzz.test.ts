import {describe, expect, test} from 'vitest'
import fc from 'fast-check'
import {importMarkdown} from '../../importer/index.ts'
import {ImportError} from '../../importer/diagnostics.ts'
import {walkObjects} from '../helpers/json.ts'
import {validateAll} from '../helpers/validate.ts'

const FRONT_MATTER = '---\ntitle: Fuzz\nyear: 2023\n---\n'

/** Pieces that exercise markdown's and HTML's syntax, mixed with plain words. */
const token = fc.constantFrom(
  '*', '**', '_', '~~', '`', '```', '[', ']', '(', ')', '](', '![', '<', '>', '#', '## ', '- ', '1. ', '> ',
  '|', '| --- |', '---', '\n', '\n\n', '  \n', '\\', '&amp;', '&#106;', '[^1]', '[^1]: ', '- [ ] ', '- [x] ',
  '<br />', '<div>', '</div>', '<a href="', '">', '</a>', '<img src="', '" alt="', '"/>', '<b>', '</b>',
  '<script>', '</script>', ' onerror="x()"', 'javascript:', 'JaVaScRiPt:', 'data:text/html,', 'vbscript:',
  'https://example.org/p', '/img/x.png', 'mailto:a@b.c', 'www.example.com', '<https://example.org>',
  'Ada Lovelace, Analyst, Example Org', 'word', 'Wörter', '日本語', ' ', '    ', '\t',
)
const markdown = fc.array(token, {maxLength: 60}).map((tokens) => tokens.join(''))

const UNSAFE_URL = /^\s*(javascript|vbscript|data:(?!image\/(png|gif|jpeg|webp)))/i

describe('property: any markdown imports to valid, safe documents', () => {
  test('never throws (other than a located ImportError), output always valid and safe', async () => {
    await fc.assert(
      fc.asyncProperty(markdown, async (body) => {
        let documents
        try {
          documents = importMarkdown(FRONT_MATTER + body, {file: 'fuzz.md'}).documents
        } catch (error) {
          // A clean, located refusal is allowed; anything else is a crash.
          expect(error).toBeInstanceOf(ImportError)
          return
        }
        walkObjects(documents, (object) => {
          for (const key of ['href', 'src', 'url', 'website', 'link']) {
            const value = object[key]
            if (typeof value === 'string') expect(value).not.toMatch(UNSAFE_URL)
          }
        })
        expect(await validateAll(documents)).toEqual([])
      }),
      {numRuns: 150, seed: 20221124},
    )
  })
})
