import {createClient} from '@sanity/client'
import {createMockAuthStore} from 'sanity'
import type {AuthStore} from 'sanity'
import {SCHEMA_API_VERSION} from '../schemas'
import type {StudioEnv} from './env'
import {OFFLINE_TOKEN} from '../lake/defaults'

/** The stand-in editor the offline Studio acts as (the local lake does not check users). */
const OFFLINE_USER = {
  id: 'offline-editor',
  name: 'Offline editor',
  email: 'editor@localhost',
  role: 'administrator',
  roles: [{name: 'administrator', title: 'Administrator'}],
}

/** The lake's public offline token; real tokens never go into the bundle. */
const LOCAL_LAKE_TOKEN = OFFLINE_TOKEN

/**
 * An auth store for a Studio without Sanity's servers: a signed-in user and a client aimed at
 * the local Content Lake, carrying the lake's public offline token so edits can be saved.
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
    withCredentials: true,
    token: LOCAL_LAKE_TOKEN,
  })
  return createMockAuthStore({client, currentUser: OFFLINE_USER})
}
