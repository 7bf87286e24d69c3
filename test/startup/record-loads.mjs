// Preloaded by test/startup/commands.test.ts: prints, at exit, every module URL the process
// loaded (one `loaded <url>` line each on stderr).
import {registerHooks} from 'node:module'

const loaded = new Set()
registerHooks({
  resolve(specifier, context, nextResolve) {
    const result = nextResolve(specifier, context)
    loaded.add(result.url)
    return result
  },
})
process.on('exit', () => {
  for (const url of loaded) process.stderr.write(`loaded ${url}\n`)
})
