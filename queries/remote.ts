import type {SanityClient} from '@sanity/client'
import {loadTargetConfig} from '../importer/sinks/dataset/config'
import {createReadClient, type ReadPerspective} from './data-view'

/**
 * The client a frontend would use, configured like the push (environment, then `.env`): a real
 * project, or the local lake when `SANITY_API_HOST` is set. Published reads send no token.
 * @param perspective - `published` (default), `drafts` or `raw`
 * @returns a client for the configured target
 */
export async function createQueryClient(perspective: ReadPerspective = 'published'): Promise<SanityClient> {
  return createReadClient(loadTargetConfig(), perspective)
}
