import type {SanityClient} from '@sanity/client'
import {loadTarget} from '../config/load.ts'
import {createReadClient, type ReadPerspective} from './read-client.ts'

/**
 * The client a frontend would use, configured like every command (`config/target.ts`: the
 * environment, then `.env`): a real project, or the local lake for project id `offline`.
 * Published reads send no token.
 * @param perspective - `published` (default), `drafts` or `raw`
 * @returns a client for the configured target
 * @throws TargetError when the configuration cannot be used
 */
export async function createQueryClient(perspective: ReadPerspective = 'published'): Promise<SanityClient> {
  return createReadClient(loadTarget(), perspective)
}
