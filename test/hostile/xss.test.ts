import {describe, expect, test} from 'vitest'
import {importMarkdown} from '../../importer'
import {walkObjects} from '../helpers/json'
import {outputStrings} from '../helpers/text'
import {validateAll} from '../helpers/validate'

const FRONT_MATTER = '---\ntitle: Hostile\nyear: 2022\n---\n'

/** The usual cheat-sheet shapes, in markdown and in raw HTML, one per line of its own. */
const payloads: string[] = [
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](javascript&#58;alert(1))',
  '[click](&#106;avascript:alert(1))',
  '[click](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1))',
  '[click](<java\tscript:alert(1)>)',
  '[click]( vbscript:msgbox(1))',
  '[click](VBScript:msgbox(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click][ref]\n\n[ref]: javascript:alert(1)',
  '<javascript:alert(1)>',
  '![img](javascript:alert(1))',
  '![img](data:text/html,<script>alert(1)</script>)',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="jav&#x09;ascript:alert(1)">click</a>',
  '<a href="  JAVASCRIPT:alert(1)">click</a>',
  '<a href="vbscript:msgbox(1)">click</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD4=">click</a>',
  '<img src="x" onerror="alert(1)">',
  '<img src="javascript:alert(1)" alt="pic">',
  '<img SRC=JaVaScRiPt:alert(1) alt="pic">',
  '<svg onload="alert(1)"><circle r="1"/></svg>',
  '<body onload=alert(1)>text</body>',
  '<div onclick="alert(1)">clickable</div>',
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/xss.js></SCRIPT>',
  '<style>body{background:url(javascript:alert(1))}</style>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe src="https://evil.example/"></iframe>',
  '<object data="data:text/html;base64,PHNjcmlwdD4="></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><input type="submit"></form>',
  '<p>inline <b onmouseover="alert(1)">bold</b> text</p>',
  'text <span onmouseover=alert(1)>hover</span> more',
  'text <a href="javascript:alert(1)">inline link</a> more',
  '<math><a xlink:href="javascript:alert(1)">math</a></math>',
  '<a href="java\nscript:alert(1)">newline</a>',
]

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
