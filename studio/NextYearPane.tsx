import {Box, Button, Card, Flex, Stack, Text, TextInput, Select, Label} from '@sanity/ui'
import {useEffect, useMemo, useState} from 'react'
import {useClient} from 'sanity'
import {useRouter} from 'sanity/router'
import {usePaneRouter} from 'sanity/structure'
import {SCHEMA_API_VERSION} from '../schemas/index.ts'
import {SOURCE_REPORTS_QUERY, isReportYear, nextYearPlan, plannedIds, sourceReports} from './nextYear.ts'
import type {NextYearPlan, PlannedDocument, SourceReport} from './nextYear.ts'

type Status = {state: 'idle'} | {state: 'creating'} | {state: 'failed'; message: string}

/**
 * "Next year's report": the editor picks the report to start from (the newest by default) and
 * the year (its year + 1 by default) and sees what will be created: the report draft and its
 * outline as empty section drafts, with the ids and slugs of that year. Nothing is written until
 * "Create drafts": then everything is created in one transaction, and the new report opens (its
 * outline, and its form beside it).
 * Ids already in use are shown and block the creation.
 *
 * @returns the pane's content
 */
export function NextYearPane() {
  const client = useClient({apiVersion: SCHEMA_API_VERSION})
  const router = useRouter()
  const {routerPanesState, groupIndex} = usePaneRouter()
  const [sources, setSources] = useState<SourceReport[] | undefined>(undefined)
  const [sourceId, setSourceId] = useState('')
  const [yearText, setYearText] = useState('')
  const [taken, setTaken] = useState<string[] | undefined>(undefined)
  const [status, setStatus] = useState<Status>({state: 'idle'})

  useEffect(() => {
    let live = true
    client
      .fetch<SourceReport[]>(SOURCE_REPORTS_QUERY, {}, {perspective: 'raw', tag: 'next-year.sources'})
      .then((reports) => {
        if (!live) return
        const list = sourceReports(reports)
        setSources(list)
        const newest = list[0]
        setSourceId(newest?._id ?? '')
        setYearText(String(typeof newest?.year === 'number' ? newest.year + 1 : new Date().getFullYear()))
      })
      .catch((error: unknown) => live && setStatus({state: 'failed', message: errorMessage(error)}))
    return () => {
      live = false
    }
  }, [client])

  const source = sources?.find((report) => report._id === sourceId)
  const year = Number(yearText)
  const plan = useMemo<NextYearPlan | undefined>(() => (source && isReportYear(year) ? nextYearPlan(source, year) : undefined), [source, year])

  useEffect(() => {
    setTaken(undefined)
    if (!plan) return undefined
    let live = true
    client
      .fetch<string[]>('*[_id in $ids]._id', {ids: plannedIds(plan)}, {perspective: 'raw', tag: 'next-year.taken'})
      .then((ids) => live && setTaken(ids))
      .catch((error: unknown) => live && setStatus({state: 'failed', message: errorMessage(error)}))
    return () => {
      live = false
    }
  }, [client, plan])

  const create = async (): Promise<void> => {
    if (!plan) return
    setStatus({state: 'creating'})
    try {
      // One transaction: the report and every section, or nothing (`create` fails on an id in use).
      const transaction = client.transaction()
      for (const doc of [...plan.sections, plan.report] as PlannedDocument[]) transaction.create(doc)
      await transaction.commit({visibility: 'sync', tag: 'next-year.create'})
      // In place of this pane: the new report's outline, and its form beside it.
      router.navigate({panes: [...routerPanesState.slice(0, groupIndex), [{id: plan.reportId}], [{id: plan.reportId}]]})
    } catch (error) {
      setStatus({state: 'failed', message: errorMessage(error)})
    }
  }

  if (!sources) return <Box padding={4}><Text muted>Loading reports…</Text></Box>
  const blocked = !plan || !taken || taken.length > 0 || status.state === 'creating'
  return (
    <Box padding={4} data-testid="next-year-pane">
      <Stack gap={5}>
        <Text size={1} muted>
          Starts a report as drafts: the report and its outline as empty sections, copied from the report you pick. Nothing is
          saved until you create it.
        </Text>
        <Stack gap={3}>
          <Label size={1}>Start from</Label>
          <Select data-testid="next-year-source" value={sourceId} onChange={(event) => setSourceId(event.currentTarget.value)}>
            {sources.map((report) => (
              <option key={report._id} value={report._id}>
                {`${report.title?.trim() || 'Untitled report'}${typeof report.year === 'number' ? ` (${report.year})` : ''}`}
              </option>
            ))}
          </Select>
        </Stack>
        <Stack gap={3}>
          <Label size={1}>Year</Label>
          <TextInput data-testid="next-year-year" inputMode="numeric" value={yearText} onChange={(event) => setYearText(event.currentTarget.value)} />
          {!isReportYear(year) && <Text size={1} style={{color: 'var(--card-badge-critical-fg-color, #c00)'}}>A whole year from 1900 to 2999</Text>}
        </Stack>
        {plan && <PlanSummary plan={plan} taken={taken} />}
        {sources.length === 0 && <Text size={1}>There is no report to start from yet: create one with “+” on Reports.</Text>}
        {status.state === 'failed' && (
          <Card tone="critical" padding={3} radius={2} data-testid="next-year-error">
            <Text size={1}>{status.message}</Text>
          </Card>
        )}
        <Flex>
          <Button
            data-testid="next-year-create"
            tone="primary"
            disabled={blocked}
            text={status.state === 'creating' ? 'Creating…' : plan ? `Create drafts (${plan.sections.length + 1} documents)` : 'Create drafts'}
            onClick={() => void create()}
          />
        </Flex>
      </Stack>
    </Box>
  )
}

function PlanSummary({plan, taken}: {plan: NextYearPlan; taken: string[] | undefined}) {
  return (
    <Card padding={3} radius={2} tone={taken && taken.length > 0 ? 'caution' : 'transparent'} border data-testid="next-year-plan">
      <Stack gap={3}>
        <Text size={1} weight="semibold">{plan.report.title}</Text>
        <Text size={1} muted>
          {`id ${plan.reportId}, slug “${plan.report.slug.current}”, ${plan.sections.length} empty sections (section-${plan.report.slug.current}-…)`}
        </Text>
        {taken && taken.length > 0 && (
          <Text size={1} data-testid="next-year-taken">{`Already in use, so nothing can be created: ${taken.join(', ')}`}</Text>
        )}
      </Stack>
    </Card>
  )
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
