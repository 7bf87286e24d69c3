/**
 * DNS rebinding defence: a page on a foreign site can make its own hostname resolve to
 * 127.0.0.1, but the browser still sends that hostname in `Host`. The lake only answers
 * requests addressed to a loopback name.
 */
import {isIP} from 'node:net'
import type {IncomingMessage} from 'node:http'

/**
 * Is the request addressed to a loopback name (127.0.0.0/8, `localhost`, `[::1]`)?
 *
 * @param req - the request (`Host`, or HTTP/2's `:authority`)
 * @returns true when the lake may answer it
 */
export function isLoopbackHost(req: IncomingMessage): boolean {
  const raw = req.headers.host ?? req.headers[':authority']
  const host = typeof raw === 'string' ? raw.trim().toLowerCase() : ''
  if (host === '') return false
  const name = hostName(host)
  if (name === undefined) return false
  if (name === 'localhost' || name === '::1') return true
  return isIP(name) === 4 && name.startsWith('127.')
}

/** The name part of a Host value (`[::1]:3333` → `::1`, `127.0.0.1:80` → `127.0.0.1`). */
function hostName(host: string): string | undefined {
  if (host.startsWith('[')) {
    const end = host.indexOf(']')
    if (end < 0) return undefined
    const rest = host.slice(end + 1)
    if (rest !== '' && !/^:\d{1,5}$/.test(rest)) return undefined
    return host.slice(1, end)
  }
  const match = /^([^:]+)(?::\d{1,5})?$/.exec(host)
  return match?.[1]
}
