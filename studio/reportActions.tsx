import {Box, Button, Flex, Stack, Text} from '@sanity/ui'
import {PublishIcon} from '@sanity/icons/Publish'
import {useEffect, useState} from 'react'
import {useClient, useValidationStatus} from 'sanity'
import type {DocumentActionComponent, DocumentActionsResolver, SanityClient} from 'sanity'
import {SCHEMA_API_VERSION} from '../schemas/index.ts'

/** A section draft as the actions read it. */
interface SectionDraft {
  _id: string
  _rev: string
  title?: string | null
}

/** The section ids a report lists (its `sections[]._ref`), each once. */
function sectionRefs(report: Record<string, unknown> | null | undefined): string[] {
  const list = report?.sections
  const refs = Array.isArray(list) ? list.map((ref: {_ref?: unknown} | null) => ref?._ref) : []
  return [...new Set(refs.filter((ref): ref is string => typeof ref === 'string'))]
}

/** The drafts (raw perspective) among `ids`, with their revisions. */
function fetchDrafts(client: SanityClient, ids: string[]): Promise<SectionDraft[]> {
  return client.fetch<SectionDraft[]>('*[_id in $ids]{_id, _rev, title}', {ids}, {perspective: 'raw', tag: 'report-actions'})
}

/**
 * "Publish with sections": the report and every section draft it lists, published together in one
 * request (the Actions API runs it as one transaction), so the report's pending references to new
 * sections become strong in the same step. Offered when there is anything to publish.
 *
 * @param props - the document action props
 * @returns the action, or null when the report and its sections have no drafts
 */
export const PublishWithSectionsAction: DocumentActionComponent = (props) => {
  const client = useClient({apiVersion: SCHEMA_API_VERSION})
  const refs = sectionRefs(props.draft ?? props.published)
  const refsKey = refs.join(',')
  const [sectionDrafts, setSectionDrafts] = useState<SectionDraft[]>([])
  const [busy, setBusy] = useState(false)
  const {validation} = useValidationStatus(props.draft?._id ?? props.id, props.type, true)
  // "Referenced document must be published" is no obstacle for a section published in the same step.
  const publishing = new Set(sectionDrafts.map((draft) => draft._id.replace(/^drafts\./, '')))
  const hasErrors = validation.some(
    (marker) => marker.level === 'error' && !(marker.code === 'reference.not-published' && publishing.has(String(marker.details?.referenceId))),
  )

  useEffect(() => {
    let live = true
    const ids = refsKey ? refsKey.split(',').map((id) => `drafts.${id}`) : []
    fetchDrafts(client, ids).then((drafts) => live && setSectionDrafts(drafts), () => live && setSectionDrafts([]))
    return () => {
      live = false
    }
  }, [client, refsKey, props.draft?._rev])

  if (!props.draft && sectionDrafts.length === 0) return null
  return {
    label: busy ? 'Publishing…' : `Publish with sections (${sectionDrafts.length})`,
    icon: PublishIcon,
    tone: 'primary',
    disabled: busy || hasErrors,
    title: hasErrors ? 'The report has validation errors' : 'Publishes this report and every section draft it lists, together',
    onHandle: async () => {
      setBusy(true)
      try {
        // Read again: what is published is what exists now, each pinned to the revision read.
        const drafts = await fetchDrafts(client, [...refs.map((id) => `drafts.${id}`), `drafts.${props.id}`])
        const publish = (draft: SectionDraft) => ({
          actionType: 'sanity.action.document.publish' as const,
          draftId: draft._id,
          publishedId: draft._id.replace(/^drafts\./, ''),
          ifDraftRevisionId: draft._rev,
        })
        const report = drafts.filter((draft) => draft._id === `drafts.${props.id}`)
        const sections = drafts.filter((draft) => draft._id !== `drafts.${props.id}`)
        await client.action([...sections, ...report].map(publish), {tag: 'publish-with-sections'})
      } finally {
        setBusy(false)
        props.onComplete()
      }
    },
  }
}
PublishWithSectionsAction.displayName = 'PublishWithSectionsAction'

/**
 * The Delete action for reports, extended: deleting a report that was never published offers to
 * delete with it the sections it lists that were never published either and that no other report
 * lists (they were made for it, e.g. by "Next year's report"). Otherwise the Studio's own Delete.
 *
 * @param original - the Studio's Delete action
 * @returns the extended action
 */
export function withUnpublishedSections(original: DocumentActionComponent): DocumentActionComponent {
  const DeleteReportAction: DocumentActionComponent = (props) => {
    const base = original(props)
    const client = useClient({apiVersion: SCHEMA_API_VERSION})
    const [sections, setSections] = useState<SectionDraft[]>([])
    const [open, setOpen] = useState(false)
    const [busy, setBusy] = useState(false)
    const unpublished = !props.published && Boolean(props.draft)
    const refsKey = unpublished ? sectionRefs(props.draft).join(',') : ''

    useEffect(() => {
      if (!refsKey) return undefined
      let live = true
      const refs = refsKey.split(',')
      client
        .fetch<{drafts: SectionDraft[]; published: string[]; elsewhere: Array<string | null>}>(
          `{
            "drafts": *[_id in $drafts]{_id, _rev, title},
            "published": *[_id in $refs]._id,
            "elsewhere": *[_type == "report" && !(_id in [$id, "drafts." + $id])].sections[]._ref
          }`,
          {drafts: refs.map((id) => `drafts.${id}`), refs, id: props.id},
          {perspective: 'raw', tag: 'report-actions.delete'},
        )
        .then((found) => {
          const keep = new Set([...found.published, ...found.elsewhere.filter((ref): ref is string => typeof ref === 'string')])
          if (live) setSections(found.drafts.filter((draft) => !keep.has(draft._id.replace(/^drafts\./, ''))))
        })
        .catch(() => live && setSections([]))
      return () => {
        live = false
      }
    }, [client, refsKey, props.id])

    if (!base || !unpublished || sections.length === 0) return base
    const remove = async (withSections: boolean): Promise<void> => {
      setBusy(true)
      try {
        const ids = [`drafts.${props.id}`, ...(withSections ? sections.map((section) => section._id) : [])]
        await client.action(
          ids.map((versionId) => ({actionType: 'sanity.action.document.version.discard' as const, versionId})),
          {tag: 'delete-report'},
        )
      } finally {
        setBusy(false)
        setOpen(false)
        props.onComplete()
      }
    }
    const titles = sections.map((section) => section.title?.trim() || section._id.replace(/^drafts\./, ''))
    return {
      ...base,
      onHandle: () => setOpen(true),
      dialog: open && {
        type: 'dialog',
        header: 'Delete this unpublished report?',
        onClose: () => setOpen(false),
        content: (
          <Stack gap={4} data-testid="delete-report-dialog">
            <Text size={1}>
              {`It lists ${sections.length} section${sections.length === 1 ? '' : 's'} that were never published and that no other report lists:`}
            </Text>
            <Box>
              <Text size={1} muted>
                {titles.slice(0, 12).join(' · ')}
                {titles.length > 12 ? ` · and ${titles.length - 12} more` : ''}
              </Text>
            </Box>
            <Flex gap={2} wrap="wrap">
              <Button tone="critical" disabled={busy} text={`Delete report and ${sections.length} sections`} onClick={() => void remove(true)} />
              <Button tone="critical" mode="ghost" disabled={busy} text="Delete report only" onClick={() => void remove(false)} />
              <Button mode="bleed" disabled={busy} text="Cancel" onClick={() => setOpen(false)} />
            </Flex>
          </Stack>
        ),
      },
    }
  }
  DeleteReportAction.action = original.action
  DeleteReportAction.displayName = 'DeleteReportAction'
  return DeleteReportAction
}

/**
 * Report documents get "Publish with sections" after the Studio's Publish, and the extended Delete.
 *
 * @param previous - the Studio's actions
 * @param context - which document type is open
 * @returns the actions for this document
 */
export const reportActions: DocumentActionsResolver = (previous, context) => {
  if (context.schemaType !== 'report') return previous
  const actions = previous.map((action) => (action.action === 'delete' ? withUnpublishedSections(action) : action))
  const publishAt = actions.findIndex((action) => action.action === 'publish')
  actions.splice(publishAt + 1, 0, PublishWithSectionsAction)
  return actions
}
