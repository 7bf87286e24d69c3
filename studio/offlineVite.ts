/**
 * The build-time half of the quiet offline Studio: what Sanity 6.16 adds to every Studio and
 * offers no switch for, taken out when the Studio talks to a local lake.
 */
import {readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import type {Plugin} from 'vite'
import {SAME_ORIGIN_API_HOST} from './offline/same-origin.ts'

/** The script `sanity build` always adds for Sanity's hosted dashboard (core-ui bridge). */
const BRIDGE_SCRIPT = /<script[^>]*\bdata-sanity-core\b[^>]*>\s*<\/script>\s*/g

/** `@font-face` rules that load a font from another host (Sanity UI's Inter, from Sanity's static hosts). */
const REMOTE_FONT_FACE = /@font-face\s*\{[^}]*url\(\s*["']?https?:\/\/[^}]*\}/g

/**
 * A Content-Security-Policy that keeps the page on this machine: the Studio's own origin and the
 * lake, nothing else. It catches what the Studio fetches on its own with no setting to stop it
 * (the package version check on sanity-cdn.com, Sentry envelopes to api.sanity.io): the browser
 * refuses them before any connection is made.
 *
 * @param apiHost - the lake, e.g. `https://127.0.0.1:3333`
 * @returns the policy
 */
export function offlineContentSecurityPolicy(apiHost: string): string {
  // Served by the lake itself (`same-origin`): 'self' is the lake, its sockets included.
  const api = apiHost === SAME_ORIGIN_API_HOST ? undefined : new URL(apiHost)
  const origin = api ? ` ${api.origin}` : ''
  const socket = api ? ` ${api.protocol === 'https:' ? 'wss:' : 'ws:'}//${api.host}` : ''
  // The page preview is a sandboxed frame (an opaque origin, where 'self' matches nothing): its
  // images need the lake named, and a same-origin build knows only that it is on the loopback.
  const images = api ? origin : ' https://127.0.0.1:* https://localhost:*'
  return [
    `default-src 'self'${origin}`,
    // The index page's inline error-channel script; Vite's module scripts are 'self'.
    `script-src 'self' 'unsafe-inline'`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self'${images} data: blob:`,
    `font-src 'self' data:`,
    `connect-src 'self'${origin}${socket}`,
    `frame-src 'self' blob: data:`,
    `worker-src 'self' blob:`,
  ].join('; ')
}

/**
 * The Studio's index page made quiet: no bridge script, no remote fonts, and the
 * {@link offlineContentSecurityPolicy} as the first element of `<head>`. Idempotent.
 *
 * @param html - the index page `sanity build` / `sanity dev` produced
 * @param apiHost - the lake the Studio talks to
 * @returns the page
 */
export function quietIndexHtml(html: string, apiHost: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${offlineContentSecurityPolicy(apiHost)}">`
  const quiet = html.replace(BRIDGE_SCRIPT, '').replace(REMOTE_FONT_FACE, '')
  return quiet.includes('http-equiv="Content-Security-Policy"') ? quiet : quiet.replace(/<head>/i, `<head>${meta}`)
}

/**
 * After `sanity build`: rewrites the built index page with {@link quietIndexHtml} (Sanity renders
 * that page after Vite has finished, so the plugin cannot reach it).
 *
 * @param outDir - the build folder (with index.html)
 * @param apiHost - the lake the Studio talks to
 */
export async function finishOfflineBuild(outDir: string, apiHost: string): Promise<void> {
  const file = path.join(outDir, 'index.html')
  await writeFile(file, quietIndexHtml(await readFile(file, 'utf8'), apiHost))
}

/**
 * A Vite plugin for a Studio aimed at a local lake: no bridge script, no remote font (the system
 * font is used), and a Content-Security-Policy that lets requests reach only the Studio's origin
 * and the lake.
 *
 * @param apiHost - the lake the Studio talks to
 * @returns the plugin
 */
export function offlineStudioPlugin(apiHost: string): Plugin {
  const policy = offlineContentSecurityPolicy(apiHost)
  return {
    name: 'annual-reports:offline-studio',
    enforce: 'post',
    // `sanity dev` serves its index page through Vite; `sanity build` writes it afterwards
    // (finishOfflineBuild does the same to the built page).
    transformIndexHtml: {order: 'post', handler: (html) => quietIndexHtml(html, apiHost)},
    transform(code, id) {
      if (!/\.css(\?|$)/.test(id) || !code.includes('@font-face')) return undefined
      return {code: code.replace(REMOTE_FONT_FACE, ''), map: null}
    },
    generateBundle(_options, bundle) {
      // CSS assets that bypassed `transform` (pre-bundled styles): strip them here as well.
      for (const file of Object.values(bundle)) {
        if (file.type === 'asset' && file.fileName.endsWith('.css') && typeof file.source === 'string') {
          file.source = file.source.replace(REMOTE_FONT_FACE, '')
        }
      }
    },
  }
}

/**
 * Is this API host a local stand-in (the lake on this machine)?
 *
 * @param apiHost - the Studio's API host, if any
 * @returns true for http(s) on 127.0.0.1, localhost or ::1
 */
export function isLoopbackHost(apiHost: string | undefined): apiHost is string {
  if (!apiHost) return false
  // A same-origin build is served by the local lake (npm run studio:offline).
  if (apiHost === SAME_ORIGIN_API_HOST) return true
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(apiHost).hostname)
  } catch {
    return false
  }
}
