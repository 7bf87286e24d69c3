/**
 * Numbers a page's footnotes in reading order of their references (as GFM does; a footnote
 * never referenced gets the next number where it is defined) and hands out unique element ids,
 * so references and definitions link both ways even when one footnote is referenced twice.
 */
export class FootnoteNumbers {
  readonly #numbers = new Map<string, number>()
  readonly #references = new Map<string, number>()
  readonly #referenced: ReadonlySet<string>

  /**
   * @param referencedLabels - the labels of every footnote reference on the page, in reading order
   */
  constructor(referencedLabels: Iterable<string> = []) {
    for (const label of referencedLabels) this.number(label)
    this.#referenced = new Set(this.#numbers.keys())
  }

  /**
   * @param label - a footnote label
   * @returns whether the page references it (so its definition can link back)
   */
  isReferenced(label: string): boolean {
    return this.#referenced.has(label)
  }

  /**
   * @param label - the footnote's label as stored
   * @returns its number on this page (1, 2, …)
   */
  number(label: string): number {
    let number = this.#numbers.get(label)
    if (number === undefined) {
      number = this.#numbers.size + 1
      this.#numbers.set(label, number)
    }
    return number
  }

  /**
   * Registers one more reference to a footnote.
   * @param label - the footnote's label
   * @returns the footnote's number and the id of this reference (`fnref-2`, then `fnref-2-2`, …)
   */
  reference(label: string): {number: number; id: string} {
    const number = this.number(label)
    const count = (this.#references.get(label) ?? 0) + 1
    this.#references.set(label, count)
    return {number, id: count === 1 ? referenceId(number) : `${referenceId(number)}-${count}`}
  }
}

/**
 * @param number - a footnote number
 * @returns the id of the footnote's definition
 */
export function footnoteId(number: number): string {
  return `fn-${number}`
}

/**
 * @param number - a footnote number
 * @returns the id of the footnote's first reference (the definition's back link)
 */
export function referenceId(number: number): string {
  return `fnref-${number}`
}
