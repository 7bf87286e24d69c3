/** A tiny static file server for a built Studio: files from a folder, index.html for app routes. */
import fs from 'node:fs'
import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import path from 'node:path'

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
}

/** A running static server. */
export interface StaticServer {
  url: string
  close(): Promise<void>
}

/** Rewrites served text files: the shared build's placeholder lake address → this test's lake. */
export interface LakeAddress {
  /** The address baked into the build. */
  placeholder: string
  /** The lake this server's Studio should talk to. */
  lakeUrl: string
}

const TEXT = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest'])

/**
 * Serve `root` on 127.0.0.1 (a free port). Paths that are not files get `index.html`, so the
 * Studio's client-side routes (e.g. `/structure/reports`) load the app.
 *
 * @param root - the built Studio folder (with index.html)
 * @param address - when given, every occurrence of the placeholder's host in text files is
 *   replaced by the lake's (so one build serves lakes on any port)
 * @returns the server's URL and a close function
 */
export async function serveStatic(root: string, address?: LakeAddress): Promise<StaticServer> {
  const base = path.resolve(root)
  const from = address ? new URL(address.placeholder).host : undefined
  const to = address ? new URL(address.lakeUrl).host : undefined
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname)
    const candidate = path.resolve(base, `.${pathname}`)
    const inside = candidate === base || candidate.startsWith(base + path.sep)
    const isFile = inside && fs.statSync(candidate, {throwIfNoEntry: false})?.isFile() === true
    const file = isFile ? candidate : path.join(base, 'index.html')
    res.writeHead(200, {'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream'})
    if (from && to && TEXT.has(path.extname(file))) res.end(fs.readFileSync(file, 'utf8').split(from).join(to))
    else fs.createReadStream(file).pipe(res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
