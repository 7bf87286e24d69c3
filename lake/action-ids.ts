/**
 * Document ids as the Actions API names them: a published id (`report-2022`), its draft
 * (`drafts.report-2022`) and its release versions (`versions.<releaseId>.report-2022`). "The
 * versionId must have either drafts. or versions.<release>. as a prefix, and the portion following
 * that prefix must match publishedId" (Sanity's Actions API reference).
 */

const DRAFTS = 'drafts.'
const VERSIONS = /^versions\.([^.]+)\.(.+)$/

/**
 * The published id a draft or version id belongs to.
 *
 * @param id - any document id
 * @returns the id without its `drafts.` or `versions.<release>.` prefix
 */
export function publishedIdOf(id: string): string {
  if (id.startsWith(DRAFTS)) return id.slice(DRAFTS.length)
  return VERSIONS.exec(id)?.[2] ?? id
}

/**
 * Is this a draft or release version id (not a published one)?
 *
 * @param id - a document id
 * @returns true for `drafts.…` and `versions.<release>.…`
 */
export function isVersionId(id: string): boolean {
  return id.startsWith(DRAFTS) || VERSIONS.test(id)
}

/**
 * Is this a release version id (`versions.<release>.…`, not a draft)?
 *
 * @param id - a document id
 * @returns true for release versions
 */
export function isReleaseVersionId(id: string): boolean {
  return VERSIONS.test(id)
}

/**
 * Is `versionId` a draft or release version of `publishedId`?
 *
 * @param versionId - the version's id
 * @param publishedId - the published id it should belong to
 * @returns true when the prefix is valid and the rest equals `publishedId`
 */
export function isVersionOf(versionId: string, publishedId: string): boolean {
  return isVersionId(versionId) && publishedIdOf(versionId) === publishedId
}
