/**
 * The token `npm run studio` bakes into the dev Studio (studio/dev-token.ts): the local lake's own
 * token for a host on this machine, never SANITY_API_TOKEN (a real project's token would end up in
 * a browser bundle), nothing for a host elsewhere.
 */
import {describe, expect, it} from 'vitest'
import {devStudioToken} from '../../studio/dev-token.ts'

const lakeFile = () => 'from-lake-token-file'

describe('devStudioToken', () => {
  it("gives the offline Studio the lake's token, never SANITY_API_TOKEN", () => {
    expect(devStudioToken({SANITY_API_TOKEN: 'sk-real'}, 'https://127.0.0.1:3333', lakeFile)).toBe('from-lake-token-file')
    expect(devStudioToken({SANITY_API_TOKEN: 'sk-real', SANITY_LAKE_TOKEN: ' lake-env '}, 'https://127.0.0.1:3333', lakeFile)).toBe('lake-env')
    expect(devStudioToken({SANITY_LAKE_TOKEN: ''}, 'http://localhost:4000', lakeFile)).toBe('from-lake-token-file')
  })

  it('sets nothing when a token is set already, when there is no API host, or when the host is not on this machine', () => {
    expect(devStudioToken({SANITY_STUDIO_API_TOKEN: 'explicit'}, 'https://127.0.0.1:3333', lakeFile)).toBeUndefined()
    expect(devStudioToken({SANITY_API_TOKEN: 'sk-real'}, undefined, lakeFile)).toBeUndefined()
    expect(devStudioToken({SANITY_API_TOKEN: 'sk-real', SANITY_LAKE_TOKEN: 'lake-env'}, 'https://proxy.example.org', lakeFile)).toBeUndefined()
  })
})
