import { beforeAll, describe, expect, it } from 'vitest'
import { chartSvg, inlineStylesToAttributes, loadCharts } from '../../src/web/charts.js'

describe('server-drawn charts', () => {
  beforeAll(loadCharts)

  it('draws an SVG with an accessible name, every label, and no inline style the pages would refuse', () => {
    const svg = chartSvg({
      kind: 'bar',
      label: 'Loans "by" branch',
      labels: ['Main', 'North <Branch>'],
      series: [
        { name: 'Loans', values: [12, 7] },
        { name: 'Renewals', values: [4, 1] },
      ],
    })
    expect(svg.startsWith('<svg role="img" aria-label="Loans &quot;by&quot; branch" ')).toBe(true)
    expect(svg).toContain('>Main<')
    expect(svg).toContain('North &lt;Branch&gt;')
    expect(svg).not.toContain('<Branch>')
    expect(svg).toContain('>Renewals<')
    expect(svg).not.toMatch(/style[=>\s]/)
    expect(svg).toMatch(/font-size="12px"/)
  })

  it('turns style properties into presentation attributes and drops any other property', () => {
    expect(
      inlineStylesToAttributes(
        '<text style="font-size:18px;font-weight:bold;cursor:pointer;">x</text><style>.a{}</style>',
      ),
    ).toBe('<text font-size="18px" font-weight="bold">x</text>')
  })
})
