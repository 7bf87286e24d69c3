/**
 * The one place the document builders reach the Portable Text converter
 * (`importer/portable-text`), so its API is named once.
 */
export {checkUrl, createContentKeys, createProvisionalKeys, phrasingToPlainText, stableKeys, toPortableText} from '../portable-text/index.ts'
export type {ConvertContext, PortableTextMember} from '../portable-text/index.ts'
