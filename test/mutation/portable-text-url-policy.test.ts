/**
 * The URL policy (importer/portable-text/url-policy.ts) answer by answer: not only ok or not,
 * but the reason and whether the refused text is a dangerous payload, for each scheme family and
 * for links and images separately. Expectations are the policy in checkUrl's TSDoc. Written
 * against the mutants `npm run mutation -- importer/portable-text/url-policy.ts` found alive.
 */
import {describe, expect, it} from 'vitest'
import {checkUrl} from '../../importer/portable-text/url-policy.ts'

const refused = (scheme: string, kind: 'a link' | 'an image', dangerous: boolean) => ({ok: false, reason: `the scheme "${scheme}:" is not allowed for ${kind}`, dangerous})

describe('links', () => {
  it.each(['javascript', 'vbscript', 'livescript', 'mocha', 'data', 'blob', 'filesystem'])('refuses %s: as a dangerous payload', (scheme) => {
    expect(checkUrl(`${scheme}:payload`, 'link')).toEqual(refused(scheme, 'a link', true))
  })

  it.each(['ftp', 'file', 'irc', 'a+b.c-d'])('refuses %s: as a harmless unsupported scheme', (scheme) => {
    expect(checkUrl(`${scheme}://x`, 'link')).toEqual(refused(scheme, 'a link', false))
  })

  it('judges the scheme after references, invisible characters and case', () => {
    for (const url of ['&#106;avascript:x', 'java\u200bscript:x', 'java\u00adscript:x', '\ufeffjavascript:x', 'JAVA\u0085SCRIPT:x', 'java\u007fscript:x']) {
      expect(checkUrl(url, 'link')).toEqual(refused('javascript', 'a link', true))
    }
  })

  it('returns an allowed URL exactly as written, spaces and case included', () => {
    for (const url of [' https://example.org/A ', 'MAILTO:x@example.org', 'tel:+1', '1abc:def', '?q=1']) expect(checkUrl(url, 'link')).toEqual({ok: true, url})
  })

  it('refuses what the schema cannot parse, and credentials, as harmless', () => {
    const invalid = {ok: false, reason: 'not a valid URL (or it carries credentials)', dangerous: false}
    expect(checkUrl('https://user:secret@example.org', 'link')).toEqual(invalid)
    expect(checkUrl('https://user@example.org', 'link')).toEqual(invalid)
    expect(checkUrl('http://[not-an-ip', 'link')).toEqual(invalid)
  })

  it('calls an empty URL empty, for links and images', () => {
    expect(checkUrl('', 'link')).toEqual({ok: false, reason: 'the URL is empty', dangerous: false})
    expect(checkUrl('\u200b \t', 'image')).toEqual({ok: false, reason: 'the URL is empty', dangerous: false})
  })
})

describe('images', () => {
  it.each(['png', 'gif', 'jpeg', 'webp'])('allows data:image/%s', (type) => {
    for (const url of [`data:image/${type};base64,AAAA`, `data:image/${type},raw`]) expect(checkUrl(url, 'image')).toEqual({ok: true, url})
  })

  it('refuses any other data: URL as a dangerous payload', () => {
    const refusedData = {ok: false, reason: 'only data:image/(png|gif|jpeg|webp) URLs are allowed for images', dangerous: true}
    for (const url of ['data:image/svg+xml,<svg/>', 'data:image/pngx;base64,AA', 'data:text/html,x', 'data:image/png']) expect(checkUrl(url, 'image')).toEqual(refusedData)
  })

  it('allows http(s) and paths, refuses mailto and tel, and does not apply the link parser', () => {
    expect(checkUrl('https://user:pw@example.org/x.png', 'image')).toEqual({ok: true, url: 'https://user:pw@example.org/x.png'})
    expect(checkUrl('img/x.png', 'image')).toEqual({ok: true, url: 'img/x.png'})
    expect(checkUrl('mailto:x@example.org', 'image')).toEqual(refused('mailto', 'an image', false))
    expect(checkUrl('tel:+1', 'image')).toEqual(refused('tel', 'an image', false))
    expect(checkUrl('javascript:x', 'image')).toEqual(refused('javascript', 'an image', true))
  })
})
