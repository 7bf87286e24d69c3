import type {Definition, RootContent} from 'mdast'
import type {Diagnostics, Positioned} from '../diagnostics.ts'
import type {KeyGenerator} from './keys.ts'
import type {PortableTextMember} from './types.ts'

/** What an image object carries for one image URL. */
export interface ImageSource {
  src: string
  _sanityAsset?: string
}

/** What the caller gives {@link toPortableText}. */
export interface ConvertContext {
  /** Located warnings (file:line:column from mdast positions). */
  diagnostics: Diagnostics
  /** `_key` for every array member, deterministic. */
  keys: KeyGenerator
  /** Maps an image URL to what the image object carries; default keeps `{src}`. */
  resolveImage?: (src: string, at: Positioned) => ImageSource
  /** Maps a project-logo HTML block to members (a projectCard); undefined if not a project logo. */
  blockHook?: (node: RootContent) => PortableTextMember[] | undefined
  /** Link/image reference definitions from elsewhere in the document (the nodes' own win). */
  definitions?: readonly Definition[]
  /** The whole markdown source; only used to recover thematic-break markers (`***`). */
  source?: string
}

/** The state shared by the hast → Portable Text mappers during one conversion. */
export interface Session {
  diagnostics: Diagnostics
  keys: KeyGenerator
  resolveImage: (src: string, at: Positioned) => ImageSource
  /** Members produced by the caller's blockHook, by placeholder index. */
  hookResults: readonly PortableTextMember[][]
}
