/**
 * The offline defaults every part of the project shares: where the local lake listens and
 * where it keeps its data. Constants only, so the Studio bundle, the push and the lake can all
 * import them. (The token is not a constant: it is random per data folder, see lake/token.ts.)
 */

/** The data folder `npm run lake` serves; its random token is `<folder>/lake-token` (lake/token.ts). */
export const DEFAULT_LAKE_DIR = '.data'

/** The project id and dataset used when none is configured. */
export const OFFLINE_PROJECT_ID = 'offline'
export const DEFAULT_DATASET = 'production'

/** The port `npm run lake` listens on. */
export const DEFAULT_LAKE_PORT = 3333

/** The lake for Node tools (plain HTTP) and for browsers (TLS, HTTP/2), on the same port. */
export const OFFLINE_LAKE_URL = `http://127.0.0.1:${DEFAULT_LAKE_PORT}`
export const OFFLINE_LAKE_SECURE_URL = `https://127.0.0.1:${DEFAULT_LAKE_PORT}`
