/**
 * The project/user endpoints the Studio asks for, answered with plausible fixed JSON: one
 * offline administrator who may do everything.
 */

/** The lake's only user. */
export const OFFLINE_USER = {
  id: 'offline-user',
  name: 'Offline Editor',
  email: 'offline@localhost.invalid',
  profileImage: null,
  role: 'administrator',
  roles: [{name: 'administrator', title: 'Administrator', description: 'Full access (local lake)'}],
  provider: 'sanity',
}

/**
 * The offline user's document grants, as `/acl` and `/projects/:id/datasets/:dataset/acl` answer
 * them: everything, so the Studio enables editing and history.
 */
export const FULL_ACCESS = [{filter: '_id in path("**")', permissions: ['read', 'update', 'create', 'history']}]

/**
 * Answer a project/user endpoint.
 *
 * @param path - the path after the `/v<apiVersion>` prefix
 * @param projectId - the lake's project id
 * @param datasets - the datasets that exist (their ACL endpoints answer)
 * @returns the JSON to send, or undefined for an unknown endpoint
 */
export function projectEndpoint(path: string, projectId: string, datasets: string[]): unknown {
  if (path === '/users/me') return OFFLINE_USER
  if (path === '/users/me/keyvalue' || path.startsWith('/users/me/keyvalue/')) return []
  // `/users/<id>[,<id>…]` (who edited what): only the lake's user exists.
  const users = /^\/users\/([^/]+)$/.exec(path)
  if (users) {
    const found = (users[1] ?? '').split(',').filter((id) => id === OFFLINE_USER.id).map(() => OFFLINE_USER)
    return (users[1] ?? '').includes(',') ? found : found[0]
  }
  if (path === '/acl') return FULL_ACCESS
  if (path === '/features') return []
  if (path === '/ping') return {ok: true}
  const datasetAcl = /^\/projects\/[^/]+\/datasets\/([^/]+)\/acl$/.exec(path)
  if (datasetAcl) return datasets.includes(datasetAcl[1] ?? '') ? FULL_ACCESS : undefined
  const project = /^\/projects\/([^/]+)(\/[a-z-]+)?$/.exec(path)
  if (!project) return undefined
  const [, id = projectId, sub] = project
  // The dataset list (with the token) is lake/datasets.ts.
  if (sub === '/features' || sub === '/user-applications') return []
  // Project-level grants (deploy studio, invite members): none; document access comes from the ACLs.
  if (sub === '/grants') return {}
  if (sub !== undefined) return undefined
  return {
    id,
    displayName: 'Local Content Lake',
    studioHost: null,
    isBlocked: false,
    isDisabled: false,
    metadata: {color: '#2276fc', externalStudioHost: 'http://localhost:3333'},
    members: [{id: OFFLINE_USER.id, role: 'administrator', roles: OFFLINE_USER.roles, isRobot: false, isCurrentUser: true}],
  }
}
