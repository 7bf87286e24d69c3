/**
 * Accumulates the children of one block: spans (merged when their marks are
 * equal), inline objects and link markDefs, collapsing HTML whitespace the way
 * a browser renders it. Span text is kept as parts and joined once, so long
 * paragraphs stay linear.
 */
import type {Element} from 'hast'
import type {Session} from './context.ts'
import type {BlockChild, InlineObject, LinkMarkDef} from './types.ts'

/** A mark list and its order-independent identity (for merging). */
export interface Marks {
  readonly list: readonly string[]
  readonly id: string
}

export const NO_MARKS: Marks = {list: [], id: ''}

/**
 * @param marks - the current marks
 * @param mark - a decorator or markDef key
 * @returns marks with `mark` added (the same object when already present)
 */
export function addMark(marks: Marks, mark: string): Marks {
  if (marks.list.includes(mark)) return marks
  const list = [...marks.list, mark]
  return {list, id: [...list].sort().join(' ')}
}

interface PendingSpan {
  kind: 'span'
  key: string
  marks: Marks
  parts: string[]
}

type Pending = PendingSpan | {kind: 'object'; value: InlineObject}

interface LinkUse {
  def: LinkMarkDef
  node: Element
  /** An inline image was inside: the link could not be carried on it. */
  image: boolean
}

const OBJECT_CHAR = '\ufffc'

export class InlineBuilder {
  private readonly items: Pending[] = []
  /** Last character emitted; '' at the start of the block. */
  private tail = ''
  private readonly links = new Map<string, LinkUse>()

  private readonly session: Session

  constructor(session: Session) {
    this.session = session
  }

  /** Whether nothing has been emitted yet. */
  get empty(): boolean {
    return this.items.length === 0
  }

  /**
   * Adds text, collapsing whitespace runs to one space and dropping spaces at
   * the start of the block or of a line.
   */
  text(value: string, marks: Marks): void {
    let text = value.replace(/[ \t\n\r\f]+/g, ' ')
    if (text.startsWith(' ') && (this.tail === '' || this.tail === ' ' || this.tail === '\n')) {
      text = text.slice(1)
    }
    if (text === '') return
    this.append(text, marks)
  }

  /** A hard line break: `\n` in span text; none at the start of a block. */
  lineBreak(marks: Marks): void {
    if (this.tail === '') return
    this.trimEnd(' ')
    this.append('\n', marks)
  }

  /** Separates block-level content met inside inline content with one line break. */
  separate(): void {
    // lineBreak itself adds nothing at the start of the block.
    if (this.tail !== '\n') this.lineBreak(NO_MARKS)
  }

  /**
   * Adds an inline object; links in `marks` cannot be carried on it. A
   * `leading` object (task marker) still counts as the start of the text.
   */
  object(value: InlineObject, marks: Marks, leading = false): void {
    for (const mark of marks.list) {
      const link = this.links.get(mark)
      if (link) link.image = true
    }
    this.items.push({kind: 'object', value})
    this.tail = leading ? '' : OBJECT_CHAR
  }

  /** Registers a link markDef; it is kept only if some span ends up using it. */
  link(def: LinkMarkDef, node: Element): void {
    this.links.set(def._key, {def, node, image: false})
  }

  /**
   * Ends the block: trims trailing whitespace and breaks, drops unused link
   * markDefs (reporting empty links).
   *
   * @returns the children and the markDefs that spans use
   */
  finish(): {children: BlockChild[]; markDefs: LinkMarkDef[]} {
    this.trimEnd(' \n')
    const used = new Set<string>()
    const children: BlockChild[] = this.items.map((item) => {
      if (item.kind === 'object') return item.value
      for (const mark of item.marks.list) used.add(mark)
      return {_type: 'span', _key: item.key, text: item.parts.join(''), marks: [...item.marks.list]}
    })
    const markDefs: LinkMarkDef[] = []
    for (const [key, link] of this.links) {
      if (used.has(key)) markDefs.push(link.def)
      else if (link.image) {
        this.session.diagnostics.warn(
          'link-on-inline-image',
          `the link to ${link.def.href} around an image inside text is not carried (inline images cannot carry links)`,
          link.node,
        )
      } else {
        this.session.diagnostics.warn('empty-link', `empty link to ${link.def.href} dropped: it has no text`, link.node)
      }
    }
    return {children, markDefs}
  }

  private append(text: string, marks: Marks): void {
    const last = this.items.at(-1)
    if (last?.kind === 'span' && last.marks.id === marks.id) last.parts.push(text)
    else this.items.push({kind: 'span', key: this.session.keys(), marks, parts: [text]})
    this.tail = text.at(-1) ?? this.tail
  }

  /** Removes trailing characters in `chars` from the end of the block. */
  private trimEnd(chars: string): void {
    while (chars.includes(this.tail) && this.tail !== '') {
      const last = this.items.at(-1)
      if (last?.kind !== 'span') return
      const part = last.parts.pop() ?? ''
      const trimmed = part.slice(0, -1)
      if (trimmed !== '') last.parts.push(trimmed)
      if (last.parts.length === 0) this.items.pop()
      this.tail = this.lastChar()
    }
  }

  private lastChar(): string {
    const last = this.items.at(-1)
    if (!last) return ''
    if (last.kind === 'object') return OBJECT_CHAR
    return last.parts.at(-1)?.at(-1) ?? ''
  }
}
