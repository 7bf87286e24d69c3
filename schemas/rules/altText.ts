import {defineField} from 'sanity'
import type {CustomValidator} from 'sanity'

/** The parts of an image value the alt-text rule looks at. */
interface AltParent {
  decorative?: boolean | null
  asset?: {_ref?: string} | null
  src?: string | null
}

/**
 * Alt text is required unless the image is explicitly marked decorative: an empty alt is a
 * choice an editor makes, not something left out by accident.
 *
 * @param value - the alt text
 * @param context - the validation context (its `parent` is the image object)
 * @returns true, or a message asking for alt text or the decorative choice
 */
export const altOrDecorative: CustomValidator<string | undefined> = (value, context) => {
  const parent = context.parent as AltParent | undefined
  if (parent?.decorative === true) return true
  // Nothing to describe yet: an image without a file or source is reported by its own rule.
  if (!parent?.asset?._ref && !parent?.src?.trim()) return true
  return typeof value === 'string' && value.trim() !== ''
    ? true
    : {message: 'Describe the image, or mark it decorative', path: []}
}

/**
 * The alt text and decorative fields every image type carries (imageWithAlt, figure, inlineImage).
 *
 * @returns `[alt, decorative]` field definitions; alt hides once the image is decorative
 */
export function altTextFields() {
  return [
    defineField({
      name: 'alt',
      title: 'Alternative text',
      type: 'string',
      description: 'What the image shows, for people who cannot see it',
      hidden: ({parent}) => (parent as AltParent | undefined)?.decorative === true,
      validation: (rule) => rule.custom(altOrDecorative),
    }),
    defineField({
      name: 'decorative',
      title: 'Decorative image',
      type: 'boolean',
      // No initialValue: it would create an image object (and its errors) in every empty image field.
      description: 'Adds nothing to the text: screen readers skip it (rendered with an empty alt)',
    }),
  ]
}
