import {hash} from 'node:crypto'
import type {Person} from './bylines.ts'
import {createContentKeys} from './converter.ts'
import {authorId, projectId, slugField, toSlug} from './ids.ts'
import type {AuthorDocument, ImageWithAlt, ProjectDocument, ProjectLink} from './types.ts'

/** What one report knows about a project. */
export interface ProjectFacts {
  name: string
  website?: string
  logo?: ImageWithAlt
  /** Link list items, keys still to be assigned. */
  links?: Array<Omit<ProjectLink, '_key'>>
}

/** One report's statement about a person or a project. */
export interface Observation<T> {
  id: string
  source: string
  year: number
  facts: T
}

/**
 * Everything a registry was told, as plain JSON (structured-clone safe): what a worker sends
 * back to be {@link SharedRegistry.absorb}ed. Sorted, so equal registries give equal states.
 */
export interface RegistryState {
  authors: Array<Observation<Person>>
  projects: Array<Observation<ProjectFacts>>
}

/** A shared document and the report files that contributed to it. */
export interface SharedEntry {
  document: AuthorDocument | ProjectDocument
  /** The newest contributing report's file. */
  source: string
  /** Every contributing report's file, sorted. */
  sources: string[]
}

/**
 * Authors and projects shared by every report of one import: one document per person and per
 * project. It records what each report says and decides only when asked for the documents, so
 * the result does not depend on the order reports were registered or states absorbed: the
 * newest report wins an author's role and organisation and a project's website and logo; a
 * project's links are merged from all years, de-duplicated by URL (newest first).
 */
export class SharedRegistry {
  // Keyed by a hash of the observation's JSON (equal statements are one); equal facts are
  // stored once however many reports repeat them — an import of a whole archive keeps this small.
  private readonly authors = new Map<string, Observation<Person>>()
  private readonly projects = new Map<string, Observation<ProjectFacts>>()
  private readonly facts = new Map<string, unknown>()

  /**
   * @param person - the byline's person
   * @param source - the report file that names them
   * @param year - that report's year
   * @returns the author's id
   */
  author(person: Person, source: string, year: number): string {
    const id = authorId(person.name)
    const facts: Person = {name: person.name}
    if (person.role) facts.role = person.role
    if (person.organisation) facts.organisation = person.organisation
    this.record(this.authors, {id, source, year, facts})
    return id
  }

  /**
   * @param facts - the project as one report's logo block and link list describe it
   * @param source - the report file
   * @param year - that report's year
   * @returns the project's id
   */
  project(facts: ProjectFacts, source: string, year: number): string {
    const id = projectId(facts.name)
    this.record(this.projects, {id, source, year, facts: structuredClone(facts)})
    return id
  }

  /** @returns every registered observation as plain, sorted JSON data */
  state(): RegistryState {
    return {authors: sortedValues(this.authors), projects: sortedValues(this.projects)}
  }

  /**
   * Merges another registry's observations into this one (idempotent, order-free).
   * @param state - what {@link state} returned elsewhere
   */
  absorb(state: RegistryState): void {
    for (const observation of state.authors) this.record(this.authors, structuredClone(observation))
    for (const observation of state.projects) this.record(this.projects, structuredClone(observation))
  }

  /** Observations are keyed by their whole content: registering the same statement twice is one. */
  private record<T>(into: Map<string, Observation<T>>, observation: Observation<T>): void {
    const key = hash('sha256', JSON.stringify(observation))
    if (into.has(key)) return
    const factsKey = hash('sha256', JSON.stringify(observation.facts))
    const facts = this.facts.get(factsKey) as T | undefined
    if (facts === undefined) this.facts.set(factsKey, observation.facts)
    into.set(key, {id: observation.id, source: observation.source, year: observation.year, facts: facts ?? observation.facts})
  }

  /** @returns every project's id and name (its newest name), sorted by id */
  projectNames(): Array<{id: string; name: string}> {
    return [...groupById(this.projects)].map(([id, observations]) => ({id, name: observations[0]!.facts.name}))
  }

  /** @returns authors and projects, each sorted by id, with the files that contributed */
  documents(): SharedEntry[] {
    const projects = [...groupById(this.projects)].map(([id, observations]) => projectEntry(id, observations))
    const authors = [...groupById(this.authors)].map(([id, observations]) => authorEntry(id, observations))
    return [...projects, ...authors]
  }
}

function authorEntry(id: string, observations: Array<Observation<Person>>): SharedEntry {
  const newest = observations[0]!.facts
  const document: AuthorDocument = {_id: id, _type: 'author', name: newest.name, slug: slugField(toSlug(newest.name))}
  // Role and organisation go together: both from the newest report that gives either.
  const described = observations.find(({facts}) => facts.role || facts.organisation)?.facts
  if (described?.role) document.role = described.role
  if (described?.organisation) document.organisation = described.organisation
  return {document, ...provenance(observations)}
}

function projectEntry(id: string, observations: Array<Observation<ProjectFacts>>): SharedEntry {
  const newest = observations[0]!.facts
  const document: ProjectDocument = {_id: id, _type: 'project', name: newest.name, slug: slugField(toSlug(newest.name))}
  const website = observations.find(({facts}) => facts.website)?.facts.website
  if (website) document.website = website
  const logo = observations.find(({facts}) => facts.logo)?.facts.logo
  if (logo) document.logo = logo
  const links = mergeLinks(observations)
  if (links.length > 0) document.links = links
  return {document, ...provenance(observations)}
}

/** Every year's links, newest first, one per URL (one per label and text when there is no URL). */
function mergeLinks(observations: Array<Observation<ProjectFacts>>): ProjectLink[] {
  const keyOf = createContentKeys()
  const seen = new Set<string>()
  const merged: ProjectLink[] = []
  for (const {facts} of observations) {
    for (const link of facts.links ?? []) {
      const identity = link.url ? `url:${link.url}` : `text:${link.label}:${link.text ?? ''}`
      if (seen.has(identity)) continue
      seen.add(identity)
      merged.push({_key: keyOf(identity), ...link})
    }
  }
  return merged
}

function provenance(observations: ReadonlyArray<Observation<unknown>>): {source: string; sources: string[]} {
  return {source: observations[0]!.source, sources: [...new Set(observations.map(({source}) => source))].sort(compare)}
}

function sortedValues<T>(from: Map<string, Observation<T>>): Array<Observation<T>> {
  return [...from].sort(([a], [b]) => compare(a, b)).map(([, observation]) => structuredClone(observation))
}

/** Ties (same id, year and report) go by the observation's JSON, made only when needed. */
const byContent = (a: Observation<unknown>, b: Observation<unknown>): number => compare(JSON.stringify(a), JSON.stringify(b))

/** Observations by id (ids sorted), each list newest report first (ties: source, then content). */
function groupById<T>(from: Map<string, Observation<T>>): Map<string, Array<Observation<T>>> {
  const ordered = [...from].sort(([, a], [, b]) => compare(a.id, b.id) || b.year - a.year || compare(a.source, b.source) || byContent(a, b))
  const groups = new Map<string, Array<Observation<T>>>()
  for (const [, observation] of ordered) {
    const group = groups.get(observation.id)
    if (group) group.push(observation)
    else groups.set(observation.id, [observation])
  }
  return groups
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
