import {useEffect, useMemo, useState} from 'react'
import {useClient} from 'sanity'
import type {UserViewComponent} from 'sanity/structure'
import {renderReportHtml} from '../render/page.ts'
import type {RenderProject} from '../render/types.ts'
import {SCHEMA_API_VERSION} from '../schemas/index.ts'
import {
  REPORT_PREVIEW_QUERY,
  SECTION_PREVIEW_QUERY,
  reportPage,
  reportPreviewParams,
  sectionPage,
  sectionPreviewParams,
} from './previewPage.ts'
import type {ReportValue, SectionValue} from './previewPage.ts'

type Fetched = Parameters<typeof sectionPage>[1] | Parameters<typeof reportPage>[1]

/**
 * The "Preview" view of a report or section: the form's current value rendered by the site's own
 * renderer (render/page.ts) in a sandboxed frame, refreshed as the editor types. References
 * (authors, projects, a report's sections) are fetched when they change.
 *
 * @param props - the document view props
 * @returns the preview frame
 */
export const PagePreview: UserViewComponent = (props) => {
  const value = props.document.displayed as (SectionValue & ReportValue) | undefined
  const isReport = props.schemaType.name === 'report'
  const client = useClient({apiVersion: SCHEMA_API_VERSION})
  const params = useMemo(
    () => (value ? (isReport ? reportPreviewParams(value) : sectionPreviewParams({...value, _id: props.documentId})) : undefined),
    // Only a change of what is referenced needs a new fetch, not every keystroke.
    [isReport, props.documentId, JSON.stringify(value?.sections ?? null), JSON.stringify(value?.authors ?? null), JSON.stringify(value?.projects ?? null)],
  )
  const [fetched, setFetched] = useState<Fetched | undefined>(undefined)
  useEffect(() => {
    if (!params) return undefined
    let live = true
    client
      .fetch<Fetched>(isReport ? REPORT_PREVIEW_QUERY : SECTION_PREVIEW_QUERY, params, {perspective: 'raw', tag: 'page-preview'})
      .then((result) => live && setFetched(result))
      .catch(() => live && setFetched(undefined))
    return () => {
      live = false
    }
  }, [client, isReport, params])

  const html = useMemo(() => {
    if (!value) return '<p>Nothing to preview yet.</p>'
    const {projectId, dataset, apiHost} = client.config()
    const {page, projects} = isReport
      ? reportPage({...value, _id: props.documentId}, (fetched as Parameters<typeof reportPage>[1] | undefined) ?? [])
      : sectionPage({...value, _id: props.documentId}, (fetched as Parameters<typeof sectionPage>[1] | undefined) ?? {})
    return renderReportHtml(page, {
      projects: projects as RenderProject[],
      // Asset images come from the configured API host: the local lake offline, Sanity's CDN otherwise.
      imageHost: {projectId: projectId ?? '', dataset: dataset ?? '', ...(apiHost && !apiHost.endsWith('.sanity.io') ? {baseUrl: apiHost} : {})},
    })
  }, [client, fetched, isReport, props.documentId, value])

  return (
    <iframe
      title="Page preview"
      data-testid="page-preview"
      sandbox=""
      srcDoc={html}
      style={{border: 0, width: '100%', height: '100%', minHeight: '70vh', background: 'white'}}
    />
  )
}
