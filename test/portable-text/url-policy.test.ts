import {describe, expect, it} from 'vitest'
import {checkUrl} from '../../importer/portable-text/index.ts'

describe('checkUrl', () => {
  it.each([
    'https://example.org/a?b=1#c',
    'http://example.org',
    'mailto:someone@example.org',
    'tel:+1-555-0100',
    '/img/logo.svg',
    '#section',
    './relative',
    '../up',
    'openstack.org/users',
    'HTTPS://EXAMPLE.ORG',
  ])('allows the link %s unchanged', (url) => {
    expect(checkUrl(url, 'link')).toEqual({ok: true, url})
  })

  it.each([
    'javascript:alert(1)',
    'jAvAsCrIpT:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'java\u0000script:alert(1)',
    '&#106;avascript:alert(1)',
    '&#x6A;avascript:alert(1)',
    'javascript&colon;alert(1)',
    'javascript&#58;alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'data:image/png;base64,AAAA',
    'file:///etc/passwd',
    'ftp://example.org',
  ])('rejects the link %j', (url) => {
    const check = checkUrl(url, 'link')
    expect(check.ok).toBe(false)
  })

  it('allows raster data images but not SVG or HTML data for images', () => {
    expect(checkUrl('data:image/png;base64,AAAA', 'image').ok).toBe(true)
    expect(checkUrl('DATA:image/WEBP;base64,AAAA', 'image').ok).toBe(true)
    expect(checkUrl('data:image/svg+xml,<svg onload=alert(1)>', 'image').ok).toBe(false)
    expect(checkUrl('data:text/html;base64,PHNjcmlwdD4=', 'image').ok).toBe(false)
    expect(checkUrl('mailto:a@b.c', 'image').ok).toBe(false)
    expect(checkUrl('/img/x.png', 'image').ok).toBe(true)
  })

  it('rejects empty and whitespace-only URLs', () => {
    expect(checkUrl('', 'link').ok).toBe(false)
    expect(checkUrl(' \t', 'image').ok).toBe(false)
  })

  it('names the scheme in the reason', () => {
    const check = checkUrl('JaVaScRiPt:void(0)', 'link')
    expect(check.ok === false && check.reason).toContain('javascript:')
  })
})
