// Preloaded by the npm scripts (`node --import ./config/compile-cache.mjs …`): Node keeps the
// compiled (and type-stripped) code of every module it loads in node_modules/.cache, keyed by the
// source's content, so a command's second start skips most of that work. Plain JavaScript, so it
// runs before any TypeScript is loaded. NODE_DISABLE_COMPILE_CACHE=1 turns it off.
import {enableCompileCache} from 'node:module'
import path from 'node:path'

enableCompileCache?.(path.join(import.meta.dirname, '..', 'node_modules', '.cache', 'node-compile-cache'))
