/**
 * Located messages for the importer: every warning and error names
 * `file:line:column` when the source position is known, so an editor can find
 * what the importer could not carry.
 */

/** A place in a source file, 1-based as in mdast/unist positions. */
export interface SourcePoint {
  line: number
  column: number
}

/** Anything that may carry a unist position (mdast and hast nodes do). */
export interface Positioned {
  position?: {start: SourcePoint} | undefined
}

/** `note`: something the importer changed on request (e.g. `--fix-links`), located like a warning. */
export type Severity = 'warning' | 'error' | 'note'

export interface Diagnostic {
  severity: Severity
  /** A short stable identifier, e.g. `empty-link`, `unsafe-url`. */
  rule: string
  message: string
  file: string
  line?: number
  column?: number
}

/** `file:line:column: severity: message [rule]` (line/column left out when unknown). */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where = [diagnostic.file, diagnostic.line, diagnostic.column]
    .filter((part) => part !== undefined && part !== '')
    .join(':')
  return `${where}: ${diagnostic.severity}: ${diagnostic.message} [${diagnostic.rule}]`
}

/** An error the CLI reports as one located line and a non-zero exit, never a stack trace. */
export class ImportError extends Error {
  readonly diagnostic: Diagnostic

  constructor(diagnostic: Omit<Diagnostic, 'severity'>) {
    super(formatDiagnostic({...diagnostic, severity: 'error'}))
    this.name = 'ImportError'
    this.diagnostic = {...diagnostic, severity: 'error'}
  }
}

function pointOf(at: Positioned | SourcePoint | undefined): SourcePoint | undefined {
  if (!at) return undefined
  if ('line' in at && typeof at.line === 'number') return at
  return (at as Positioned).position?.start
}

/** Collects the warnings of one source file, in the order they were found. */
export class Diagnostics {
  readonly file: string
  readonly list: Diagnostic[] = []

  constructor(file: string) {
    this.file = file
  }

  /**
   * Records a warning.
   * @param rule - stable identifier of the kind of problem
   * @param message - what was not carried, or changed, and why
   * @param at - the mdast/hast node or source point it concerns
   */
  warn(rule: string, message: string, at?: Positioned | SourcePoint): void {
    this.record('warning', rule, message, at)
  }

  /**
   * Records a note: a change made because the user asked for it.
   * @param rule - stable identifier of the kind of change
   * @param message - what was changed, from what to what
   * @param at - the node or source point it concerns
   */
  note(rule: string, message: string, at?: Positioned | SourcePoint): void {
    this.record('note', rule, message, at)
  }

  private record(severity: 'warning' | 'note', rule: string, message: string, at?: Positioned | SourcePoint): void {
    const point = pointOf(at)
    this.list.push({
      severity,
      rule,
      message,
      file: this.file,
      ...(point ? {line: point.line, column: point.column} : {}),
    })
  }

  /**
   * Builds (does not throw) a located {@link ImportError}.
   * @returns the error, for the caller to throw
   */
  error(rule: string, message: string, at?: Positioned | SourcePoint): ImportError {
    const point = pointOf(at)
    return new ImportError({
      rule,
      message,
      file: this.file,
      ...(point ? {line: point.line, column: point.column} : {}),
    })
  }
}
