import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Two cores on CI: keep forks to two, and give server/browser tests room.
    pool: 'forks',
    // Memory tests measure what an import retains after a full collection.
    execArgv: ['--expose-gc'],
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', './test/summary-reporter.ts'],
    // Fails the run when a test wrote into the checkout (test/setup/checkout-guard.ts).
    globalSetup: ['./test/setup/checkout-guard.ts'],
  },
})
