/**
 * The Actions API (`POST /data/actions/:dataset`), which the Studio uses to edit, publish,
 * unpublish, discard and delete documents and their versions. Each action is translated to plain
 * mutations against the state the earlier actions of the request left (action-state.ts), and the
 * whole request is committed as one transaction. The rules follow Sanity's Actions API reference
 * and the client's action types (what must exist, what must not, which revision must match).
 * Revisions an action read are pinned with a no-op `ifRevisionID` patch, so the commit itself
 * refuses a document that changed between translation and commit.
 */
import {isReleaseVersionId, isVersionId, isVersionOf, publishedIdOf} from './action-ids.ts'
import {PendingActions, type PlainMutation} from './action-state.ts'
import type {StoredDocument} from './journal.ts'
import {strengthenOnPublish} from './publish.ts'
import {MutationError, type Dataset} from './store.ts'

type ActionRecord = Record<string, unknown>
type Handler = (action: ActionRecord, tx: PendingActions) => void

/** Every `sanity.action.document.*` type the local lake carries out. */
export const DOCUMENT_ACTIONS: Readonly<Record<string, Handler>> = {
  'sanity.action.document.create': create,
  'sanity.action.document.replaceDraft': replaceDraft,
  'sanity.action.document.edit': edit,
  'sanity.action.document.publish': publish,
  'sanity.action.document.unpublish': unpublish,
  'sanity.action.document.discard': discard,
  'sanity.action.document.delete': remove,
  'sanity.action.document.version.create': createVersion,
  'sanity.action.document.version.discard': discardVersion,
  'sanity.action.document.version.replace': replaceVersion,
  'sanity.action.document.version.unpublish': unpublishVersion,
}

/**
 * Action families the lake declines with a clear 400: document variants (a beta Studio feature a
 * workspace must switch on, `beta.variants.enabled`, which this Studio does not) and content
 * releases (the offline Studio runs with releases off).
 */
export const DECLINED_ACTION_PREFIXES: Readonly<Record<string, string>> = {
  'sanity.action.document.variant.': 'Document variants (a beta Studio feature) are not available in the local lake',
  'sanity.action.variant.': 'Document variants (a beta Studio feature) are not available in the local lake',
  'sanity.action.release.': 'Content releases are not available in the local lake',
}

/**
 * Translate a request's actions into mutations.
 *
 * @param dataset - the dataset (read for the documents the actions copy and check)
 * @param actions - the request's `actions`
 * @returns mutations for {@link Dataset.commit}, in order
 * @throws MutationError for unknown or declined action types, missing or existing documents and revision mismatches
 */
export function actionsToMutations(dataset: Dataset, actions: unknown[]): PlainMutation[] {
  const tx = new PendingActions(dataset)
  for (const [index, action] of actions.entries()) {
    tx.index = index
    if (!isRecord(action) || typeof action.actionType !== 'string') fail(tx, 400, 'An action needs an actionType', 'invalidActionError')
    const type = action.actionType as string
    const handler = DOCUMENT_ACTIONS[type]
    if (handler) {
      handler(action, tx)
      continue
    }
    const declined = Object.entries(DECLINED_ACTION_PREFIXES).find(([prefix]) => type.startsWith(prefix))
    if (declined) fail(tx, 400, `${declined[1]} ("${type}")`, 'featureNotAvailable')
    fail(tx, 400, `Unknown action "${type}"`, 'invalidActionError')
  }
  return tx.mutations
}

/** The published id, the `attributes` and the version id (`attributes._id`, else the draft) of create/replaceDraft. */
function versionAttributes(action: ActionRecord, tx: PendingActions): {publishedId: string; attributes: ActionRecord; id: string} {
  const publishedId = required(action, 'publishedId', tx)
  if (!isRecord(action.attributes)) fail(tx, 400, `${String(action.actionType)} needs attributes`, 'invalidActionError')
  const attributes = action.attributes as ActionRecord
  const id = str(attributes._id) ?? `drafts.${publishedId}`
  versionOf(id, publishedId, tx)
  return {publishedId, attributes, id}
}

/** `create`: a new draft (or release version) of a document that is not published yet. */
function create(action: ActionRecord, tx: PendingActions): void {
  const {publishedId, attributes, id} = versionAttributes(action, tx)
  if (tx.get(publishedId)) fail(tx, 409, `Document "${publishedId}" is already published`, 'documentAlreadyExistsError', publishedId)
  if (tx.get(id)) {
    if (action.ifExists === 'ignore') return
    fail(tx, 409, `Document by ID "${id}" already exists`, 'documentAlreadyExistsError', id)
  }
  tx.push({create: {...attributes, _id: id}})
}

/** `replaceDraft`: the draft's whole content; the draft or the published document must exist. */
function replaceDraft(action: ActionRecord, tx: PendingActions): void {
  const {publishedId, attributes, id} = versionAttributes(action, tx)
  if (!tx.get(id) && !tx.get(publishedId)) fail(tx, 409, `Document "${publishedId}" has neither a draft nor a published version`, 'documentNotFoundError', id)
  tx.push({createOrReplace: {...attributes, _id: id}})
}

/** `edit`: a patch to the draft (or version), which starts as a copy of the published document. */
function edit(action: ActionRecord, tx: PendingActions): void {
  const draftId = required(action, 'draftId', tx)
  const publishedId = str(action.publishedId) ?? publishedIdOf(draftId)
  versionOf(draftId, publishedId, tx)
  if (!isRecord(action.patch)) fail(tx, 400, 'edit needs a patch', 'invalidActionError')
  if (!tx.get(draftId)) {
    const published = tx.get(publishedId)
    if (!published) fail(tx, 409, `Document "${publishedId}" has neither a draft nor a published version`, 'documentNotFoundError', draftId)
    tx.push({createIfNotExists: {...withoutSystem(published as StoredDocument), _id: draftId}})
  }
  tx.push({patch: {...(action.patch as ActionRecord), id: draftId}})
}

/** `publish`: the draft (or version) replaces the published document and is removed. */
function publish(action: ActionRecord, tx: PendingActions): void {
  const draftId = required(action, 'draftId', tx)
  const publishedId = required(action, 'publishedId', tx)
  versionOf(draftId, publishedId, tx)
  const draft = tx.get(draftId)
  if (!draft) return fail(tx, 409, `Draft "${draftId}" not found`, 'documentNotFoundError', draftId)
  const published = tx.get(publishedId)
  expectRevision(action.ifDraftRevisionId, draft, draftId, tx)
  expectRevision(action.ifPublishedRevisionId, published, publishedId, tx)
  lockRevision(draft, tx)
  if (published) lockRevision(published, tx)
  // Weak references made with `_strengthenOnPublish` become strong in the published document.
  tx.push({createOrReplace: {...strengthenOnPublish(withoutSystem(draft)), _id: publishedId}})
  tx.push({delete: {id: draftId}})
}

/** `unpublish`: the published document goes; its content stays as the draft. */
function unpublish(action: ActionRecord, tx: PendingActions): void {
  const publishedId = required(action, 'publishedId', tx)
  const draftId = str(action.draftId) ?? `drafts.${publishedId}`
  versionOf(draftId, publishedId, tx)
  const published = tx.get(publishedId)
  if (!published) return fail(tx, 409, `Document "${publishedId}" is not published`, 'documentNotFoundError', publishedId)
  lockRevision(published, tx)
  tx.push({createIfNotExists: {...withoutSystem(published), _id: draftId}})
  tx.push({delete: {id: publishedId}})
}

/** `discard` (superseded by `version.discard`): the draft goes; it must exist. */
function discard(action: ActionRecord, tx: PendingActions): void {
  const draftId = required(action, 'draftId', tx)
  if (!isVersionId(draftId)) fail(tx, 400, `"${draftId}" is not a draft id`, 'invalidActionError', draftId)
  dropExisting(draftId, tx)
}

/**
 * `delete`: the published document and the versions named in `includeDrafts`; a version that
 * exists but is not named is an error (it would be left behind).
 */
function remove(action: ActionRecord, tx: PendingActions): void {
  const publishedId = required(action, 'publishedId', tx)
  const named = Array.isArray(action.includeDrafts) ? action.includeDrafts.filter((id): id is string => typeof id === 'string') : []
  for (const id of named) versionOf(id, publishedId, tx)
  const published = tx.get(publishedId)
  if (!published) return fail(tx, 409, `Document "${publishedId}" is not published`, 'documentNotFoundError', publishedId)
  const left = tx.ids((id) => isVersionOf(id, publishedId) && !named.includes(id))
  if (left.length > 0) fail(tx, 409, `Document "${publishedId}" has versions the delete does not name: ${left.join(', ')}`, 'conflictError', publishedId)
  lockRevision(published, tx)
  for (const id of [publishedId, ...named]) if (tx.get(id)) tx.push({delete: {id}})
}

/** `version.create`: a new draft or release version, from a document or copied from `baseId`. */
function createVersion(action: ActionRecord, tx: PendingActions): void {
  const publishedId = required(action, 'publishedId', tx)
  let content: ActionRecord
  if (isRecord(action.document)) {
    content = action.document
  } else {
    const baseId = required(action, 'baseId', tx)
    const base = tx.get(baseId)
    if (!base || (baseId !== publishedId && !isVersionOf(baseId, publishedId))) {
      return fail(tx, 409, `Base document "${baseId}" not found`, 'documentNotFoundError', baseId)
    }
    expectRevision(action.ifBaseRevisionId, base, baseId, tx)
    lockRevision(base, tx)
    content = {...withoutSystem(base), _id: required(action, 'versionId', tx)}
  }
  const id = str(content._id) ?? fail(tx, 400, 'version.create needs a document _id or a versionId', 'invalidActionError')
  versionOf(id, publishedId, tx)
  if (tx.get(id)) fail(tx, 409, `Document by ID "${id}" already exists`, 'documentAlreadyExistsError', id)
  tx.push({create: {...content, _id: id}})
}

/** `version.discard`: a draft or release version goes; it must exist. */
function discardVersion(action: ActionRecord, tx: PendingActions): void {
  const versionId = required(action, 'versionId', tx)
  if (!isVersionId(versionId)) fail(tx, 400, `"${versionId}" is not a draft or version id`, 'invalidActionError', versionId)
  dropExisting(versionId, tx)
}

/** `version.replace`: an existing draft or release version's whole content. */
function replaceVersion(action: ActionRecord, tx: PendingActions): void {
  if (!isRecord(action.document)) fail(tx, 400, 'version.replace needs a document', 'invalidActionError')
  const document = action.document as ActionRecord
  const id = str(document._id) ?? fail(tx, 400, 'version.replace needs a document _id', 'invalidActionError')
  if (!isVersionId(id)) fail(tx, 400, `"${id}" is not a draft or version id`, 'invalidActionError', id)
  if (!tx.get(id)) fail(tx, 409, `Version "${id}" not found`, 'documentNotFoundError', id)
  tx.push({createOrReplace: {...document, _id: id}})
}

/**
 * `version.unpublish`: marks a release version so that publishing its release unpublishes the
 * document (`_system.delete`, which the Studio reads as "going to unpublish"); the published
 * document stays until then.
 */
function unpublishVersion(action: ActionRecord, tx: PendingActions): void {
  const versionId = required(action, 'versionId', tx)
  const publishedId = required(action, 'publishedId', tx)
  versionOf(versionId, publishedId, tx)
  if (!isReleaseVersionId(versionId)) fail(tx, 400, `"${versionId}" is not a release version id`, 'invalidActionError', versionId)
  const published = tx.get(publishedId)
  if (!published) return fail(tx, 409, `Document "${publishedId}" is not published`, 'documentNotFoundError', publishedId)
  const version = tx.get(versionId)
  if (version) tx.push({patch: {id: versionId, set: {'_system.delete': true}}})
  else tx.push({create: {...withoutSystem(published), _id: versionId, _system: {delete: true}}})
}

function dropExisting(id: string, tx: PendingActions): void {
  const doc = tx.get(id)
  if (!doc) fail(tx, 409, `Document "${id}" not found`, 'documentNotFoundError', id)
  lockRevision(doc as StoredDocument, tx)
  tx.push({delete: {id}})
}

/** A no-op patch that makes the commit fail if the document changed since the action read it. */
function lockRevision(doc: StoredDocument, tx: PendingActions): void {
  if (!tx.untouched(doc._id) || typeof doc._rev !== 'string') return
  tx.push({patch: {id: doc._id, ifRevisionID: doc._rev, unset: ['_revision_lock_pseudo_field_']}})
}

function expectRevision(expected: unknown, doc: StoredDocument | undefined, id: string, tx: PendingActions): void {
  if (typeof expected !== 'string' || expected === doc?._rev) return
  fail(tx, 409, `Document "${id}" has unexpected revision ID ("${doc?._rev ?? 'none'}"), expected "${expected}"`, 'conflictError', id)
}

function versionOf(id: string, publishedId: string, tx: PendingActions): void {
  if (!isVersionOf(id, publishedId)) {
    fail(tx, 400, `"${id}" must be "drafts.${publishedId}" or "versions.<release>.${publishedId}"`, 'invalidActionError', id)
  }
}

function required(action: ActionRecord, key: string, tx: PendingActions): string {
  return str(action[key]) ?? fail(tx, 400, `${String(action.actionType)} needs ${key}`, 'invalidActionError')
}

function fail(tx: PendingActions, status: number, description: string, type: string, id?: string): never {
  throw new MutationError(status, [{index: tx.index, id, description, type}])
}

/** A copy without the fields the lake sets itself. */
function withoutSystem(doc: Record<string, unknown>): Record<string, unknown> {
  const {_rev: _r, _updatedAt: _u, _system: _s, ...rest} = doc
  return rest
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

function isRecord(value: unknown): value is ActionRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
