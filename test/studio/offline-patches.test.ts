/**
 * The offline build's patches (studio/offlinePatches.ts) against the installed dependencies: each
 * one finds its code, in every installed copy of the module that has it, and changes only that;
 * a copy whose code changed makes the patch fail loudly instead of letting the request back in.
 */
import fs from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {OFFLINE_PATCHES, patchModule} from '../../studio/offlinePatches.ts'
import {repoRoot} from './run.ts'

/** Every installed JavaScript module a patch is meant for (node_modules, nested copies included). */
function installedModules(): string[] {
  const found: string[] = []
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, {withFileTypes: true})) {
      const file = path.join(dir, entry.name)
      if (entry.isDirectory() && !entry.isSymbolicLink()) walk(file)
      else if (entry.isFile() && file.endsWith('.js') && OFFLINE_PATCHES.some((patch) => patch.module.test(file))) found.push(file)
    }
  }
  walk(path.join(repoRoot, 'node_modules/sanity/lib'))
  for (const sdk of ['node_modules/@sanity/sdk', 'node_modules/@sanity/sdk-react/node_modules/@sanity/sdk']) {
    if (fs.existsSync(path.join(repoRoot, sdk))) walk(path.join(repoRoot, sdk))
  }
  return found
}

describe('offline patches', () => {
  const modules = installedModules().map((file) => ({file, code: fs.readFileSync(file, 'utf8')}))

  it('each patch applies to every installed module that has its code, and nowhere else', () => {
    for (const patch of OFFLINE_PATCHES) {
      const targets = modules.filter((module) => module.code.includes(patch.marker))
      expect(targets.length, patch.name).toBeGreaterThan(0)
      for (const target of targets) {
        const result = patchModule(target.code, target.file, [patch])
        expect(result.applied, target.file).toEqual([patch.name])
        expect(result.code.includes(patch.replace), target.file).toBe(true)
        // Only the patched code differs.
        expect(result.code.length - target.code.length).toBe(patch.replace.length - patch.find.length)
      }
    }
  })

  it('takes the requests out: the cookie probe answers "no cookie" and the version check fetches nothing', async () => {
    const sdk = modules.find((module) => module.code.includes('async function checkForCookieAuth('))
    if (!sdk) throw new Error('no installed @sanity/sdk has the cookie probe')
    const body = patchModule(sdk.code, sdk.file).code.match(/async function checkForCookieAuth\(projectId, clientFactory\) \{[\s\S]*?\n\}/)?.[0] ?? ''
    let asked = 0
    const probe = new Function(`${body}; return checkForCookieAuth`)() as (id: string, factory: () => unknown) => Promise<boolean>
    expect(await probe('offline', () => (asked += 1))).toBe(false)
    expect(asked).toBe(0)
  })

  it('fails when a module has the code it stops but no longer in the patched form', () => {
    const [patch] = OFFLINE_PATCHES
    if (!patch) throw new Error('no patches')
    const changed = `${patch.marker}(projectId, clientFactory, options) {}`
    expect(() => patchModule(changed, '/x/node_modules/@sanity/sdk/dist/authStore-x.js', [patch])).toThrow(/not exactly once/)
  })
})
