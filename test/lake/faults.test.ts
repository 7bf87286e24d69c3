import {afterAll, expect, it} from 'vitest'
import type {Lake} from '../../lake/index.ts'
import {removeDir, startTestLake, tempDir, TOKEN} from './setup.ts'

const lakes: Lake[] = []
afterAll(async () => {
  for (const lake of lakes) {
    await lake.close()
    removeDir(lake.store.dir)
  }
})

async function faultyLake(seed: number): Promise<Lake> {
  const lake = await startTestLake(tempDir('lake-faults-'), {throttleRate: 0.2, failRate: 0.1, seed})
  lakes.push(lake)
  return lake
}

async function statuses(lake: Lake, count: number): Promise<number[]> {
  const result: number[] = []
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${lake.url}/v2025-02-19/data/mutate/production?returnIds=true`, {
      method: 'POST',
      headers: {Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json'},
      body: JSON.stringify({mutations: [{create: {_id: `d-${i}`, _type: 'item'}}]}),
    })
    if (response.status === 429) expect(response.headers.get('retry-after')).toBe('1')
    await response.arrayBuffer()
    result.push(response.status)
  }
  return result
}

it('answers about the configured shares with 429 and 503, before doing any work', async () => {
  const lake = await faultyLake(7)
  const seen = await statuses(lake, 400)
  const share = (status: number): number => seen.filter((s) => s === status).length / seen.length
  expect(share(429)).toBeGreaterThan(0.12)
  expect(share(429)).toBeLessThan(0.28)
  expect(share(503)).toBeGreaterThan(0.04)
  expect(share(503)).toBeLessThan(0.16)
  // Only answered-200 mutations happened: a faulted request changed nothing.
  const committed = seen.filter((s) => s === 200).length
  expect(lake.store.dataset('production').size).toBe(committed)
})

it('repeats the same fault sequence for the same seed', async () => {
  const [a, b] = await Promise.all([faultyLake(99), faultyLake(99)])
  expect(await statuses(a, 60)).toEqual(await statuses(b, 60))
})

it('leaves asset URLs and Studio endpoints alone', async () => {
  const lake = await faultyLake(1)
  const answers = await Promise.all(
    Array.from({length: 40}, () => fetch(`${lake.url}/v2025-02-19/users/me`).then((r) => r.status)),
  )
  expect(new Set(answers)).toEqual(new Set([200]))
})
