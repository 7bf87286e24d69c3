import {defineConfig} from 'sanity'
import {structureTool} from 'sanity/structure'
import {schemaTypes} from '../schemas/index.ts'
import {resolveStudioEnv} from './env.ts'
import type {StudioEnvSource} from './env.ts'
import {offlineAuthStore} from './offlineAuth.ts'
import {defaultDocumentNode} from './documentNode.ts'
import {resolveBrowserApiHost} from './offline/same-origin.ts'
import {structure} from './structure.ts'
import {reportActions} from './reportActions.tsx'

/**
 * `SANITY_STUDIO_*` are written out literally so Vite can replace them in the browser bundle
 * (sanity.cli.ts defines them with the fallbacks applied). The `SANITY_*` fallbacks only exist
 * in Node (CLI commands, tests), hence the guard.
 */
const source: StudioEnvSource = {
  SANITY_STUDIO_PROJECT_ID: process.env.SANITY_STUDIO_PROJECT_ID,
  SANITY_STUDIO_DATASET: process.env.SANITY_STUDIO_DATASET,
  SANITY_STUDIO_API_HOST: process.env.SANITY_STUDIO_API_HOST,
  SANITY_STUDIO_API_TOKEN: process.env.SANITY_STUDIO_API_TOKEN,
  ...(typeof process === 'object' && process.env
    ? {
        SANITY_PROJECT_ID: process.env.SANITY_PROJECT_ID,
        SANITY_DATASET: process.env.SANITY_DATASET,
        SANITY_API_HOST: process.env.SANITY_API_HOST,
      }
    : {}),
}
const env = resolveStudioEnv(source)

/**
 * Features whose backend is one of Sanity's services the local lake does not stand in for
 * (lake/README.md, "What it does not do"): off in the offline Studio, so it neither asks for them
 * at every start nor offers actions that cannot succeed. A real project keeps Sanity's defaults.
 */
const OFFLINE_FEATURES = {
  releases: {enabled: false},
  scheduledDrafts: {enabled: false},
  scheduledPublishing: {enabled: false},
  tasks: {enabled: false},
  announcements: {enabled: false},
} as const

// `same-origin` (npm run studio:offline): the lake that serves this Studio is its API host.
const apiHost = resolveBrowserApiHost(env.apiHost)

export default defineConfig({
  name: 'default',
  title: 'Annual reports',
  projectId: env.projectId,
  dataset: env.dataset,
  plugins: [structureTool({structure, defaultDocumentNode})],
  schema: {types: schemaTypes},
  // Reports: "Publish with sections"; deleting an unpublished report offers its unpublished sections.
  // Offline, comments are off too (they need an add-on dataset the lake does not have).
  document: {actions: reportActions, ...(apiHost ? {comments: {enabled: false}} : {})},
  // Offline: a mock signed-in user and a client aimed at the local lake (see studio/README.md).
  // `apiHost` on the workspace as well: the Studio's SDK layer resolves the current user through
  // it (without it, it asks `<projectId>.api.sanity.io/v1/users/me`).
  ...(apiHost ? {apiHost, auth: offlineAuthStore({...env, apiHost}), ...OFFLINE_FEATURES} : {}),
})
