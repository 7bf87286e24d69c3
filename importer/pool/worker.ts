/**
 * Worker thread body: converts the files the pool sends, one at a time, with the default
 * profile (a profile holds functions, which cannot cross threads).
 */
import {parentPort} from 'node:worker_threads'
import {openInfraProfile} from '../profile/openinfra'
import {convertFile} from './convert-file'
import type {FileTask} from './convert-file'
import type {WorkerReply, WorkerRequest} from './worker-pool'

const port = parentPort
if (!port) throw new Error('importer/pool/worker.ts runs only as a worker thread')

port.on('message', (request: WorkerRequest<FileTask>) => {
  convertFile(request.task, openInfraProfile).then(
    (result) => port.postMessage({id: request.id, result} satisfies WorkerReply<unknown>),
    (error: unknown) => {
      const failure = error instanceof Error ? {message: error.message, stack: error.stack} : {message: String(error)}
      port.postMessage({id: request.id, failure} satisfies WorkerReply<unknown>)
    },
  )
})
