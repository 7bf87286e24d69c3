import {expect, it} from 'vitest'
import type {ListenEvent, SanityClient} from '@sanity/client'
import {removeDir, startTestLake, tempDir, useTestLake} from './setup.ts'

let client: SanityClient

useTestLake('lake-listen-', (started) => ({client} = started), {keepAliveMs: 50})

/** Collect listener events until `until` says stop (or reject after 10 s of silence). */
function collect(
  query: string,
  until: (events: ListenEvent<Record<string, unknown>>[]) => boolean,
  onWelcome: () => Promise<unknown>,
): Promise<ListenEvent<Record<string, unknown>>[]> {
  return new Promise((resolve, reject) => {
    const events: ListenEvent<Record<string, unknown>>[] = []
    const timer = setTimeout(() => reject(new Error(`timed out; got ${JSON.stringify(events)}`)), 10_000)
    const subscription = client
      .listen(query, {}, {
        events: ['welcome', 'mutation'],
        includeResult: true,
        includePreviousRevision: true,
        effectFormat: 'mendoza',
      })
      .subscribe({
        next: (event) => {
          events.push(event)
          if (event.type === 'welcome') onWelcome().catch(reject)
          if (until(events)) {
            clearTimeout(timer)
            subscription.unsubscribe()
            resolve(events)
          }
        },
        error: reject,
      })
  })
}

it('sends welcome, then mutation events with transitions for matching documents only', async () => {
  const events = await collect(
    '*[_type == "watched" && visible == true]',
    (seen) => seen.filter((event) => event.type === 'mutation').length >= 3,
    async () => {
      await client.create({_id: 'other', _type: 'ignored'})
      await client.create({_id: 'w1', _type: 'watched', visible: true, n: 1})
      await client.patch('w1').inc({n: 1}).commit()
      await client.patch('w1').set({visible: false}).commit()
    },
  )
  expect(events[0]?.type).toBe('welcome')
  const mutations = events.filter((event) => event.type === 'mutation')
  expect(mutations.map((event) => ('transition' in event ? event.transition : null))).toEqual([
    'appear',
    'update',
    'disappear',
  ])
  const second = mutations[1] as {
    result?: {n: number}
    previous?: {n: number}
    documentId: string
    effects?: {apply: unknown[]; revert: unknown[]}
  }
  expect(second).toMatchObject({documentId: 'w1', result: {n: 2}, previous: {n: 1}})
  // A valid mendoza patch pair (opcode 0 = whole value), as the Studio applies them.
  expect(second.effects).toEqual({apply: [0, second.result], revert: [0, second.previous]})
})

it('ends open streams when the lake closes', async () => {
  const other = await startTestLake(tempDir())
  const response = await fetch(`${other.url}/v2025-02-19/data/listen/production?query=*`)
  expect(response.headers.get('content-type')).toMatch(/text\/event-stream/)
  const reader = response.body!.getReader()
  const first = new TextDecoder().decode((await reader.read()).value)
  expect(first).toMatch(/^event: welcome\n/)
  await other.close()
  // Everything after the welcome, and how the stream stopped: a clean end, not a cut connection.
  let rest = ''
  const ending = await (async () => {
    for (;;) {
      const {done, value} = await reader.read()
      if (done) return 'ended'
      rest += new TextDecoder().decode(value)
    }
  })().catch((error: unknown) => `cut: ${String(error)}`)
  expect(ending).toBe('ended')
  // Nothing but keep-alive comments came after the welcome (no event for a closing lake).
  expect(rest).toMatch(/^(: keep-alive\n\n)*$/)
  expect(other.requestLog).toContainEqual(expect.objectContaining({kind: 'listen', status: 200}))
  removeDir(other.store.dir)
})
