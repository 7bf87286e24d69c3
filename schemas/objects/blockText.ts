import {defineArrayMember} from 'sanity'

/** Decorators a span may carry (GFM emphasis, code, strike-through, and raw-HTML u/sup/sub). */
export const DECORATORS = [
  {title: 'Strong', value: 'strong'},
  {title: 'Emphasis', value: 'em'},
  {title: 'Code', value: 'code'},
  {title: 'Strike', value: 'strike-through'},
  {title: 'Underline', value: 'underline'},
  {title: 'Superscript', value: 'sup'},
  {title: 'Subscript', value: 'sub'},
] as const

/** The decorator values, for rules that check marks. */
export const DECORATOR_VALUES: readonly string[] = DECORATORS.map((decorator) => decorator.value)

const ALL_STYLES = [
  {title: 'Normal', value: 'normal'},
  {title: 'Heading 1', value: 'h1'},
  {title: 'Heading 2', value: 'h2'},
  {title: 'Heading 3', value: 'h3'},
  {title: 'Heading 4', value: 'h4'},
  {title: 'Heading 5', value: 'h5'},
  {title: 'Heading 6', value: 'h6'},
  {title: 'Quote', value: 'blockquote'},
]

const LISTS = [
  {title: 'Bullet', value: 'bullet'},
  {title: 'Numbered', value: 'number'},
]

/**
 * The `block` member shared by body text, footnotes and table cells, so decorators and
 * annotations stay identical everywhere text can appear.
 *
 * @param variant - `full` for body text (all styles, lists); `plain` for table cells (normal
 *   style, no lists: GFM cells hold inline content only)
 * @returns a `block` array member definition
 */
export function textBlock(variant: 'full' | 'plain') {
  return defineArrayMember({
    type: 'block',
    styles: variant === 'full' ? ALL_STYLES : [{title: 'Normal', value: 'normal'}],
    lists: variant === 'full' ? LISTS : [],
    marks: {
      decorators: [...DECORATORS],
      annotations: [defineArrayMember({type: 'link'}), defineArrayMember({type: 'internalLink'})],
    },
    of: [
      defineArrayMember({type: 'inlineImage'}),
      defineArrayMember({type: 'footnoteReference'}),
      defineArrayMember({type: 'taskMarker'}),
    ],
  })
}
