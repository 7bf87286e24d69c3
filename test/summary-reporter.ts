import type {Reporter, TestModule} from 'vitest/node'

/**
 * Prints one closing line `tests: N passed, N failed[, N skipped]` after vitest's own report,
 * the plain form CI reads in any language.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0
    let failed = unhandledErrors.length
    let skipped = 0
    for (const testModule of testModules) {
      // A module that failed to load has no test cases: count it as a failure.
      if (testModule.state() === 'failed' && [...testModule.children.allTests()].length === 0) failed++
      for (const testCase of testModule.children.allTests()) {
        const state = testCase.result().state
        if (state === 'passed') passed++
        else if (state === 'failed') failed++
        else skipped++
      }
    }
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`)
  }
}
