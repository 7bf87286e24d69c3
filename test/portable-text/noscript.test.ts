/**
 * `<noscript>` fallbacks (issue 20, item 4): how sites ship charts drawn by scripts. The fallback
 * image (and link) is what the importer keeps; a script inside the fallback is still dropped.
 */
import {describe, expect, test} from 'vitest'
import {convert} from './helpers.ts'

const CHART = `<!-- Chart where-do-you-live start -->
<div>
    <div class="pie-chart" id="where-do-you-live" style="height:600px; width:100%;"><noscript>
<img alt="where-do-you-live" height="600" src="where-do-you-live.png"/>
</noscript></div>
    <div style="display: flex; margin-bottom: 10px;">
        <span>[<a href="where-do-you-live.png" title="Download chart as PNG">PNG</a>]</span>&nbsp;<span>[<a href="where-do-you-live.svg">SVG</a>]</span>
    </div>
</div>
<!-- Chart where-do-you-live end -->`

describe('<noscript> fallbacks', () => {
  test('a chart’s fallback image becomes a figure; its download links stay links', () => {
    const {members, rules} = convert(CHART)
    expect(members[0]).toMatchObject({_type: 'figure', src: 'where-do-you-live.png', alt: 'where-do-you-live'})
    expect(JSON.stringify(members)).toContain('"href":"where-do-you-live.svg"')
    expect(rules).toEqual(['html-comment', 'html-comment'])
  })

  test('a fallback inside a paragraph is an inline image', () => {
    const {members} = convert('Growth <noscript><img src="/g.png" alt="Growth chart"></noscript> was steady.')
    expect(members[0]).toMatchObject({_type: 'block', children: [expect.objectContaining({text: 'Growth '}), expect.objectContaining({_type: 'inlineImage', src: '/g.png', alt: 'Growth chart'}), expect.objectContaining({text: ' was steady.'})]})
  })

  test('a script inside a fallback is still dropped and reported; the rest of it is kept', () => {
    const {members, rules, diagnostics} = convert('<div><noscript><img src="/a.png" alt="A"><script>alert(1)</script><a href="https://example.org/data">data</a></noscript></div>')
    expect(JSON.stringify(members)).not.toContain('alert')
    expect(JSON.stringify(members)).toContain('"src":"/a.png"')
    expect(JSON.stringify(members)).toContain('"href":"https://example.org/data"')
    expect(rules).toContain('unsafe-content')
    expect(diagnostics.list.find((d) => d.rule === 'unsafe-content')).toMatchObject({line: 1})
  })
})
