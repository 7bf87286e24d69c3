import type {SanityClient} from '@sanity/client'
import {createTargetClient, loadTargetConfig} from '../importer/sinks/dataset'

/**
 * The client frontends would use, configured like the push (environment, then `.env`): a real
 * project, or the local lake when `SANITY_API_HOST` is set.
 * @returns a client for the configured target
 */
export async function createQueryClient(): Promise<SanityClient> {
  return createTargetClient(loadTargetConfig())
}
