// The core modules under mutation testing, each with the test files that run against its
// mutants (`npm run mutation`; see docs/mutation.md). Focused suites keep one module's run to
// minutes: every mutant that code outside a test reaches (a module constant, a `beforeAll`)
// re-runs all the files listed here.

/** @type {Array<{name: string, mutate: string[], tests: string[]}>} */
export const CORE_MODULES = [
  {
    name: 'Portable Text conversion',
    mutate: ['importer/portable-text/**/*.ts', '!importer/portable-text/index.ts'],
    // Not raw-html.test.ts and robustness.test.ts: 60 s of scale tests (3,000-deep HTML, 10 MB
    // paragraphs) that every module-level mutant would re-run; the rest take about 4 s.
    tests: [
      'test/portable-text/blocks.test.ts',
      'test/portable-text/inline.test.ts',
      'test/portable-text/invariants.test.ts',
      'test/portable-text/keys.test.ts',
      'test/portable-text/list-start.test.ts',
      'test/portable-text/noscript.test.ts',
      'test/portable-text/plain-text.test.ts',
      'test/portable-text/safety.test.ts',
      'test/portable-text/url-policy.test.ts',
      'test/mutation/portable-text*.test.ts',
    ],
  },
  {
    name: 'document ids',
    mutate: ['importer/documents/ids.ts'],
    tests: ['test/mutation/ids.test.ts', 'test/importer/registry.test.ts', 'test/importer/bylines.test.ts'],
  },
  {
    name: 'push plan',
    mutate: ['importer/sinks/dataset/plan.ts'],
    // repush-reads: the summary read (issue 23), which the unit suites do not reach.
    tests: ['test/push/units.test.ts', 'test/push/merge.test.ts', 'test/push/repush-reads.test.ts', 'test/mutation/plan*.test.ts'],
  },
  {
    name: 'push merge',
    mutate: ['importer/sinks/dataset/merge.ts'],
    tests: ['test/push/merge.test.ts', 'test/push/units.test.ts', 'test/mutation/merge*.test.ts'],
  },
  {
    name: 'lake store',
    mutate: ['lake/store.ts'],
    tests: ['test/lake/journal.test.ts', 'test/lake/mutate.test.ts', 'test/lake/actions.test.ts', 'test/mutation/store*.test.ts'],
  },
  {
    name: 'lake journal',
    mutate: ['lake/journal.ts'],
    tests: ['test/lake/journal.test.ts', 'test/mutation/journal*.test.ts'],
  },
  {
    name: 'lake read access',
    mutate: ['lake/security/read-access.ts'],
    tests: ['test/lake/security.test.ts', 'test/mutation/read-access*.test.ts'],
  },
]
