import {defineCliConfig} from 'sanity/cli'
import {resolveStudioEnv, studioDefines} from './env'
import {isLoopbackHost, offlineStudioPlugin} from './offlineVite'
import {offlinePatchesPlugin} from './offlinePatches'

const env = resolveStudioEnv(process.env)

/**
 * CLI config. Paths are relative to the repository root, where the package scripts run the CLI
 * (the root sanity.cli.ts re-exports this file).
 */
export default defineCliConfig({
  api: {projectId: env.projectId, dataset: env.dataset},
  // No import map of Sanity's module CDN: the Studio runs the installed sanity package (and its
  // hosted error reporting, which only an auto-updating Studio enables, stays off).
  deployment: {autoUpdates: false},
  // Required fields are non-optional in the generated types: the importer guarantees them.
  schemaExtraction: {path: 'schemas/schema.json', enforceRequiredFields: true},
  typegen: {
    path: ['queries/**/*.ts', 'studio/**/*.ts'],
    schema: 'schemas/schema.json',
    generates: 'schemas/sanity.types.ts',
  },
  // The browser bundle sees only SANITY_STUDIO_* variables: bake in the resolved fallbacks.
  // Aimed at a local lake, the Studio is also kept from reaching any other host (studio/README.md).
  vite: (config) => ({
    ...config,
    define: {...config.define, ...studioDefines(env)},
    plugins: [...(config.plugins ?? []), ...(isLoopbackHost(env.apiHost) ? [offlineStudioPlugin(env.apiHost), offlinePatchesPlugin()] : [])],
  }),
})
