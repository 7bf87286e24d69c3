import {defineCliConfig} from 'sanity/cli'
import {checkedStudioEnv, resolveStudioEnv, studioDefines} from './env.ts'
import {isLoopbackHost, offlineStudioPlugin} from './offlineVite.ts'
import {offlinePatchesPlugin} from './offlinePatches.ts'

const env = resolveStudioEnv(process.env)
/** `sanity deploy`: the hostname asked for on the first deploy (`<name>.sanity.studio`), and the app id it prints for later ones. */
const studioHostname = process.env.SANITY_STUDIO_HOSTNAME?.trim()
const appId = process.env.SANITY_STUDIO_APP_ID?.trim()

/**
 * CLI config. Paths are relative to the repository root, where the package scripts run the CLI
 * (the root sanity.cli.ts re-exports this file).
 */
export default defineCliConfig({
  api: {projectId: env.projectId, dataset: env.dataset},
  // No import map of Sanity's module CDN: the Studio runs the installed sanity package (and its
  // hosted error reporting, which only an auto-updating Studio enables, stays off).
  deployment: {autoUpdates: false, ...(appId ? {appId} : {})},
  ...(studioHostname ? {studioHost: studioHostname} : {}),
  // Required fields are non-optional in the generated types: the importer guarantees them.
  schemaExtraction: {path: 'schemas/schema.json', enforceRequiredFields: true},
  typegen: {
    path: ['queries/**/*.ts', 'studio/**/*.ts'],
    schema: 'schemas/schema.json',
    generates: 'schemas/sanity.types.ts',
  },
  // The browser bundle sees only SANITY_STUDIO_* variables: bake in the resolved fallbacks.
  // Aimed at a local lake, the Studio is also kept from reaching any other host (studio/README.md).
  // Only a Studio being built or served gets here: a real project id aimed at this machine stops it.
  vite: (config) => {
    const built = checkedStudioEnv(process.env)
    return {
      ...config,
      define: {...config.define, ...studioDefines(built)},
      plugins: [...(config.plugins ?? []), ...(isLoopbackHost(built.apiHost) ? [offlineStudioPlugin(built.apiHost), offlinePatchesPlugin()] : [])],
    }
  },
})
