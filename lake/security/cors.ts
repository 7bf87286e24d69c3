/**
 * CORS for the lake: only the configured Studio origins (by default the dev server's) and the
 * lake's own origins may call it from a browser. A request carrying any other `Origin` is
 * refused outright, so a page on a foreign site can neither read answers nor cause writes.
 */
import type {IncomingMessage} from 'node:http'

/** Where `npm run studio` serves the Studio (sanity dev --port 3334). */
export const DEFAULT_STUDIO_ORIGINS: readonly string[] = ['http://localhost:3334', 'http://127.0.0.1:3334']

/** Request headers a browser client may send (what @sanity/client and the Studio use). */
const ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'Accept',
  'Cache-Control',
  'If-None-Match',
  'Last-Event-ID',
  'X-Sanity-Project-Id',
  'X-Sanity-Shard',
  'X-Sanity-App',
]

/** Decides which browser origins may call the lake. */
export interface CorsPolicy {
  /**
   * @param req - the request
   * @returns false when the request carries an Origin that is not allowed
   */
  allows(req: IncomingMessage): boolean
  /**
   * @param req - the request (its Origin, when allowed, is echoed)
   * @returns CORS headers for the answer (none without an Origin)
   */
  headers(req: IncomingMessage): Record<string, string>
  /**
   * @returns headers for an OPTIONS preflight of an allowed origin
   */
  preflight(): Record<string, string>
}

/**
 * Normalise an origin (`HTTP://LOCALHOST:3334/` → `http://localhost:3334`).
 *
 * @param origin - an origin or URL
 * @returns the origin, or undefined when it is not an http(s) URL
 */
export function normalizeOrigin(origin: string): string | undefined {
  try {
    const url = new URL(origin)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined
  } catch {
    return undefined
  }
}

/**
 * The lake's own origins on a port: both schemes (one port serves both), every loopback name.
 *
 * @param port - the port the lake listens on
 * @returns origins such as `https://127.0.0.1:3333`
 */
export function ownOrigins(port: number): string[] {
  return ['http', 'https'].flatMap((scheme) =>
    ['127.0.0.1', 'localhost', '[::1]'].map((host) => `${scheme}://${host}:${port}`),
  )
}

/**
 * Build the policy.
 *
 * @param studioOrigins - allowed Studio origins (default {@link DEFAULT_STUDIO_ORIGINS})
 * @param port - the lake's port (its own origins are always allowed)
 * @returns the policy
 */
export function createCorsPolicy(studioOrigins: readonly string[] | undefined, port: number): CorsPolicy {
  const allowed = new Set(
    [...(studioOrigins ?? DEFAULT_STUDIO_ORIGINS), ...ownOrigins(port)].flatMap((origin) => normalizeOrigin(origin) ?? []),
  )
  const originOf = (req: IncomingMessage): string | undefined => {
    const origin = req.headers.origin
    return typeof origin === 'string' ? origin : undefined
  }
  const allows = (req: IncomingMessage): boolean => {
    const origin = originOf(req)
    if (origin === undefined) return true
    const normalized = normalizeOrigin(origin)
    return normalized !== undefined && normalized === origin.replace(/\/$/, '').toLowerCase() && allowed.has(normalized)
  }
  return {
    allows,
    headers: (req): Record<string, string> => {
      const origin = originOf(req)
      // Never reflected for an origin that is not allowed (public asset reads answer those too).
      if (origin === undefined || !allows(req)) return {}
      return {'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin'}
    },
    preflight: () => ({
      'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
      'Access-Control-Allow-Headers': ALLOWED_HEADERS.join(', '),
      'Access-Control-Max-Age': '600',
    }),
  }
}
