/** Running the project's own commands (importer, Sanity CLI) from a test, under this Node. */
import path from 'node:path'

/** The repository root. */
export const repoRoot = path.resolve(import.meta.dirname, '../..')

export {runNode} from '../../studio/offline/run-node.ts'
