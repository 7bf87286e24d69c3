import {ImportError} from '../diagnostics.ts'
import type {SourcePoint} from '../diagnostics.ts'
import {pointAt} from './position.ts'

/**
 * Turns a file's bytes into markdown text, refusing what is not a text report: binary files
 * (NUL bytes), bytes that are not UTF-8, and empty or whitespace-only files.
 * @param bytes - the file's content
 * @param file - the file name, for messages
 * @returns the text without a byte order mark
 * @throws ImportError located at the first offending byte
 */
export function decodeSource(bytes: Uint8Array, file: string): string {
  const nul = bytes.indexOf(0)
  if (nul !== -1) {
    throw new ImportError({
      rule: 'binary-file',
      message: 'this is a binary file (NUL byte), not markdown',
      file,
      ...locate(bytes, nul),
    })
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', {fatal: true}).decode(bytes)
  } catch {
    const bad = firstInvalidByte(bytes)
    throw new ImportError({
      rule: 'not-utf8',
      message: `invalid UTF-8 at byte ${bad}: save the file as UTF-8`,
      file,
      ...locate(bytes, bad),
    })
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  if (text.trim() === '') throw new ImportError({rule: 'empty-file', message: 'the file is empty', file})
  return text
}

/** Line and column of a byte offset, counting the (valid) text before it. */
function locate(bytes: Uint8Array, offset: number): SourcePoint {
  const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, offset))
  return pointAt(prefix, prefix.length)
}

/**
 * The offset of the first byte that makes the input invalid UTF-8: a binary search for the
 * longest prefix a streaming strict decoder accepts (an incomplete trailing sequence is not an
 * error while streaming, so validity of prefixes is monotonic).
 */
function firstInvalidByte(bytes: Uint8Array): number {
  let good = 0
  let bad = bytes.length
  while (bad - good > 1) {
    const mid = (good + bad) >>> 1
    if (decodesAsPrefix(bytes.subarray(0, mid))) good = mid
    else bad = mid
  }
  return startOfTrailingSequence(bytes, good)
}

/** When a prefix ends inside a multi-byte sequence, that sequence's lead byte is the culprit. */
function startOfTrailingSequence(bytes: Uint8Array, end: number): number {
  let start = end
  while (start > 0 && end - start < 3 && (bytes[start - 1]! & 0xc0) === 0x80) start--
  return start > 0 && bytes[start - 1]! >= 0xc0 ? start - 1 : end
}

function decodesAsPrefix(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', {fatal: true}).decode(bytes, {stream: true})
    return true
  } catch {
    return false
  }
}
