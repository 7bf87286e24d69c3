/**
 * The Actions API (`POST /data/actions/:dataset`), which the Studio uses to edit, publish,
 * unpublish, discard and delete documents. Each action is translated to plain mutations against
 * the current state and the whole request is committed as one transaction.
 */
import {strengthenOnPublish} from './publish'
import {MutationError, type Dataset} from './store'

type Mutation = Record<string, unknown>

/**
 * Translate a request's actions into mutations.
 *
 * @param dataset - the dataset (read for drafts/published documents the actions copy)
 * @param actions - the request's `actions`
 * @returns mutations for {@link Dataset.commit}
 * @throws MutationError for unknown action types, missing documents and revision mismatches
 */
export function actionsToMutations(dataset: Dataset, actions: unknown[]): Mutation[] {
  return actions.flatMap((action, index) => translate(dataset, action, index))
}

function translate(dataset: Dataset, action: unknown, index: number): Mutation[] {
  const fail = (status: number, description: string, type: string, id?: string): never => {
    throw new MutationError(status, [{index, id, description, type}])
  }
  if (!isRecord(action) || typeof action.actionType !== 'string') {
    return fail(400, 'An action needs an actionType', 'invalidActionError')
  }
  const publishedId = str(action.publishedId)
  const draftId = str(action.draftId) ?? (publishedId ? `drafts.${publishedId}` : undefined)
  switch (action.actionType) {
    case 'sanity.action.document.create': {
      if (!isRecord(action.attributes)) return fail(400, 'create needs attributes', 'invalidActionError')
      const attributes = {...action.attributes, _id: str(action.attributes._id) ?? draftId}
      return [action.ifExists === 'ignore' ? {createIfNotExists: attributes} : {create: attributes}]
    }
    case 'sanity.action.document.replaceDraft': {
      if (!draftId || !isRecord(action.attributes)) return fail(400, 'replaceDraft needs attributes', 'invalidActionError')
      return [{createOrReplace: {...action.attributes, _id: draftId}}]
    }
    case 'sanity.action.document.edit': {
      if (!draftId || !isRecord(action.patch)) return fail(400, 'edit needs draftId and patch', 'invalidActionError')
      const draft = dataset.get(draftId)
      const published = publishedId ? dataset.get(publishedId) : undefined
      // Editing a published document starts its draft from the published content.
      const start: Mutation[] =
        !draft && published ? [{createIfNotExists: {...withoutSystem(published), _id: draftId}}] : []
      return [...start, {patch: {...action.patch, id: draftId}}]
    }
    case 'sanity.action.document.publish': {
      if (!draftId || !publishedId) return fail(400, 'publish needs draftId and publishedId', 'invalidActionError')
      const draft = dataset.get(draftId)
      if (!draft) return fail(409, `Draft "${draftId}" not found`, 'documentNotFoundError', draftId)
      checkRevision(action.ifDraftRevisionId, draft._rev, draftId, index)
      checkRevision(action.ifPublishedRevisionId, dataset.get(publishedId)?._rev, publishedId, index)
      // Weak references made with `_strengthenOnPublish` become strong in the published document.
      return [{createOrReplace: {...strengthenOnPublish(withoutSystem(draft)), _id: publishedId}}, {delete: {id: draftId}}]
    }
    case 'sanity.action.document.unpublish': {
      if (!draftId || !publishedId) return fail(400, 'unpublish needs draftId and publishedId', 'invalidActionError')
      const published = dataset.get(publishedId)
      if (!published) return fail(409, `Document "${publishedId}" is not published`, 'documentNotFoundError', publishedId)
      return [{createIfNotExists: {...withoutSystem(published), _id: draftId}}, {delete: {id: publishedId}}]
    }
    case 'sanity.action.document.discard': {
      if (!draftId) return fail(400, 'discard needs draftId', 'invalidActionError')
      return [{delete: {id: draftId}}]
    }
    case 'sanity.action.document.delete': {
      if (!publishedId) return fail(400, 'delete needs publishedId', 'invalidActionError')
      const drafts = Array.isArray(action.includeDrafts) ? action.includeDrafts.filter((id) => typeof id === 'string') : []
      return [publishedId, ...drafts].map((id) => ({delete: {id}}))
    }
    default:
      return fail(400, `Action "${action.actionType}" is not implemented by the local lake`, 'invalidActionError')
  }
}

function checkRevision(expected: unknown, actual: string | undefined, id: string, index: number): void {
  if (typeof expected === 'string' && expected !== actual) {
    throw new MutationError(409, [
      {index, id, description: `Document "${id}" has unexpected revision ID ("${actual}"), expected "${expected}"`, type: 'conflictError'},
    ])
  }
}

/** A copy without the fields the lake sets itself. */
function withoutSystem(doc: Record<string, unknown>): Record<string, unknown> {
  const {_rev: _r, _updatedAt: _u, ...rest} = doc
  return rest
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
