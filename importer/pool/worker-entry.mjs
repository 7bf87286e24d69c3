// Worker bootstrap in plain JavaScript: loads worker.ts through tsx's loader when the thread
// does not have it already (a worker started from vitest or from plain node).
try {
  await import('./worker.ts')
} catch (error) {
  if (error?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error
  const {tsImport} = await import('tsx/esm/api')
  await tsImport('./worker.ts', import.meta.url)
}
