import type {Person} from './bylines'
import {authorId, projectId, slugField, toSlug} from './ids'
import type {AuthorDocument, ImageWithAlt, ProjectDocument, ProjectLink} from './types'

/**
 * Everything a registry holds, as plain structured-clone-safe data (a worker thread sends it to
 * the main thread). Entries are in registration order.
 */
export interface RegistryState {
  authors: Array<{document: AuthorDocument; source: string}>
  projects: Array<{document: ProjectDocument; source: string; links?: ProjectFacts['links']}>
}

/** What one report knows about a project. */
export interface ProjectFacts {
  name: string
  website?: string
  logo?: ImageWithAlt
  /** Link list items, keys still to be assigned. */
  links?: Array<Omit<ProjectLink, '_key'>>
}

/**
 * Authors and projects shared by every report of one import: one document per person and per
 * project. The first report that mentions one creates it; later ones only fill fields it lacks.
 */
export class SharedRegistry {
  private readonly authors = new Map<string, {document: AuthorDocument; source: string}>()
  private readonly projects = new Map<string, {document: ProjectDocument; source: string; links?: ProjectFacts['links']}>()

  /**
   * @param person - the byline's person
   * @param source - the report file that names them
   * @returns the author's id
   */
  author(person: Person, source: string): string {
    const id = authorId(person.name)
    const known = this.authors.get(id)
    if (!known) {
      const document: AuthorDocument = {_id: id, _type: 'author', name: person.name, slug: slugField(toSlug(person.name))}
      if (person.role) document.role = person.role
      if (person.organisation) document.organisation = person.organisation
      this.authors.set(id, {document, source})
    } else {
      known.document.role ??= person.role
      known.document.organisation ??= person.organisation
      dropUndefined(known.document)
    }
    return id
  }

  /**
   * @param facts - the project as one report's logo block and link list describe it
   * @param source - the report file
   * @returns the project's id
   */
  project(facts: ProjectFacts, source: string): string {
    const id = projectId(facts.name)
    const known = this.projects.get(id)
    if (!known) {
      const document: ProjectDocument = {_id: id, _type: 'project', name: facts.name, slug: slugField(toSlug(facts.name))}
      if (facts.website) document.website = facts.website
      if (facts.logo) document.logo = facts.logo
      this.projects.set(id, {document, source, ...(facts.links?.length ? {links: facts.links} : {})})
    } else {
      if (facts.website) known.document.website ??= facts.website
      if (facts.logo) known.document.logo ??= facts.logo
      if (!known.links?.length && facts.links?.length) known.links = facts.links
    }
    return id
  }

  /**
   * MINIMAL (issue 13; issue 8 replaces it with an order-free version).
   * @returns a plain copy of everything registered, for {@link SharedRegistry.absorb}
   */
  state(): RegistryState {
    return structuredClone({authors: [...this.authors.values()], projects: [...this.projects.values()]})
  }

  /**
   * MINIMAL (issue 13): merges another registry's state with today's first-wins rule, so
   * absorbing per-report states in input order gives what registering those reports in order
   * gave: a new entry is added; a known one only gains the fields it lacks, in the order the
   * other registry's document has them.
   * @param state - from {@link SharedRegistry.state}
   */
  absorb(state: RegistryState): void {
    for (const entry of state.authors) {
      const known = this.authors.get(entry.document._id)
      if (!known) this.authors.set(entry.document._id, structuredClone(entry))
      else fillMissing(known.document, entry.document)
    }
    for (const entry of state.projects) {
      const known = this.projects.get(entry.document._id)
      if (!known) this.projects.set(entry.document._id, structuredClone(entry))
      else {
        fillMissing(known.document, entry.document)
        if (!known.links?.length && entry.links?.length) known.links = structuredClone(entry.links)
      }
    }
  }

  /**
   * @param keysFor - the key generator of a document id
   * @returns authors and projects, each sorted by id, with the file that introduced each
   */
  documents(keysFor: (id: string) => () => string): Array<{document: AuthorDocument | ProjectDocument; source: string}> {
    const projects = [...this.projects.values()].map(({document, source, links}) => {
      if (links?.length) {
        const key = keysFor(document._id)
        document.links = links.map((link) => ({_key: key(), ...link}))
      }
      return {document, source}
    })
    const authors = [...this.authors.values()]
    return [...sortById(projects), ...sortById(authors)]
  }
}

function sortById<T extends {document: {_id: string}}>(entries: T[]): T[] {
  return entries.sort((a, b) => (a.document._id < b.document._id ? -1 : a.document._id > b.document._id ? 1 : 0))
}

/** Copies the fields `target` lacks from `source`, in `source`'s key order (first value wins). */
function fillMissing(target: object, source: object): void {
  const record = target as Record<string, unknown>
  for (const [key, value] of Object.entries(source)) if (record[key] === undefined && value !== undefined) record[key] = structuredClone(value)
}

function dropUndefined(record: object): void {
  for (const [key, value] of Object.entries(record)) if (value === undefined) delete (record as Record<string, unknown>)[key]
}
