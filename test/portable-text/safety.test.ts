import {describe, expect, it} from 'vitest'
import type {Block} from '../../importer/portable-text/index.ts'
import {convert} from './helpers.ts'

/** XSS shapes in markdown and raw HTML, block-level and inline. */
const PAYLOADS = [
  '<script>alert(1)</script>',
  'text <script>alert(1)</script> more',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<style>body{background:url("javascript:alert(1)")}</style>',
  '<img src=x onerror=alert(1)>',
  'inline <img src="x" onerror="alert(1)"> image',
  '<svg onload=alert(1)><circle r="1"/></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="JaVaScRiPt:alert(1)">click</a>',
  '<a href="java&#x09;script:alert(1)">click</a>',
  '<a href="&#106;avascript:alert(1)">click</a>',
  '<a href="javascript&colon;alert(1)">click</a>',
  '<a href=" &#14;  javascript:alert(1)">click</a>',
  '<a href="vbscript:msgbox(1)">click</a>',
  '<a href="data:text/html,<script>alert(1)</script>">click</a>',
  '<a href="javascript:alert(1)">javascript:alert(1)</a>',
  '[click](javascript:alert(1))',
  '[click](JAVASCRIPT:alert(1))',
  '[click](&#106;avascript:alert(1))',
  '[click](<java\tscript:alert(1)>)',
  '[click](vbscript:msgbox(1))',
  '<javascript:alert(1)>',
  '[click][evil]\n\n[evil]: javascript:alert(1)',
  '![x](javascript:alert(1))',
  '![x](data:text/html;base64,PHNjcmlwdD4=)',
  '<img src="data:image/svg+xml,<svg onload=alert(1)>" alt="svg">',
  '[![logo](/x.png)](javascript:alert(1))',
  '<div onclick="alert(1)">text</div>',
  '<details open ontoggle=alert(1)>x</details>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<noscript><img src=x onerror=alert(1)></noscript>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<template><script>alert(1)</script></template>',
  '<textarea><script>alert(1)</script></textarea>',
]

const FORBIDDEN = /javascript:|vbscript:|<script|onerror|onload|data:text/i

describe('unsafe content', () => {
  it.each(PAYLOADS)('never carries %j and reports it', (payload) => {
    const {members, diagnostics} = convert(payload)
    expect(JSON.stringify(members)).not.toMatch(FORBIDDEN)
    expect(diagnostics.list.filter((d) => /^(unsafe|unsupported)/.test(d.rule)).length).toBeGreaterThan(0)
  })

  it('survives all payloads together in one document', () => {
    const {members, diagnostics} = convert(PAYLOADS.join('\n\n'))
    expect(JSON.stringify(members)).not.toMatch(FORBIDDEN)
    expect(diagnostics.list.every((d) => d.line !== undefined)).toBe(true)
  })

  it('keeps the text of an unsafe link without the link', () => {
    const {members, rules} = convert('a [click here](javascript:alert(1)) b')
    expect(members).toEqual([
      expect.objectContaining({markDefs: [], children: [expect.objectContaining({text: 'a click here b', marks: []})]}),
    ])
    expect(rules).toEqual(['unsafe-url'])
  })

  it('keeps safe attributes-free content next to dropped handlers', () => {
    const {members, rules} = convert('<p onclick="x()">Hello <a href="https://ok.org" onmouseover="x()">ok</a></p>')
    const block = members[0] as Block
    expect(block.markDefs.map((d) => d.href)).toEqual(['https://ok.org'])
    expect(rules.filter((r) => r === 'unsafe-content')).toHaveLength(2)
  })

  it('names the place and what was dropped', () => {
    const {diagnostics} = convert('ok\n\n<iframe src="https://evil.example/frame"></iframe>')
    expect(diagnostics.list).toEqual([
      expect.objectContaining({rule: 'unsafe-content', line: 3, column: 1, message: expect.stringContaining('https://evil.example/frame')}),
    ])
  })
})
