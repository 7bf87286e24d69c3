import type {RootContent} from 'mdast'
import {convertBlocks} from './blocks.ts'
import type {ConvertContext, Session} from './context.ts'
import {mdastToHast} from './mdast-to-hast.ts'
import {unwrapNoscript} from './noscript.ts'
import type {PortableTextMember} from './types.ts'

/**
 * Converts mdast block nodes (a section body, the report intro) to
 * `blockContent`. Nothing written is dropped or changed silently: whatever
 * cannot be carried is reported on `context.diagnostics` with its place.
 *
 * @param nodes - mdast block nodes, in document order
 * @param context - diagnostics, key generator, image resolver, block hook, definitions
 * @returns Portable Text members, every array member keyed
 */
export function toPortableText(nodes: readonly RootContent[], context: ConvertContext): PortableTextMember[] {
  const hookResults: PortableTextMember[][] = []
  const hooked = new Map<RootContent, number>()
  if (context.blockHook) {
    for (const node of nodes) {
      const members = context.blockHook(node)
      if (members) hooked.set(node, hookResults.push(members) - 1)
    }
  }
  const tree = unwrapNoscript(mdastToHast(nodes, {
    diagnostics: context.diagnostics,
    definitions: context.definitions,
    source: context.source,
    hooked,
  }))
  const session: Session = {
    diagnostics: context.diagnostics,
    keys: context.keys,
    resolveImage: context.resolveImage ?? ((src) => ({src})),
    hookResults,
  }
  return convertBlocks(tree.children, session)
}
