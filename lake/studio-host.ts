/**
 * The built Studio, served by the lake from its own origin (`studio` option): over HTTPS the
 * Studio itself (files, and index.html for the Studio's routes), so the browser's one certificate
 * prompt is for the page the editor opened and the Studio's API calls go to an origin it already
 * trusts. Over plain HTTP a short page explains that prompt and links to the HTTPS address; once
 * the certificate is trusted, that page forwards by itself.
 */
import fs from 'node:fs'
import type {IncomingMessage, ServerResponse} from 'node:http'
import path from 'node:path'
import type {TLSSocket} from 'node:tls'

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
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
}

/** Precompressed copies the lake serves, in order of preference. */
const ENCODINGS = [
  {name: 'br', suffix: '.br'},
  {name: 'gzip', suffix: '.gz'},
] as const

/**
 * Sizes of the build's files that exist, and the bytes of its content-hashed files, kept after
 * the first request: they never change while a build is served (a rebuild brings new hashed
 * names; index.html is read each time). Paths that do not exist are not remembered, so the
 * cache is bounded by the build.
 */
const sizes = new Map<string, number>()
const bytes = new Map<string, Buffer>()

function fileSize(file: string): number | undefined {
  const known = sizes.get(file)
  if (known !== undefined) return known
  const stat = fs.statSync(file, {throwIfNoEntry: false})
  if (!stat?.isFile()) return undefined
  sizes.set(file, stat.size)
  return stat.size
}

function cachedBytes(file: string): Buffer {
  let body = bytes.get(file)
  if (!body) {
    body = fs.readFileSync(file)
    bytes.set(file, body)
  }
  return body
}

function acceptsEncoding(req: IncomingMessage, name: string): boolean {
  const header = req.headers['accept-encoding']
  const accepted = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((part) => part.trim().split(';'))
  return accepted.some(([coding, ...params]) => coding?.trim().toLowerCase() === name && !params.some((param) => /^\s*q=0(\.0*)?\s*$/.test(param)))
}

/** Where the built Studio is and how the lake is reached. */
export interface StudioHostOptions {
  /** The built Studio (`sanity build` output, with index.html). */
  dir: string
}

/**
 * Serve a Studio page or file for a GET/HEAD request that is not an API or asset path.
 *
 * @param req - the request
 * @param res - the response
 * @param pathname - the URL path
 * @param studio - the built Studio
 * @param port - the lake's port (for the HTTPS link)
 * @returns false when the request is not for the Studio (not GET/HEAD)
 */
export function serveStudio(req: IncomingMessage, res: ServerResponse, pathname: string, studio: StudioHostOptions, port: number): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false
  const secure = req.httpVersionMajor === 2 || (req.socket as Partial<TLSSocket>).encrypted === true
  if (!secure) {
    sendText(res, req, 200, 'text/html; charset=utf-8', certificatePage(port, pathname), {'Cache-Control': 'no-store'})
    return true
  }
  const base = path.resolve(studio.dir)
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    decoded = '/'
  }
  const candidate = path.resolve(base, `.${decoded}`)
  const inside = candidate === base || candidate.startsWith(base + path.sep)
  const isFile = inside && fileSize(candidate) !== undefined
  // Asset-looking paths that do not exist are 404s; everything else is a Studio route.
  if (!isFile && path.extname(decoded) !== '') {
    sendText(res, req, 404, 'text/plain; charset=utf-8', 'Not found\n')
    return true
  }
  const file = isFile ? candidate : path.join(base, 'index.html')
  if (fileSize(file) === undefined) {
    sendText(res, req, 503, 'text/plain; charset=utf-8', 'The Studio is not built yet: run npm run studio:offline\n')
    return true
  }
  const hashed = file.includes(`${path.sep}static${path.sep}`) || file.includes(`${path.sep}vendor${path.sep}`)
  // The build's precompressed copy (studio/offline/precompress.ts) when the browser takes it.
  const encoding = ENCODINGS.find((candidateEncoding) => acceptsEncoding(req, candidateEncoding.name) && fileSize(`${file}${candidateEncoding.suffix}`) !== undefined)
  const served = encoding ? `${file}${encoding.suffix}` : file
  const body = hashed ? cachedBytes(served) : fs.readFileSync(served)
  res.writeHead(200, {
    'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Content-Length': String(body.length),
    // Built file names carry content hashes; index.html must always be fresh.
    'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...(encoding ? {'Content-Encoding': encoding.name} : {}),
    ...(fileSize(`${file}.br`) !== undefined || fileSize(`${file}.gz`) !== undefined ? {Vary: 'Accept-Encoding'} : {}),
  })
  res.end(req.method === 'HEAD' ? undefined : body)
  return true
}

/**
 * The page plain HTTP shows: why the browser will ask about a certificate, and the link.
 *
 * @param port - the lake's port
 * @param pathname - the path asked for (kept in the link)
 * @returns HTML
 */
export function certificatePage(port: number, pathname: string): string {
  const target = `https://127.0.0.1:${port}${pathname.startsWith('/') ? pathname : '/'}`
  const safeTarget = escapeHtml(target)
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Annual reports Studio</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1f2933}
a.button{display:inline-block;background:#2276fc;color:#fff;padding:.6rem 1.2rem;border-radius:.3rem;text-decoration:none;font-weight:600}
code{background:#f0f2f5;padding:.1rem .3rem;border-radius:.2rem}</style></head>
<body><main>
<h1>Annual reports Studio</h1>
<p>The Studio runs on this computer at <a href="${safeTarget}">${safeTarget}</a>. It needs HTTPS
(the browser allows its many live connections only there), and the certificate was made on this
computer when the local lake first started (kept in <code>.data/tls/</code>), not by a public
authority.</p>
<p><strong>So the browser asks once whether to trust it.</strong> On its warning page choose
<em>Advanced</em>, then <em>Proceed to 127.0.0.1</em> (Firefox: <em>Accept the Risk and Continue</em>).
This is safe here: 127.0.0.1 is this computer, and nothing leaves it.</p>
<p><a class="button" id="open" href="${safeTarget}">Open the Studio</a></p>
<p id="status" role="status"></p>
</main>
<script>
// Once the certificate is trusted this page is only a detour: go straight on.
fetch(${JSON.stringify(`https://127.0.0.1:${port}/v1/ping`)}, {mode: 'no-cors'}).then(function () {
  document.getElementById('status').textContent = 'Certificate already trusted: opening the Studio…'
  location.replace(${JSON.stringify(target)})
}, function () {})
</script>
</body></html>
`
}

function sendText(res: ServerResponse, req: IncomingMessage, status: number, type: string, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {...extra, 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(text))})
  res.end(req.method === 'HEAD' ? undefined : text)
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}
