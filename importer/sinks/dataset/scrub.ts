/**
 * Credentials written into a URL (`https://user:password@host`, e.g. in SANITY_API_HOST) must
 * never reach a message: every line that may echo the API host goes through here.
 */

const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@"'<>]+@/gi

/**
 * Replace the user-info part of every URL in a text.
 * @param text - a message that may contain URLs
 * @returns the text with `scheme://[redacted]@host` in place of `scheme://user:password@host`
 */
export function scrubUrlCredentials(text: string): string {
  return text.replace(URL_CREDENTIALS, '$1[redacted]@')
}
