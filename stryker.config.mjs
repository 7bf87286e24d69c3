// @ts-check
import {CORE_MODULES} from './test/mutation/modules.mjs'

/**
 * Mutation testing of the core modules (`npm run mutation`, see docs/mutation.md): Stryker
 * changes one expression at a time and runs the tests that cover it; a change no test notices
 * (a survivor) is a behaviour nobody checks. Not part of `npm test`.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: {configFile: 'vitest.mutation.config.ts', related: true, pool: 'forks'},
  // Each mutant runs only the tests that reached it in the dry run.
  coverageAnalysis: 'perTest',
  // Two cores, shared: one test process at a time.
  concurrency: 1,
  mutate: CORE_MODULES.flatMap((module) => module.mutate),
  // The sandbox is a copy of the tree under coverage/ (git-ignored); `../shared` is linked beside it.
  tempDirName: 'coverage/stryker-tmp',
  ignorePatterns: ['coverage', '.data', 'studio/dist', 'dist', '.sanity', 'test-artifacts'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: {fileName: 'coverage/mutation/index.html'},
  jsonReporter: {fileName: 'coverage/mutation/mutation.json'},
  clearTextReporter: {allowColor: false, logTests: false, reportScoreTable: true},
  // A loaded machine: give a mutant's run room before calling it a timeout.
  timeoutMS: 20_000,
  timeoutFactor: 2,
  thresholds: {high: 90, low: 80, break: null},
}
