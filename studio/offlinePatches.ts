/**
 * Requests the Studio makes on its own that can never succeed without Sanity's servers, and that
 * Sanity 6.16 offers no setting for, taken out of an offline build at their source (so the browser
 * never refuses them: no console errors). Each patch names the exact code it replaces; a build
 * where a patch finds nothing to replace fails, so an upgraded `sanity` cannot silently bring the
 * requests back. Only builds aimed at a local lake use this (offlineVite.ts).
 */
import type {Plugin} from 'vite'

/** One source change in a dependency's module. */
export interface OfflinePatch {
  /** What the patch stops, for the build error. */
  name: string
  /** The modules it applies to (resolved paths; a package may be installed more than once). */
  module: RegExp
  /** A name in the code the patch changes: a module that has it must take the patch. */
  marker: string
  /** The exact code replaced (must occur once). */
  find: string
  replace: string
}

/** The patches, each with the request it stops. */
export const OFFLINE_PATCHES: readonly OfflinePatch[] = [
  {
    // The SDK layer probes for a session cookie at `<projectId>.api.sanity.io/v1/users/me`,
    // ignoring the workspace's apiHost; the offline Studio signs in with the lake's token.
    name: 'cookie-auth probe (<projectId>.api.sanity.io/v1/users/me)',
    module: /@sanity[\\/]sdk[\\/]dist[\\/][^\\/]+\.js$/,
    marker: 'checkForCookieAuth',
    find: 'async function checkForCookieAuth(projectId, clientFactory) {\n',
    replace: 'async function checkForCookieAuth(projectId, clientFactory) {\n\treturn !1;\n',
  },
  {
    // The package version check on sanity-cdn.com (every 15 minutes): no new version offline.
    name: 'version check (sanity-cdn.com/v1/modules)',
    module: /[\\/]sanity[\\/]lib[\\/]index\.js$/,
    marker: 'fetchLatestAvailableVersionForPackage',
    find: 'fetchLatestAvailableVersionForPackage = async (options) => {\n',
    replace: 'fetchLatestAvailableVersionForPackage = async (options) => {\n\treturn;\n',
  },
  {
    // The help menu checks that the feedback tunnel (api.sanity.io/vX/intake/feedback) works.
    name: 'feedback tunnel check (api.sanity.io/vX/intake/feedback)',
    module: /[\\/]sanity[\\/]lib[\\/]index\.js$/,
    marker: 'function useFeedbackAvailable(',
    find: 'skip = t0 !== void 0 && t0, [available, setAvailable] = useState(null)',
    replace: 'skip = !0, [available, setAvailable] = useState(null)',
  },
]

/**
 * Apply the patches that concern one module.
 *
 * @param code - the module's source
 * @param id - its resolved path
 * @param patches - the patches to try
 * @returns the patched source and the names of the patches applied
 * @throws Error when a module has a patch's marker but not exactly once the code it replaces
 */
export function patchModule(code: string, id: string, patches: readonly OfflinePatch[] = OFFLINE_PATCHES): {code: string; applied: string[]} {
  let out = code
  const applied: string[] = []
  for (const patch of patches) {
    if (!patch.module.test(id) || !out.includes(patch.marker)) continue
    const at = out.indexOf(patch.find)
    if (at < 0 || out.indexOf(patch.find, at + 1) >= 0) {
      throw new Error(`offline patch "${patch.name}": ${id} has "${patch.marker}" but not exactly once the code the patch replaces (see studio/offlinePatches.ts)`)
    }
    out = out.slice(0, at) + patch.replace + out.slice(at + patch.find.length)
    applied.push(patch.name)
  }
  return {code: out, applied}
}

/**
 * A build-only Vite plugin applying {@link OFFLINE_PATCHES}; the build fails when one of them
 * found nothing to change (the dependency changed: re-check the request it stops).
 *
 * @param patches - the patches (default: all)
 * @returns the plugin
 */
export function offlinePatchesPlugin(patches: readonly OfflinePatch[] = OFFLINE_PATCHES): Plugin {
  const applied = new Set<string>()
  return {
    name: 'annual-reports:offline-patches',
    apply: 'build',
    transform(code, id) {
      if (!patches.some((patch) => patch.module.test(id))) return undefined
      const result = patchModule(code, id, patches)
      for (const name of result.applied) applied.add(name)
      return result.applied.length > 0 ? {code: result.code, map: null} : undefined
    },
    buildEnd(error) {
      if (error) return
      const missing = patches.filter((patch) => !applied.has(patch.name)).map((patch) => patch.name)
      if (missing.length > 0) this.error(`offline build: these requests could not be taken out (the code changed; see studio/offlinePatches.ts): ${missing.join('; ')}`)
    },
  }
}
