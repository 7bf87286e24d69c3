// Worker bootstrap in plain JavaScript: Node 24 strips the types of `worker.ts` itself (every
// import in the importer names its `.ts` file). Only a Node that does not strip types (an older
// one, or `--no-experimental-strip-types`) needs tsx's API to load the TypeScript.
try {
  await import('./worker.ts')
} catch (error) {
  if (error?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error
  await (await import('tsx/esm/api')).tsImport('./worker.ts', import.meta.url)
}
