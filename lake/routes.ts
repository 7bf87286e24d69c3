/**
 * Every route the lake serves, in one table, each with the access it needs. The server answers
 * only requests that match a route here, and checks the route's access (security/gate.ts) before
 * any handler runs, so a new route cannot skip the check: it is unreachable until it is listed,
 * and listing it means saying who may call it.
 */

/**
 * Who may call a route:
 * - `public`: anyone (still only from allowed origins and loopback hosts); nothing in it is a
 *   document. A dataset it names must exist.
 * - `read`: documents of a dataset that must exist; published ones are public unless the lake
 *   is private, drafts and versions need the token (each handler filters).
 * - `token`: the token only (history, dataset names), as Sanity's History API requires.
 * - `write`: the token only, checked before the body is read.
 */
export type Access = 'public' | 'read' | 'token' | 'write'

/** What kind of endpoint a request hit (for the request log and fault injection). */
export type RequestKind = 'query' | 'mutate' | 'doc' | 'listen' | 'upload' | 'asset' | 'other'

/** The lake's routes by name; the server has one handler per name. */
export type RouteName =
  | 'query'
  | 'doc'
  | 'mutate'
  | 'actions'
  | 'listen'
  | 'upload'
  | 'dataPing'
  | 'history'
  | 'references'
  | 'schedules'
  | 'schedulesWrite'
  | 'studioExtra'
  | 'datasets'
  | 'datasetAcl'
  | 'project'
  | 'asset'
  | 'socket'
  | 'studio'

/** One route of the table. */
export interface RouteSpec {
  name: RouteName
  /** HTTP methods it answers (`*` for any). */
  methods: readonly string[]
  /** Matched against the path after the `/v<apiVersion>` prefix (or the whole path, unversioned). */
  pattern: RegExp
  access: Access
  kind: RequestKind
  /** The capture group holding the dataset name, when the route names one. */
  datasetGroup?: number
  /** Only without a `/v…` prefix (asset URLs, the Studio's own files). */
  unversionedOnly?: boolean
  /** A WebSocket upgrade, not a request. */
  upgrade?: boolean
}

const READ = ['GET', 'HEAD']

/** The table. Order matters where patterns overlap: the first match wins. */
export const LAKE_ROUTES: readonly RouteSpec[] = [
  {name: 'query', methods: ['GET', 'POST'], pattern: /^\/data\/query\/([^/]+)$/, access: 'read', kind: 'query', datasetGroup: 1},
  {name: 'doc', methods: ['GET'], pattern: /^\/data\/doc\/([^/]+)\/(.+)$/, access: 'read', kind: 'doc', datasetGroup: 1},
  {name: 'mutate', methods: ['POST'], pattern: /^\/data\/mutate\/([^/]+)$/, access: 'write', kind: 'mutate', datasetGroup: 1},
  {name: 'actions', methods: ['POST'], pattern: /^\/data\/actions\/([^/]+)$/, access: 'write', kind: 'mutate', datasetGroup: 1},
  {name: 'listen', methods: ['GET'], pattern: /^\/data\/listen\/([^/]+)$/, access: 'read', kind: 'listen', datasetGroup: 1},
  {name: 'upload', methods: ['POST'], pattern: /^\/assets\/(images|files)\/([^/]+)$/, access: 'write', kind: 'upload', datasetGroup: 2},
  // The Studio's latency probe (`client.getDataUrl('ping')`), sent without credentials; closed
  // with the rest by --private (it would tell which datasets exist).
  {name: 'dataPing', methods: READ, pattern: /^\/data\/ping\/([^/]+)$/, access: 'read', kind: 'other', datasetGroup: 1},
  {name: 'history', methods: READ, pattern: /^\/data\/history\/([^/]+)\/(.+)$/, access: 'token', kind: 'other', datasetGroup: 1},
  {name: 'references', methods: READ, pattern: /^\/data\/references\/([^/]+)\/documents\/[^/]+\/to$/, access: 'read', kind: 'other', datasetGroup: 1},
  {name: 'schedules', methods: READ, pattern: /^\/schedules\/[^/]+\/([^/]+)$/, access: 'read', kind: 'other', datasetGroup: 1},
  {name: 'schedulesWrite', methods: ['*'], pattern: /^\/schedules\//, access: 'write', kind: 'other'},
  // Telemetry consent (denied), the telemetry sink (dropped unread), upsell journeys (none), help (none).
  {name: 'studioExtra', methods: READ, pattern: /^\/(intake\/telemetry-status|journey\/.+|help)$/, access: 'public', kind: 'other'},
  {name: 'studioExtra', methods: ['POST'], pattern: /^\/intake\/batch$/, access: 'public', kind: 'other'},
  // The project's datasets (names, and creating and deleting them): the token only.
  {name: 'datasets', methods: ['GET', 'HEAD', 'PUT', 'DELETE'], pattern: /^(?:\/projects\/[^/]+)?\/datasets(?:\/([^/]+))?\/?$/, access: 'token', kind: 'other'},
  {name: 'datasetAcl', methods: READ, pattern: /^\/projects\/[^/]+\/datasets\/([^/]+)\/acl$/, access: 'read', kind: 'other', datasetGroup: 1},
  // The one offline user, its fixed grants, project settings: the same for everyone, no documents.
  {
    name: 'project',
    methods: READ,
    pattern: /^\/(ping|acl|features|users\/[^/]+|users\/me\/keyvalue(\/.*)?|projects\/[^/]+(\/(features|user-applications|grants))?)$/,
    access: 'public',
    kind: 'other',
  },
  // Asset bytes are public, as on Sanity's CDN.
  {name: 'asset', methods: READ, pattern: /^\/(images|files)\/[^/]+\/([^/]+)\/[^/]+$/, access: 'public', kind: 'asset', unversionedOnly: true},
  // The Studio's presence socket: it reveals nothing (nobody else is present).
  {name: 'socket', methods: ['GET'], pattern: /^\/socket\/([^/]+)$/, access: 'public', kind: 'other', datasetGroup: 1, upgrade: true},
]

/** The built Studio's pages and files, when the lake serves one (any other unversioned GET). */
export const STUDIO_ROUTE: RouteSpec = {name: 'studio', methods: READ, pattern: /^\//, access: 'public', kind: 'other', unversionedOnly: true}

/** A request matched to a route. */
export interface RouteMatch {
  spec: RouteSpec
  /** The dataset it names, if any. */
  dataset?: string
  /** The pattern's capture groups. */
  groups: string[]
}

const VERSIONED = /^\/v(\d+|X|\d{4}-\d{2}-\d{2})(\/.*)$/

/** A URL path split into its API version and the rest. */
export interface SplitPath {
  /** `1` when the path has no `/v…` prefix. */
  apiVersion: string
  rest: string
  versioned: boolean
}

/**
 * Split `/v2025-02-19/data/query/x` into its version and the rest.
 *
 * @param pathname - the URL path
 * @returns version, rest and whether a prefix was there
 */
export function splitVersion(pathname: string): SplitPath {
  const versioned = VERSIONED.exec(pathname)
  return {apiVersion: versioned?.[1] ?? '1', rest: versioned?.[2] ?? pathname, versioned: versioned !== null}
}

/**
 * The route a request hits, if any.
 *
 * @param method - HTTP method
 * @param path - the split URL path
 * @param options - `studio`: the lake serves a built Studio (it answers every unversioned GET but
 *   asset URLs); `upgrade`: a WebSocket upgrade
 * @returns the match, or undefined (the server answers 404)
 */
export function matchRoute(method: string, path: SplitPath, options: {studio?: boolean; upgrade?: boolean} = {}): RouteMatch | undefined {
  // With a Studio to serve, every unversioned GET is the Studio's, except asset bytes.
  const studio = Boolean(options.studio) && !options.upgrade && !path.versioned && STUDIO_ROUTE.methods.includes(method)
  for (const spec of LAKE_ROUTES) {
    if (studio && spec.name !== 'asset') continue
    if (Boolean(spec.upgrade) !== Boolean(options.upgrade)) continue
    if (spec.unversionedOnly && path.versioned) continue
    if (!spec.methods.includes('*') && !spec.methods.includes(method)) continue
    const match = spec.pattern.exec(path.rest)
    if (!match) continue
    const groups = match.slice(1).map((group) => group ?? '')
    const dataset = spec.datasetGroup === undefined ? undefined : safeDecode(groups[spec.datasetGroup - 1] ?? '')
    return {spec, dataset, groups}
  }
  return studio ? {spec: STUDIO_ROUTE, groups: []} : undefined
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
