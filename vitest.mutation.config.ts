import {defineConfig, mergeConfig} from 'vitest/config'
import base from './vitest.config.ts'

/**
 * The suites Stryker runs against each mutant (`npm run mutation`): the base config without the
 * suites that drive a browser, spawn processes or wait on real timers. Those cannot kill a
 * mutant of the core modules that the in-process suites do not, and a single one costs more
 * than a whole mutant run of the rest.
 */
export const SLOW_SUITES = [
  'test/studio/**',
  'test/render/**',
  'test/setup/**',
  'test/schema/typegen-staleness.test.ts',
  'test/importer/cli.test.ts',
  'test/push/corpus.test.ts',
  'test/push/crash.test.ts',
  'test/push/sample.test.ts',
  'test/lake/disk-full.test.ts',
  'test/lake/durability.test.ts',
  'test/lake/limits.test.ts',
  'test/queries/cli.test.ts',
  'test/export/cli.test.ts',
]

const config = mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: ['**/node_modules/**', ...SLOW_SUITES],
      // Stryker reports; the summary line is for CI.
      reporters: ['default'],
    },
  }),
)
// The mutated module's own test files (set by test/mutation/run.mjs) replace the base include
// (mergeConfig would concatenate the lists).
if (process.env.MUTATION_TESTS) config.test!.include = process.env.MUTATION_TESTS.split(',')

export default config
