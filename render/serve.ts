import {createReadStream} from 'node:fs'
import {stat} from 'node:fs/promises'
import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import path from 'node:path'

/** Content types of what a report page loads. */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
}

/** A running page server. */
export interface PageServer {
  /** e.g. `http://127.0.0.1:44001/2022/` */
  url: string
  close(): Promise<void>
}

/**
 * Serves one rendered page on 127.0.0.1 only: the page at `/` and `/<year>/`, the files of the
 * assets folder at their site paths (`/img/x.png`), and the page's local image files at the paths
 * it names. Nothing else is served.
 * @param options - the page, its year, the assets folder, the local image files and the port (0: any free one)
 * @returns the server's page URL and a way to stop it
 */
export async function servePage(options: {html: string; year: number; assets?: string | undefined; files?: ReadonlyMap<string, string>; port: number}): Promise<PageServer> {
  const root = options.assets ? path.resolve(options.assets) : undefined
  const pagePaths = new Set(['/', '/index.html', `/${options.year}`, `/${options.year}/`, `/${options.year}/index.html`])
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed')
      const pathname = decodeSafely(new URL(req.url ?? '/', 'http://localhost').pathname)
      if (pathname === undefined) return send(res, 400, 'bad path')
      // Browsers ask for it on their own; the page has none, and a 404 would be console noise.
      if (pathname === '/favicon.ico') return void res.writeHead(204).end()
      if (pagePaths.has(pathname)) {
        res.writeHead(200, {'content-type': TYPES['.html']!, 'cache-control': 'no-store'})
        return res.end(req.method === 'HEAD' ? undefined : options.html)
      }
      // The snapshot's own image files (local-images.ts), by the exact paths the page names.
      const local = options.files?.get(new URL(req.url ?? '/', 'http://localhost').pathname)
      const file = local ?? (root ? path.resolve(root, `.${pathname}`) : undefined)
      const info = file && (local || file.startsWith(root + path.sep)) ? await stat(file).catch(() => undefined) : undefined
      if (!file || !info?.isFile()) return send(res, 404, 'not found')
      res.writeHead(200, {'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream', 'content-length': info.size})
      if (req.method === 'HEAD') return res.end()
      createReadStream(file).pipe(res)
    })().catch(() => send(res, 500, 'error'))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', resolve)
  })
  const {port} = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/${options.year}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

function send(res: import('node:http').ServerResponse, status: number, text: string): void {
  if (res.headersSent) return void res.end()
  res.writeHead(status, {'content-type': 'text/plain; charset=utf-8'})
  res.end(text)
}

function decodeSafely(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname)
  } catch {
    return undefined
  }
}
