import {describe, expect, test} from 'vitest'
import {SharedRegistry} from '../../importer/documents/registry.ts'
import type {ProjectFacts, RegistryState} from '../../importer/documents/registry.ts'

type Step = (registry: SharedRegistry) => void

const link = (label: string, url: string) => ({_type: 'projectLink' as const, kind: 'other' as const, label, text: url, url})
const widget = (links: ProjectFacts['links'], website?: string): ProjectFacts => ({name: 'Widget', ...(website ? {website} : {}), links})

const steps: Step[] = [
  (r) => r.author({name: 'Ada Lovelace', role: 'Analyst'}, 'a/2019.md', 2019),
  (r) => r.author({name: 'Ada Lovelace', role: 'Chief Analyst', organisation: 'Engines'}, 'b/2021.md', 2021),
  (r) => r.author({name: 'Ada Lovelace'}, 'c/2022.md', 2022),
  (r) => r.project(widget([link('Code', 'https://one.example'), link('Chat', 'https://chat.example')], 'https://old.example'), 'a/2019.md', 2019),
  (r) => r.project(widget([link('Code', 'https://two.example'), link('Chat', 'https://chat.example')], 'https://new.example'), 'b/2021.md', 2021),
]

function run(order: readonly number[]): SharedRegistry {
  const registry = new SharedRegistry()
  for (const i of order) steps[i]!(registry)
  return registry
}

describe('SharedRegistry', () => {
  test('the newest report wins role and organisation (together); a later report without them keeps them', () => {
    const [ada] = run([0, 1, 2]).documents().filter((e) => e.document._type === 'author')
    expect(ada!.document).toMatchObject({name: 'Ada Lovelace', role: 'Chief Analyst', organisation: 'Engines'})
    expect(ada).toMatchObject({source: 'c/2022.md', sources: ['a/2019.md', 'b/2021.md', 'c/2022.md']})
  })

  test('project links are merged across years, one per URL, newest first; newest website wins', () => {
    const [project] = run([3, 4]).documents()
    expect(project!.document).toMatchObject({website: 'https://new.example'})
    expect((project!.document as {links: Array<{url: string}>}).links.map((l) => l.url)).toEqual(['https://two.example', 'https://chat.example', 'https://one.example'])
  })

  test('registration order does not change the documents', () => {
    const expected = JSON.stringify(run([0, 1, 2, 3, 4]).documents())
    for (const order of [[4, 3, 2, 1, 0], [2, 0, 4, 1, 3], [1, 3, 0, 4, 2]]) expect(JSON.stringify(run(order).documents())).toBe(expected)
  })

  test('state() is plain structured-clone-safe data; absorb() in any order gives the same documents', () => {
    const expected = JSON.stringify(run([0, 1, 2, 3, 4]).documents())
    const parts = [run([0, 3]), run([1]), run([2, 4])].map((r) => structuredClone(r.state()) as RegistryState)
    expect(JSON.parse(JSON.stringify(parts[0]))).toEqual(parts[0])
    for (const order of [[0, 1, 2], [2, 1, 0], [1, 2, 0]]) {
      const merged = new SharedRegistry()
      for (const i of order) merged.absorb(parts[i]!)
      expect(JSON.stringify(merged.documents())).toBe(expected)
      // Absorbing again changes nothing; equal registries give equal states.
      merged.absorb(parts[0]!)
      expect(JSON.stringify(merged.documents())).toBe(expected)
      expect(merged.state()).toEqual(run([0, 1, 2, 3, 4]).state())
    }
  })
})
