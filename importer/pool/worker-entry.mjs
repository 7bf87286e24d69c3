// Worker bootstrap in plain JavaScript: a thread started under tsx (the CLI, `node --import
// tsx`) inherits its loader; elsewhere (vitest, plain node) tsx's API loads the TypeScript.
if (process.execArgv.some((arg) => arg.includes('tsx'))) await import('./worker.ts')
else await (await import('tsx/esm/api')).tsImport('./worker.ts', import.meta.url)
