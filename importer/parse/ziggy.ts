/**
 * The subset of Ziggy (the data language of Zine's `.smd` front matter) a report's front matter
 * uses: `.key = value,` fields whose values are strings ("…" with escapes, or `\\` line strings),
 * numbers, `true`/`false`/`null`, tagged values (`@date("2024-01-16")`), lists `[…]`, maps
 * `{"key": value}` and structs `{.key = value}`; `//` comments.
 */

/** A value with where it starts (offset into the text). */
export interface ZiggyValue {
  value: unknown
  offset: number
  /** Fields of a struct or entries of a map, in order. */
  fields?: ZiggyField[]
}

export interface ZiggyField {
  key: string
  keyOffset: number
  value: ZiggyValue
}

/** A Ziggy syntax error at an offset of the text. */
export class ZiggyError extends Error {
  readonly offset: number

  constructor(
    message: string,
    offset: number,
  ) {
    super(message)
    this.offset = offset
  }
}

/**
 * Whether a front matter block reads as Ziggy rather than YAML: its first field is `.name =`.
 * @param text - the block between the `---` lines
 * @returns true for Ziggy
 */
export function looksLikeZiggy(text: string): boolean {
  return /^\s*(?:\/\/[^\n]*\n\s*)*\.[A-Za-z_][A-Za-z0-9_]*\s*=/.test(text)
}

/**
 * Parses Ziggy top-level fields (a struct body without braces).
 * @param text - the front matter text
 * @returns the fields in order
 * @throws ZiggyError located by offset
 */
export function parseZiggy(text: string): ZiggyField[] {
  const parser = new Parser(text)
  const fields = parser.fieldsUntil(undefined)
  parser.skip()
  if (parser.at < text.length) throw new ZiggyError(`unexpected ${JSON.stringify(text[parser.at])}`, parser.at)
  return fields
}

/** Nesting deeper than this is refused (a report's front matter is flat). */
const MAX_DEPTH = 32

class Parser {
  at = 0
  private depth = 0

  private readonly text: string

  constructor(text: string) {
    this.text = text
  }

  skip(): void {
    for (;;) {
      const rest = this.text.slice(this.at)
      const space = /^\s+/.exec(rest)
      if (space) {
        this.at += space[0].length
        continue
      }
      if (rest.startsWith('//')) {
        const end = this.text.indexOf('\n', this.at)
        this.at = end === -1 ? this.text.length : end + 1
        continue
      }
      return
    }
  }

  private expect(char: string): void {
    this.skip()
    if (this.text[this.at] !== char) throw new ZiggyError(`expected "${char}"`, this.at)
    this.at++
  }

  /** `.key = value` fields separated by commas, until `close` (or the end of the text). */
  fieldsUntil(close: string | undefined): ZiggyField[] {
    const fields: ZiggyField[] = []
    for (;;) {
      this.skip()
      if (this.at >= this.text.length || this.text[this.at] === close) return fields
      const keyOffset = this.at
      const key = /^\.([A-Za-z_][A-Za-z0-9_]*)/.exec(this.text.slice(this.at))
      if (!key) throw new ZiggyError('expected a field (".name = value")', this.at)
      this.at += key[0].length
      this.expect('=')
      fields.push({key: key[1]!, keyOffset, value: this.value()})
      this.skip()
      if (this.text[this.at] === ',') this.at++
      else if (this.at < this.text.length && this.text[this.at] !== close) throw new ZiggyError('expected "," between fields', this.at)
    }
  }

  value(): ZiggyValue {
    this.skip()
    const offset = this.at
    const rest = this.text.slice(this.at)
    if (++this.depth > MAX_DEPTH) throw new ZiggyError('front matter nested too deeply', offset)
    try {
      if (rest.startsWith('"')) return {value: this.string(), offset}
      if (rest.startsWith('\\\\')) return {value: this.lineString(), offset}
      if (rest.startsWith('[')) return this.list(offset)
      if (rest.startsWith('{') || rest.startsWith('.{')) return this.braces(offset)
      const tagged = /^@([A-Za-z_][A-Za-z0-9_]*)\(/.exec(rest)
      if (tagged) {
        this.at += tagged[0].length
        const inner = this.value()
        this.expect(')')
        return {value: {tag: tagged[1], value: inner.value}, offset}
      }
      const word = /^(?:true|false|null)\b/.exec(rest)
      if (word) {
        this.at += word[0].length
        return {value: word[0] === 'null' ? null : word[0] === 'true', offset}
      }
      const number = /^[-+]?(?:0x[0-9a-fA-F_]+|\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][-+]?\d+)?)/.exec(rest)
      if (number) {
        this.at += number[0].length
        return {value: Number(number[0].replaceAll('_', '')), offset}
      }
      throw new ZiggyError('expected a value', offset)
    } finally {
      this.depth--
    }
  }

  private string(): string {
    let out = ''
    this.at++
    while (this.at < this.text.length) {
      const char = this.text[this.at++]!
      if (char === '"') return out
      if (char === '\n') break
      if (char !== '\\') {
        out += char
        continue
      }
      const escaped = this.text[this.at++]
      if (escaped === 'n') out += '\n'
      else if (escaped === 't') out += '\t'
      else if (escaped === 'r') out += '\r'
      else if (escaped === 'u' && this.text[this.at] === '{') {
        const end = this.text.indexOf('}', this.at)
        const code = Number.parseInt(this.text.slice(this.at + 1, end), 16)
        if (end === -1 || !Number.isFinite(code) || code > 0x10ffff) throw new ZiggyError('invalid \\u{…} escape', this.at)
        out += String.fromCodePoint(code)
        this.at = end + 1
      } else if (escaped === '"' || escaped === '\\' || escaped === "'") out += escaped
      else throw new ZiggyError(`invalid escape "\\${escaped ?? ''}"`, this.at - 2)
    }
    throw new ZiggyError('unterminated string', this.at)
  }

  /** Consecutive `\\text` lines, joined with line breaks. */
  private lineString(): string {
    const lines: string[] = []
    for (;;) {
      const match = /^[ \t]*\\\\([^\n]*)(?:\n|$)/.exec(this.text.slice(this.at))
      if (!match) return lines.join('\n')
      lines.push(match[1]!)
      this.at += match[0].length
    }
  }

  private list(offset: number): ZiggyValue {
    this.at++
    const items: unknown[] = []
    for (;;) {
      this.skip()
      if (this.text[this.at] === ']') {
        this.at++
        return {value: items, offset}
      }
      items.push(this.value().value)
      this.skip()
      if (this.text[this.at] === ',') this.at++
      else if (this.text[this.at] !== ']') throw new ZiggyError('expected "," or "]"', this.at)
    }
  }

  /** `{.key = value}` (a struct) or `{"key": value}` (a map). */
  private braces(offset: number): ZiggyValue {
    if (this.text[this.at] === '.') this.at++
    this.at++
    this.skip()
    const fields = this.text[this.at] === '"' ? this.mapEntries() : this.fieldsUntil('}')
    this.expect('}')
    return {value: Object.fromEntries(fields.map((field) => [field.key, field.value.value])), offset, fields}
  }

  private mapEntries(): ZiggyField[] {
    const fields: ZiggyField[] = []
    for (;;) {
      this.skip()
      if (this.text[this.at] === '}') return fields
      const keyOffset = this.at
      if (this.text[this.at] !== '"') throw new ZiggyError('expected a "key"', this.at)
      const key = this.string()
      this.expect(':')
      fields.push({key, keyOffset, value: this.value()})
      this.skip()
      if (this.text[this.at] === ',') this.at++
      else if (this.text[this.at] !== '}') throw new ZiggyError('expected "," or "}"', this.at)
    }
  }
}
