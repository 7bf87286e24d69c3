/**
 * A push as its own process, for tests that kill the push itself mid-way:
 * `node --import tsx test/push/push-process.ts <documents.json>`, target from the environment.
 */
import {readFileSync} from 'node:fs'
import type {SanityDocumentLike} from 'sanity'
import {pushToDataset} from '../../importer/sinks/dataset/index.ts'

const file = process.argv[2]
if (!file) throw new Error('usage: push-process.ts <documents.json>')
const documents = JSON.parse(readFileSync(file, 'utf8')) as SanityDocumentLike[]
await pushToDataset(documents, {dryRun: false, force: false, isTTY: false, log: (line) => console.log(line)})
