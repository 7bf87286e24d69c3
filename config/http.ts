/**
 * Every request a command makes ends: @sanity/client's transport with connect, response and idle
 * timeouts. The client's own default is one five-minute deadline per request (none at all for
 * uploads), so a server that accepts a connection and never answers would hold a push for
 * minutes. Here the connection must open within `connectMs`, the response headers arrive within
 * `responseMs` of the request being sent, and the body never pauses longer than `idleMs`; each
 * fails with undici's error code (`UND_ERR_CONNECT_TIMEOUT`, `UND_ERR_HEADERS_TIMEOUT`,
 * `UND_ERR_BODY_TIMEOUT`), which callers name and may retry.
 *
 * The same undici `fetch` and proxy-from-environment agent the client uses by default
 * (get-it's node transport), only with the timeouts set.
 */
import type {ClientConfig} from '@sanity/client'
import type {EnvHttpProxyAgent} from 'undici'

/**
 * A successful answer that is not the Sanity API's JSON (an HTML page, a truncated body): the
 * client would read it as an empty result, so a push to the wrong server would look done.
 */
export class UnexpectedResponseError extends Error {
  override name = 'UnexpectedResponseError'
  /** For `networkCode`-style checks: never retried. */
  readonly code = 'ERR_UNEXPECTED_RESPONSE'

  readonly origin: string

  /**
   * @param origin - who answered
   * @param what - what came back, briefly
   */
  constructor(
    origin: string,
    what: string,
  ) {
    super(`${origin} answered ${what}, not the Sanity API's JSON`)
    this.origin = origin
  }
}

/** What a client transport must be (get-it's `FetchFunction`). */
export type FetchFunction = ReturnType<NonNullable<ClientConfig['resolveFetch']>>

/** How long each phase of a request may take, in milliseconds. */
export interface Timeouts {
  connectMs: number
  responseMs: number
  idleMs: number
}

/** Defaults: a silent server fails a request in 20 s, so a push with one retry ends within a minute. */
export const DEFAULT_TIMEOUTS: Timeouts = {connectMs: 10_000, responseMs: 20_000, idleMs: 20_000}

/**
 * The timeouts, with `SANITY_TIMEOUT_MS` (all three) or `SANITY_CONNECT_TIMEOUT_MS`,
 * `SANITY_RESPONSE_TIMEOUT_MS`, `SANITY_IDLE_TIMEOUT_MS` from the environment (tests make them short).
 * @param env - variables to read
 * @param overrides - explicit settings (win)
 * @returns the timeouts
 */
export function timeoutsFrom(env: NodeJS.ProcessEnv, overrides: Partial<Timeouts> = {}): Timeouts {
  const all = positive(env.SANITY_TIMEOUT_MS)
  const pick = (name: string, fallback: number): number => positive(env[name]) ?? all ?? fallback
  return {
    connectMs: pick('SANITY_CONNECT_TIMEOUT_MS', DEFAULT_TIMEOUTS.connectMs),
    responseMs: pick('SANITY_RESPONSE_TIMEOUT_MS', DEFAULT_TIMEOUTS.responseMs),
    idleMs: pick('SANITY_IDLE_TIMEOUT_MS', DEFAULT_TIMEOUTS.idleMs),
    ...overrides,
  }
}

/**
 * A client transport with the given timeouts, for `createClient({resolveFetch: () => …})`.
 * @param timeouts - connect, response and idle limits
 * @returns the fetch function; its agent keeps connections alive like the client's own
 */
export function timedFetch(timeouts: Timeouts): FetchFunction {
  // undici loads on the first request: a command that never sends one does not pay for it.
  let transport: Promise<{undici: typeof import('undici'); dispatcher: EnvHttpProxyAgent}> | undefined
  const start = async () => {
    const undici = await import('undici')
    const dispatcher = new undici.EnvHttpProxyAgent({
      connectTimeout: timeouts.connectMs,
      headersTimeout: timeouts.responseMs,
      bodyTimeout: timeouts.idleMs,
    })
    return {undici, dispatcher}
  }
  return async (input, init) => {
    const {undici, dispatcher} = await (transport ??= start())
    const body = init?.body
    const response = await undici.fetch(input, {
      ...(init as Parameters<typeof undici.fetch>[1]),
      dispatcher,
      // A streamed request body needs half-duplex (as the client's own transport sets it).
      ...(body instanceof ReadableStream ? {duplex: 'half'} : {}),
    })
    const common = {
      ok: response.ok,
      status: response.status,
      statusText: response.statusText,
      headers: response.headers as unknown as Headers,
      url: response.url,
      redirected: response.redirected,
    }
    const type = response.headers.get('content-type') ?? ''
    // Error answers are the client's to describe; event streams are read as they come.
    if (!response.ok || type.startsWith('text/event-stream')) {
      return {...common, body: response.body as ReadableStream<Uint8Array> | null, text: () => response.text(), arrayBuffer: () => response.arrayBuffer()}
    }
    const bytes = Buffer.from(await response.arrayBuffer())
    checkJson(bytes, type, response.status, new URL(input).origin)
    const copy = (): ArrayBuffer => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
    return {
      ...common,
      body: bytes.length === 0 ? null : new Blob([copy()]).stream(),
      text: async () => bytes.toString('utf8'),
      arrayBuffer: async () => copy(),
    }
  }
}

/** A 2xx answer must be JSON (or empty): anything else is not the API. */
function checkJson(bytes: Buffer, type: string, status: number, origin: string): void {
  if (bytes.length === 0) return
  const sample = `${JSON.stringify(bytes.subarray(0, 60).toString('utf8'))}${bytes.length > 60 ? '…' : ''}`
  if (!/[/+]json\b/i.test(type)) throw new UnexpectedResponseError(origin, `HTTP ${status} with ${type || 'no content type'} (${sample})`)
  try {
    JSON.parse(bytes.toString('utf8'))
  } catch {
    throw new UnexpectedResponseError(origin, `HTTP ${status} with JSON that does not parse (${bytes.length} bytes: ${sample})`)
  }
}

/**
 * Client settings that give every request of a client these timeouts, within the client's own
 * overall deadline (client-side retries stay the caller's choice).
 * @param timeouts - connect, response and idle limits
 * @returns the `resolveFetch` setting
 */
export function timeoutSettings(timeouts: Timeouts): Pick<ClientConfig, 'resolveFetch'> {
  const fetch = timedFetch(timeouts)
  return {resolveFetch: () => fetch}
}

function positive(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined
  const number = Number(value)
  return Number.isInteger(number) && number > 0 ? number : undefined
}
