/**
 * Profiles as files (issue 20, item 6): a user-written JSON file, checked with clear errors;
 * `--profile` on the CLI and `loadProfile` in the API; a `report-profile.json` beside the reports;
 * OpenInfra's conventions as one such file; a conservative default for everyone else.
 */
import {cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {importFiles, importMarkdown, loadProfile, ProfileError} from '../../importer/index.ts'
import {runCli} from '../../importer/main.ts'
import {defaultProfile} from '../../importer/profile/default.ts'
import {openInfraProfile} from '../../importer/profile/openinfra.ts'
import {validateProfile} from '../../importer/profile/validate.ts'

const repoRoot = path.resolve(import.meta.dirname, '../..')
let dir: string
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'profiles-'))
})
afterAll(() => rmSync(dir, {recursive: true, force: true}))

async function cli(argv: string[], cwd = dir) {
  const stdout: string[] = []
  const stderr: string[] = []
  const code = await runCli(argv, {stdout: (line) => stdout.push(line), stderr: (line) => stderr.push(line), env: {}, cwd, isTTY: false})
  return {code, stdout, stderr}
}

/** A report in OpenInfra's house style: a project logo block and a byline. */
const LOGO_REPORT = `---
title: Widget Yearbook
year: 2021
---
## Project Updates

<div><a href="https://widget.example"><img src="/img/project-logos/widget.svg" alt="Widget Logo"/></a></div>

Widget shipped.
`

describe('profile files', () => {
  test('the OpenInfra profile beside the bundled content is the one the importer ships', () => {
    expect(JSON.parse(readFileSync(path.join(repoRoot, 'content/report-profile.json'), 'utf8'))).toEqual(JSON.parse(readFileSync(path.join(repoRoot, 'importer/profile/openinfra.json'), 'utf8')))
  })

  test.each([
    ['not an object', [], /a profile must be a JSON object, got a list/],
    ['an unknown field', {name: 'x', bylines: {opening: true, roles: []}}, /profile field "bylines\.roles" is not a profile field/],
    ['a bad regular expression', {projects: {linkListLeadIns: ['(unclosed']}}, /profile field "projects\.linkListLeadIns\[0\]" is not a valid regular expression/],
    ['an unknown link kind', {projects: {linkKinds: [{pattern: 'x', kind: 'blog'}]}}, /"projects\.linkKinds\[0\]\.kind" must be one of code, chat/],
    ['a slug source that does not exist', {reportSlug: ['filename']}, /"reportSlug\[0\]" must be one of frontMatter, fileName, title, year/],
    ['a logo path that is not a path', {projects: {logoPaths: ['img/logos']}}, /"projects\.logoPaths\[0\]" must be a site path/],
    ['inverted limits', {bylines: {minNameWords: 4, maxNameWords: 2}}, /"bylines\.minNameWords" must not be more than maxNameWords/],
    ['a base URL that is not one', {baseUrl: 'example.org'}, /"baseUrl" must be an absolute http\(s\) URL/],
  ])('%s: a ProfileError naming the file and the field', (_name, value, message) => {
    expect(() => validateProfile(value, 'site/report-profile.json')).toThrow(ProfileError)
    expect(() => validateProfile(value, 'site/report-profile.json')).toThrow(message)
  })

  test('what a file leaves out comes from the default profile', () => {
    const data = validateProfile({name: 'tiny', projects: {logoPaths: ['/logos/']}}, 'tiny.json')
    expect(data.bylines).toEqual(defaultProfile.data.bylines)
    expect(data.projects).toMatchObject({logoPaths: ['/logos/'], logoAltSuffix: 'Logo', markdownImageLogos: false})
  })

  test('loadProfile: a missing file and invalid JSON are ProfileErrors too', async () => {
    await expect(loadProfile('nope.json', dir)).rejects.toThrow(/nope\.json: no such profile file/)
    writeFileSync(path.join(dir, 'broken.json'), '{"name": ')
    await expect(loadProfile('broken.json', dir)).rejects.toThrow(/broken\.json: not valid JSON/)
  })
})

describe('which profile converts which report', () => {
  test('without a profile file the CLI uses the conservative default: a logo is an image, not a project', async () => {
    const folder = path.join(dir, 'plain')
    mkdirSync(folder)
    writeFileSync(path.join(folder, 'widget.md'), LOGO_REPORT)
    const result = await cli(['plain', '--out', 'plain.ndjson'])
    expect(result.code, result.stderr.join('\n')).toBe(0)
    const text = readFileSync(path.join(dir, 'plain.ndjson'), 'utf8')
    expect(text).not.toContain('"_type":"project"')
    expect(text).toContain('"_id":"report-widget"')
    expect(result.stderr.at(-1)).toMatch(/^profile "default" for 1 report: no report-profile\.json beside them/)
  })

  test('--profile <file>: the same file converts every input (here OpenInfra’s: logos are projects, ids by year)', async () => {
    const result = await cli(['plain', '--profile', path.join(repoRoot, 'importer/profile/openinfra.json'), '--out', 'with-profile.ndjson'])
    expect(result.code).toBe(0)
    const text = readFileSync(path.join(dir, 'with-profile.ndjson'), 'utf8')
    expect(text).toContain('"_id":"project-widget"')
    expect(text).toContain('"_id":"report-2021"')
  })

  test('a report-profile.json beside the reports applies to them (and their subfolders), not to other inputs', async () => {
    const site = path.join(dir, 'site')
    mkdirSync(path.join(site, 'news', '2021'), {recursive: true})
    cpSync(path.join(repoRoot, 'importer/profile/openinfra.json'), path.join(site, 'report-profile.json'))
    writeFileSync(path.join(site, 'news', '2021', 'widget.md'), LOGO_REPORT)
    const result = await cli(['site', 'plain', '--out', 'mixed.ndjson'])
    expect(result.code, result.stderr.join('\n')).toBe(0)
    const ids = readFileSync(path.join(dir, 'mixed.ndjson'), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line)._id as string)
    expect(ids).toEqual(expect.arrayContaining(['report-2021', 'report-widget', 'project-widget']))
    expect(result.stderr.filter((line) => line.startsWith('profile '))).toEqual([
      'profile "openinfra" (site/report-profile.json) for 1 report',
      'profile "default" for 1 report: no report-profile.json beside them (--profile <file> picks one; see importer/README.md)',
    ])
  })

  test('an invalid profile file: one located error line, exit 1, nothing written', async () => {
    const bad = path.join(dir, 'bad-site')
    mkdirSync(bad)
    writeFileSync(path.join(bad, 'report-profile.json'), '{"bylines": {"opening": "yes"}}')
    writeFileSync(path.join(bad, 'r.md'), LOGO_REPORT)
    const discovered = await cli(['bad-site', '--out', 'bad.ndjson'])
    expect(discovered.code).toBe(1)
    expect(discovered.stderr[0]).toBe('bad-site/report-profile.json: error: profile field "bylines.opening" must be true or false, got "yes" [invalid-profile]')
    const given = await cli(['plain', '--profile', 'bad-site/report-profile.json', '--out', 'bad.ndjson'])
    expect(given.code).toBe(1)
    expect(given.stderr[0]).toMatch(/^bad-site\/report-profile\.json: error: profile field "bylines\.opening"/)
    expect(() => readFileSync(path.join(dir, 'bad.ndjson'))).toThrow()
  })

  test('worker threads compile each report’s profile from its file: --jobs 2 writes the bytes of --jobs 1', async () => {
    for (const jobs of ['1', '2']) expect((await cli(['site', 'plain', '--jobs', jobs, '--out', `jobs-${jobs}.ndjson`])).code).toBe(0)
    expect(readFileSync(path.join(dir, 'jobs-2.ndjson'), 'utf8')).toBe(readFileSync(path.join(dir, 'jobs-1.ndjson'), 'utf8'))
  })

  test('the API: importFiles takes a profile, else report-profile.json files, else its default (OpenInfra’s, as before)', async () => {
    const api = await importFiles(['plain'], {cwd: dir})
    expect(api.documents.map((document) => document._id)).toContain('project-widget')
    const loaded = await loadProfile(path.join(repoRoot, 'importer/profile/default.json'))
    const conservative = await importFiles(['plain'], {cwd: dir, profile: loaded})
    expect(conservative.documents.map((document) => document._id)).not.toContain('project-widget')
  })
})

describe('project conventions of a profile', () => {
  const tidewater = validateProfile({name: 'tidewater', projects: {logoPaths: ['/logos/'], logoAltSuffix: 'logo', markdownImageLogos: true, names: ['Pipelines']}}, 'tidewater.json')

  test('markdown-image logos are projects where the profile says so (linked: the link is the website)', async () => {
    const {compileProfile} = await import('../../importer/profile/compile.ts')
    const profile = compileProfile(tidewater)
    const markdown = '---\ntitle: Tidewater 2023\n---\n## Projects\n\n[![Beacon logo](/logos/beacon.svg)](https://beacon.example.org)\n\nBeacon shipped.\n\n![Harbor logo](/logos/harbor.svg)\n\nHarbor grew.\n'
    const {documents} = importMarkdown(markdown, {file: 't.md', profile})
    expect(documents.filter((document) => document._type === 'project')).toEqual([
      expect.objectContaining({_id: 'project-beacon', website: 'https://beacon.example.org', logo: expect.objectContaining({src: '/logos/beacon.svg'})}),
      expect.objectContaining({_id: 'project-harbor', logo: expect.objectContaining({src: '/logos/harbor.svg'})}),
    ])
    expect(importMarkdown(markdown, {file: 't.md', profile: defaultProfile}).documents.some((document) => document._type === 'project')).toBe(false)
  })

  test('project names are matched on word boundaries, case as written', async () => {
    const {compileProfile} = await import('../../importer/profile/compile.ts')
    const markdown = '---\ntitle: Tidewater 2023\n---\n## Building better CI pipelines together\n\nx\n\n## Pipelines in 2023\n\ny\n\n## PipelinesNext\n\nz\n'
    const sections = importMarkdown(markdown, {file: 't.md', profile: compileProfile(tidewater)}).documents.filter((document) => document._type === 'section')
    expect(sections.map((section) => [section.title, (section as {projects?: Array<{_ref: string}>}).projects?.map((ref) => ref._ref) ?? []])).toEqual([
      ['Building better CI pipelines together', []],
      ['Pipelines in 2023', ['project-pipelines']],
      ['PipelinesNext', []],
    ])
  })

  test('a title names a logo’s project only in the case it is written (OpenInfra too)', () => {
    const markdown = `${LOGO_REPORT}\n## Better widget tooling\n\nText.\n\n## Widget in 2022\n\nMore.\n`
    const sections = importMarkdown(markdown, {file: 'w.md', profile: openInfraProfile}).documents.filter((document) => document._type === 'section')
    const projects = (title: string) => (sections.find((section) => section.title === title) as {projects?: Array<{_ref: string}>}).projects?.map((ref) => ref._ref) ?? []
    expect(projects('Better widget tooling')).toEqual([])
    expect(projects('Widget in 2022')).toEqual(['project-widget'])
  })

  test('baseUrl: relative links become absolute against the site, each a located note; anchors stay', async () => {
    const {compileProfile} = await import('../../importer/profile/compile.ts')
    const profile = compileProfile(validateProfile({baseUrl: 'https://blog.example.org/posts/'}, 'b.json'))
    const {documents, diagnostics} = importMarkdown('---\ntitle: T 2025\n---\nSee [login](2025-11-14-login.md), [about](/about/), [top](#top) and [x](https://x.example/).\n', {file: 'b.md', profile})
    const hrefs = JSON.stringify(documents).match(/"href":"[^"]*"/g)
    expect(hrefs).toEqual(['"href":"https://blog.example.org/posts/2025-11-14-login.md"', '"href":"https://blog.example.org/about/"', '"href":"#top"', '"href":"https://x.example/"'])
    expect(diagnostics.filter((d) => d.rule === 'link-absolute').map((d) => [d.severity, d.line])).toEqual([['note', 4], ['note', 4]])
  })
})
