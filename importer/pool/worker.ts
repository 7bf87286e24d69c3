/**
 * Worker thread body: converts the files the pool sends, one at a time and in the order sent
 * (the pool sends some ahead), each with the profile compiled from the data its task carries
 * (a profile's functions cannot cross threads; its data can).
 */
import {parentPort} from 'node:worker_threads'
import {openInfraProfile} from '../profile/openinfra.ts'
import {convertFile} from './convert-file.ts'
import type {FileTask} from './convert-file.ts'
import type {WorkerReply, WorkerRequest} from './worker-pool.ts'

const port = parentPort
if (!port) throw new Error('importer/pool/worker.ts runs only as a worker thread')

let previous: Promise<void> = Promise.resolve()

async function answer(request: WorkerRequest<FileTask>): Promise<void> {
  try {
    const result = await convertFile(request.task, openInfraProfile)
    // The report's bytes move to the main thread instead of being copied.
    port!.postMessage({id: request.id, result} satisfies WorkerReply<unknown>, result.ok ? [result.entry.buffer as ArrayBuffer] : [])
  } catch (error) {
    const failure = error instanceof Error ? {message: error.message, stack: error.stack} : {message: String(error)}
    port!.postMessage({id: request.id, failure} satisfies WorkerReply<unknown>)
  }
}

port.on('message', (request: WorkerRequest<FileTask>) => {
  previous = previous.then(() => answer(request))
})
