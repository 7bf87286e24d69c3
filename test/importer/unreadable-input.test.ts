/**
 * Inputs the file system refuses to read: exit 1 and one located "permission denied" line, the
 * earlier output intact. The refusal is injected (EACCES/EPERM from `node:fs/promises`), so the
 * path is tested as root too, where `chmod 000` does not stop a read (cli.test.ts checks the
 * real chmod when not root).
 */
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, afterEach, describe, expect, test, vi} from 'vitest'
import {runCli} from '../../importer/main.ts'

/** Absolute paths whose open/readdir fails, and with which code. */
const refused = vi.hoisted(() => new Map<string, 'EACCES' | 'EPERM'>())

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>()
  const refuse = (syscall: string, target: unknown): Error | undefined => {
    const code = refused.get(String(target))
    if (!code) return undefined
    return Object.assign(new Error(`${code}: permission denied, ${syscall} '${String(target)}'`), {code, syscall, path: String(target)})
  }
  return {
    ...actual,
    open: (async (target, ...rest) => {
      const error = refuse('open', target)
      if (error) throw error
      return actual.open(target, ...rest)
    }) as typeof actual.open,
    readdir: (async (target, ...rest) => {
      const error = refuse('scandir', target)
      if (error) throw error
      return (actual.readdir as (...args: unknown[]) => Promise<unknown>)(target, ...rest)
    }) as typeof actual.readdir,
  }
})

const GOOD = '---\ntitle: Good Report\nyear: 2024\n---\n## Hello\n\nWorld.\n'
const EARLIER = '{"_id":"earlier","_type":"report"}\n'
const dir = mkdtempSync(path.join(tmpdir(), 'importer-unreadable-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))
afterEach(() => refused.clear())

async function cli(argv: string[]) {
  const stderr: string[] = []
  const code = await runCli(argv, {stdout: () => {}, stderr: (line) => stderr.push(line), env: {}, cwd: dir, isTTY: false})
  return {code, stderr}
}

function caseDir(name: string): {folder: string; out: string} {
  const folder = path.join(dir, name)
  const out = path.join(folder, 'out', 'dataset.ndjson')
  mkdirSync(path.dirname(out), {recursive: true})
  writeFileSync(out, EARLIER)
  return {folder, out}
}

describe('an input the file system refuses to read', () => {
  test.each(['EACCES', 'EPERM'] as const)('a file (%s): exit 1, "permission denied" at the file, earlier output intact', async (code) => {
    const {folder, out} = caseDir(`file-${code}`)
    const file = path.join(folder, 'r.md')
    writeFileSync(file, GOOD)
    refused.set(file, code)
    const result = await cli([path.relative(dir, file), '--out', out])
    expect(result.code).toBe(1)
    expect(result.stderr[0]).toBe(`file-${code}/r.md: error: permission denied: cannot read it [unreadable]`)
    expect(result.stderr.join('\n')).not.toMatch(/\n\s+at /)
    expect(readFileSync(out, 'utf8')).toBe(EARLIER)
  })

  test('a folder it cannot list: exit 1, "permission denied" at the folder', async () => {
    const {folder, out} = caseDir('folder')
    const inner = path.join(folder, 'reports')
    mkdirSync(inner)
    writeFileSync(path.join(inner, 'r.md'), GOOD)
    refused.set(inner, 'EACCES')
    const result = await cli(['folder/reports', '--out', out])
    expect(result.code).toBe(1)
    expect(result.stderr[0]).toBe('folder/reports: error: permission denied: cannot read it [unreadable]')
    expect(readFileSync(out, 'utf8')).toBe(EARLIER)
  })

  test('the same file read again once allowed: imported (the refusal, not the file, failed the run)', async () => {
    const {folder, out} = caseDir('allowed')
    const file = path.join(folder, 'r.md')
    writeFileSync(file, GOOD)
    const result = await cli([file, '--out', out])
    expect(result.code).toBe(0)
    expect(readFileSync(out, 'utf8')).toContain('"title":"Good Report"')
  })
})
