import type {Person} from './bylines'
import {authorId, projectId, slugField, toSlug} from './ids'
import type {AuthorDocument, ImageWithAlt, ProjectDocument, ProjectLink} from './types'

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

function dropUndefined(record: object): void {
  for (const [key, value] of Object.entries(record)) if (value === undefined) delete (record as Record<string, unknown>)[key]
}
