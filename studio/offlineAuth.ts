import {createClient} from '@sanity/client'
import {createMockAuthStore} from 'sanity'
import type {AuthStore} from 'sanity'
import {SCHEMA_API_VERSION} from '../schemas/index.ts'
import type {StudioEnv} from './env.ts'

/** The stand-in editor the offline Studio acts as (the local lake does not check users). */
const OFFLINE_USER = {
  id: 'offline-editor',
  name: 'Offline editor',
  email: 'editor@localhost',
  role: 'administrator',
  roles: [{name: 'administrator', title: 'Administrator'}],
}

/**
 * An auth store for a Studio without Sanity's servers: a signed-in user and a client aimed at
 * the local Content Lake, carrying the lake's token (`SANITY_STUDIO_API_TOKEN`, which
 * `npm run studio` reads from the lake's data folder) so drafts can be read and edits saved.
 * The client is configured as Sanity's own auth store configures the Studio's client (raw
 * perspective: the Studio looks up a document's drafts and versions with it, and deleting a
 * never-published draft depends on finding it; no CDN; the Studio's request tag prefix), with
 * the token instead of a session cookie. The token is meant for the browser here (a local lake's
 * own token), hence no browser-token warning.
 *
 * @param env - the resolved Studio target; `apiHost` must be set
 * @returns an auth store to pass as the workspace's `auth`
 */
export function offlineAuthStore(env: StudioEnv & {apiHost: string}): AuthStore {
  const client = createClient({
    projectId: env.projectId,
    dataset: env.dataset,
    apiHost: env.apiHost,
    useProjectHostname: false,
    apiVersion: SCHEMA_API_VERSION,
    useCdn: false,
    perspective: 'raw',
    requestTagPrefix: 'sanity.studio',
    ...(env.token ? {token: env.token, ignoreBrowserTokenWarning: true} : {withCredentials: true}),
  })
  return createMockAuthStore({client, currentUser: OFFLINE_USER})
}
