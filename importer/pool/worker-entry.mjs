// Worker bootstrap in plain JavaScript: a thread started under tsx (the CLI, `node --import
// tsx`) usually inherits its loader; elsewhere (vitest, plain node, a Node that does not hand
// loaders to workers) tsx's API loads the TypeScript.
const viaApi = async () => (await import('tsx/esm/api')).tsImport('./worker.ts', import.meta.url)
if (process.execArgv.some((arg) => arg.includes('tsx'))) {
  try {
    await import('./worker.ts')
  } catch (error) {
    if (error?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error
    await viaApi()
  }
} else await viaApi()
