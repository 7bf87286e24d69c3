import {describe, expect, test} from 'vitest'
import {importMarkdown} from '../../importer/index.ts'
import {walkObjects} from '../helpers/json.ts'
import {outputStrings} from '../helpers/text.ts'
import {validateAll} from '../helpers/validate.ts'
import {payloads} from '../helpers/payloads.ts'

const FRONT_MATTER = '---\ntitle: Hostile\nyear: 2022\n---\n'

const SAFE_URL = /^(https?:|mailto:|tel:|data:image\/(png|gif|jpeg|webp)[;,]|[/#?.]|[^:/?#]*(?:[/?#]|$))/i
const URL_KEYS = new Set(['href', 'src', 'url', 'website', 'link', '_sanityAsset'])
const ACTIVE = /<\s*\/?\s*(script|iframe|object|embed|style|form|svg|math)\b|\bon[a-z]+\s*=|javascript:|vbscript:|data:text/i

describe('unsafe content never reaches the documents', () => {
  for (const [index, payload] of payloads.entries()) {
    test(`payload ${index + 1}: ${payload.slice(0, 60)}`, async () => {
      const markdown = `${FRONT_MATTER}Before the payload.\n\n${payload}\n\nAfter the payload.\n`
      const {documents, diagnostics} = importMarkdown(markdown, {file: 'hostile.md'})
      const urls: string[] = []
      walkObjects(documents, (object) => {
        for (const [key, value] of Object.entries(object)) {
          if (URL_KEYS.has(key) && typeof value === 'string') urls.push(value)
        }
      })
      expect(urls.filter((url) => !SAFE_URL.test(url.trim()))).toEqual([])
      // Visible text of a payload may legitimately mention nothing active: none of these do.
      expect(outputStrings(documents).filter((text) => ACTIVE.test(text))).toEqual([])
      // Each payload is reported, at its place (from line 7: after the front matter and the first paragraph).
      expect(diagnostics.some((d) => d.line !== undefined && d.line >= 7 && d.line <= 10)).toBe(true)
      // The surrounding prose is untouched, and the documents stay valid.
      const text = outputStrings(documents).join('\n')
      expect(text).toContain('Before the payload.')
      expect(text).toContain('After the payload.')
      expect(await validateAll(documents)).toEqual([])
    })
  }

  test('safe links and images next to unsafe ones survive exactly', () => {
    const markdown = `${FRONT_MATTER}[good](https://example.org/a?b=1) [bad](javascript:alert(1)) ![ok](/img/ok.png) <a href="mailto:x@example.org">mail</a>\n`
    const {documents} = importMarkdown(markdown, {file: 'mixed.md'})
    const json = JSON.stringify(documents)
    expect(json).toContain('"href":"https://example.org/a?b=1"')
    expect(json).toContain('"href":"mailto:x@example.org"')
    expect(json).toContain('/img/ok.png')
    expect(json).not.toMatch(/javascript:/i)
  })
})
