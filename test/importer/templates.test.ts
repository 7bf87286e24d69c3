/**
 * Template syntax left in published markdown (issue 20, item 5): the Hugo `figure` shortcode
 * becomes a figure, `{{ '/path' | url }}` becomes `/path` with a warning, everything else is kept
 * as written and warned about at its line — never silently.
 */
import {describe, expect, test} from 'vitest'
import {importMarkdown} from '../../importer/index.ts'
import {defaultProfile} from '../../importer/profile/default.ts'

const FRONT = '---\ntitle: Lumen Report\nyear: 2024\n---\n'
const run = (body: string) => importMarkdown(FRONT + body, {file: 'r.md', profile: defaultProfile})
const json = (value: unknown) => JSON.stringify(value)

describe('template syntax', () => {
  test('{{ \'/path\' | url }} in a markdown link, a raw <a href> and an <img src> resolves to /path, each warned at its place', () => {
    const {documents, diagnostics} = run(`See [talks]({{ '/about/talks/' | url }}) and <a href="{{ "/blog/" | url }}">the blog</a>.\n\n<img src="{{ '/img/chart.png' | relative_url }}" alt="Chart">\n`)
    const text = json(documents)
    expect(text).toContain('"href":"/about/talks/"')
    expect(text).toContain('"href":"/blog/"')
    expect(text).toContain('"src":"/img/chart.png"')
    expect(text).not.toContain('{{')
    expect(diagnostics.filter((d) => d.rule === 'template-url').map((d) => [d.line, d.column])).toEqual([[5, 13], [5, 55], [7, 11]])
  })

  test('a Hugo figure shortcode becomes a figure: src, alt, title, link, and a caption whose markdown link is kept', () => {
    const {documents, diagnostics} = run('{{< figure src="/img/growth.png" alt="Contributors per month" title="Growth" link="https://stats.example.org" caption="Per month, from the [dashboard](https://stats.example.org/d) *so far*" >}}\n')
    const figure = (documents[0] as unknown as {intro: Array<Record<string, unknown>>}).intro[0]!
    expect(figure).toMatchObject({_type: 'figure', src: '/img/growth.png', alt: 'Contributors per month', title: 'Growth', href: 'https://stats.example.org'})
    const caption = (figure.caption as Array<{children: Array<{text: string; marks: string[]}>; markDefs: Array<{href: string}>}>)[0]!
    expect(caption.children.map((span) => span.text).join('')).toBe('Per month, from the dashboard so far')
    expect(caption.markDefs.map((def) => def.href)).toEqual(['https://stats.example.org/d'])
    expect(caption.children.find((span) => span.text === 'so far')!.marks).toEqual(['em'])
    expect(diagnostics.map((d) => d.rule)).toEqual(['shortcode-figure'])
  })

  test('a shortcode over several lines closed by ">}}" on its own line (which markdown reads as a blockquote) is one shortcode', () => {
    // As Hugo sites write it (e.g. 2i2c-org/2i2c-org.github.io): the closer alone on the last line.
    const figure = '{{< figure\n  src="chart.png"\n  width="75%"\n  caption="Revenue, see [the docs](https://docs.example.org/)."\n>}}\n'
    const {documents, diagnostics} = run(`Before.\n\n${figure}\nAfter.\n`)
    const intro = (documents[0] as unknown as {intro: Array<Record<string, unknown>>}).intro
    expect(intro.map((member) => member._type)).toEqual(['block', 'figure', 'block'])
    expect(intro[1]).toMatchObject({src: 'chart.png', decorative: true})
    const caption = (intro[1]!.caption as Array<{children: Array<{text: string}>; markDefs: Array<{href: string}>}>)[0]!
    expect(caption.children.map((span) => span.text).join('')).toBe('Revenue, see the docs.')
    expect(caption.markDefs.map((def) => def.href)).toEqual(['https://docs.example.org/'])
    expect(diagnostics.map((d) => [d.rule, d.line])).toEqual([['shortcode-figure', 7]])

    // Any other shortcode stays one paragraph, as written, with its warning; no blockquote.
    const other = run('{{< youtube\n  id="abc"\n>}}\n')
    const blocks = (other.documents[0] as unknown as {intro: Array<{style: string; children: Array<{text: string}>}>}).intro
    expect(blocks.map((block) => [block.style, block.children.map((span) => span.text).join('')])).toEqual([['normal', '{{< youtube id="abc" >}}']])
    expect(other.diagnostics.map((d) => [d.rule, d.line])).toEqual([['template-syntax', 5]])

    // A real blockquote after a closed shortcode, or one that is more than the closer, stays a blockquote.
    const styles = (body: string) => (run(body).documents[0] as unknown as {intro: Array<{style: string}>}).intro.map((block) => block.style)
    for (const body of ['{{< youtube id="abc" >}}\n>}}\n', '{{< youtube\n>}} and more\n', 'Plain text\n>}}\n']) expect(styles(body)).toEqual(['normal', 'blockquote'])
    // Only the paragraph right before the closer is joined to it.
    expect(styles('{{< youtube\n\nA paragraph between.\n\n>}}\n')).toEqual(['normal', 'normal', 'blockquote'])
  })

  test('every other construct is kept as written and warned about with its line', () => {
    const {documents, diagnostics} = run('Watch: {{< youtube id="abc" >}}\n\n{{% notice note %}}\nRounded.\n{{% /notice %}}\n\n{% include donate.html %} and {{ site.title }}.\n')
    const text = json(documents)
    for (const kept of ['{{< youtube id=\\"abc\\" >}}', '{{% notice note %}}', '{{% /notice %}}', '{% include donate.html %}', '{{ site.title }}']) expect(text).toContain(kept)
    expect(diagnostics.filter((d) => d.rule === 'template-syntax').map((d) => d.line)).toEqual([5, 7, 9, 11, 11])
  })

  test('template syntax inside code is content: left alone, no warning', () => {
    const {documents, diagnostics} = run('Use `{{ site.title }}` in a layout:\n\n```liquid\n{% for post in site.posts %}{{ post.url | relative_url }}{% endfor %}\n```\n')
    expect(json(documents)).toContain('{{ post.url | relative_url }}')
    expect(diagnostics).toEqual([])
  })

  test('a file of braces stays quick to scan and its warnings are capped (one more counts the rest)', () => {
    const {diagnostics} = run(`${'{{x}} '.repeat(5000)}\n\n${'{{'.repeat(50_000)}\n`)
    const warnings = diagnostics.filter((d) => d.rule === 'template-syntax')
    expect(warnings).toHaveLength(101)
    expect(warnings.at(-1)!.message).toMatch(/^4900 more template constructs kept as written/)
  })
})
