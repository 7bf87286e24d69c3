import type {Diagnostic} from './diagnostics.ts'
import {formatDiagnostic} from './diagnostics.ts'

/**
 * A run that found bad input: every error of every file, so one run lists them all. Nothing
 * is written when this is thrown.
 */
export class ImportFailure extends Error {
  readonly errors: Diagnostic[]

  constructor(errors: Diagnostic[]) {
    super(errors.map(formatDiagnostic).join('\n'))
    this.name = 'ImportFailure'
    this.errors = errors
  }
}
