import {spawn} from 'node:child_process'
import http from 'node:http'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {importFiles, toNdjson} from '../../importer/index.ts'
import {runScript} from '../queries/cli-process.ts'
import {repoRoot} from './helpers.ts'

let dir: string
let dataset: string

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'render-serve-'))
  dataset = path.join(dir, 'd.ndjson')
  const {documents} = await importFiles(['content'], {cwd: repoRoot})
  writeFileSync(dataset, toNdjson(documents))
})
afterAll(() => rmSync(dir, {recursive: true, force: true}))

/** GET a path exactly as written, without URL normalisation. */
function rawStatus(base: string, rawPath: string): Promise<number> {
  const {hostname, port} = new URL(base)
  return new Promise((resolve, reject) => {
    const request = http.get({host: hostname, port, path: rawPath}, (response) => {
      response.resume()
      resolve(response.statusCode ?? 0)
    })
    request.on('error', reject)
  })
}

describe('npm run render: images and serving', () => {
  test('without --assets, each image with neither an asset nor a file is a warning line', async () => {
    const result = await runScript('render/cli.ts', ['--dataset', dataset, '--out', path.join(dir, 'site')])
    expect(result.code, result.stderr).toBe(0)
    const warnings = result.stderr.split('\n').filter((line) => line.startsWith('warning: image '))
    expect(warnings.length).toBeGreaterThan(5)
    expect(warnings[0]).toMatch(/^warning: image "\/img\/[^"]+" has no uploaded asset \(give --assets <site-root>\); it will not load$/)
    const withAssets = await runScript('render/cli.ts', ['--dataset', dataset, '--out', path.join(dir, 'site'), '--assets', 'content'])
    expect(withAssets.stderr.split('\n').filter((line) => line.startsWith('warning: '))).toEqual([])
  })

  test('--serve serves the page and the asset files on 127.0.0.1, nothing outside the folder', async () => {
    const tsx = pathToFileURL(path.join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href
    const child = spawn(process.execPath, ['--import', tsx, 'render/cli.ts', '--dataset', dataset, '--out', path.join(dir, 'served'), '--assets', 'content', '--serve', '--port', '0'], {
      cwd: repoRoot,
      env: {...process.env, SANITY_API_HOST: 'http://127.0.0.1:9', SANITY_PROJECT_ID: ''},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = ''
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString()
          const match = /serving (http:\/\/127\.0\.0\.1:\d+\/\d{4}\/)/.exec(out)
          if (match) resolve(match[1]!)
        })
        child.once('exit', (code) => reject(new Error(`render exited ${code}`)))
      })
      const page = await fetch(url)
      expect(page.headers.get('content-type')).toMatch(/^text\/html/)
      const html = await page.text()
      const src = /<img src="(\/img\/[^"]+)"/.exec(html)?.[1]
      expect(src).toBeDefined()
      const image = await fetch(new URL(src!, url))
      expect(image.status).toBe(200)
      expect((await image.arrayBuffer()).byteLength).toBeGreaterThan(0)
      // Raw paths (fetch would normalise them): an encoded `..` must not leave the assets folder.
      for (const raw of ['/..%2fpackage.json', '/img/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/package.json']) expect(await rawStatus(url, raw), raw).toBe(404)
    } finally {
      child.kill('SIGTERM')
    }
  })
})
