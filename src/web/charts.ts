type ECharts = typeof import('echarts/core')

let echarts: ECharts | undefined

/**
 * Loads ECharts, once. It takes the better part of a second to load, so the server and every
 * `carrel` command start without it and the first page with a chart loads it: a route that draws
 * one awaits this before rendering.
 */
export async function loadCharts(): Promise<void> {
  if (echarts !== undefined) return
  const [core, charts, components, renderers] = await Promise.all([
    import('echarts/core'),
    import('echarts/charts'),
    import('echarts/components'),
    import('echarts/renderers'),
  ])
  core.use([
    charts.BarChart,
    charts.LineChart,
    components.GridComponent,
    components.LegendComponent,
    renderers.SVGRenderer,
  ])
  echarts = core
}

/** One line or bar of a chart: a name for the legend and one value per label. */
export interface ChartSeries {
  name: string
  values: (number | null)[]
}

export interface ChartInput {
  kind: 'line' | 'bar'
  /** What the chart shows, in words: the SVG's accessible name. */
  label: string
  /** The categories along the bottom (days, months, branches). */
  labels: string[]
  series: ChartSeries[]
  width?: number
  height?: number
}

/** Colours that keep a 3:1 contrast with white, in the order series take them. */
const PALETTE = ['#1f5fa8', '#a3460f', '#2e7d32', '#6a3d9a', '#8c6d00']

/**
 * A chart drawn on the server as SVG markup, for pages that run no script. Pages allow no inline
 * style (CSP `style-src 'self'`), so the few style attributes ECharts writes on text become the
 * equivalent SVG presentation attributes, and its hover-only style sheet is left out.
 */
export function chartSvg(input: ChartInput): string {
  const width = input.width ?? 640
  const height = input.height ?? 280
  if (echarts === undefined) throw new Error('chartSvg before loadCharts()')
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height })
  try {
    chart.setOption({
      animation: false,
      color: PALETTE,
      grid: { left: 56, right: 16, top: input.series.length > 1 ? 40 : 16, bottom: 48 },
      legend: input.series.length > 1 ? { top: 4 } : { show: false },
      xAxis: { type: 'category', data: input.labels, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', minInterval: 1 },
      series: input.series.map((s) => ({ type: input.kind, name: s.name, data: s.values })),
    })
    return accessible(inlineStylesToAttributes(chart.renderToSVGString()), input.label)
  } finally {
    chart.dispose()
  }
}

const STYLE_ATTRIBUTE = /\sstyle="([^"]*)"/g
const STYLE_ELEMENT = /<style[^>]*>[\s\S]*?<\/style>/g
/** The properties ECharts writes in style attributes, all of which SVG also takes as attributes. */
const PRESENTATION = new Set([
  'font-size',
  'font-family',
  'font-weight',
  'font-style',
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'opacity',
])

export function inlineStylesToAttributes(svg: string): string {
  return svg.replace(STYLE_ELEMENT, '').replace(STYLE_ATTRIBUTE, (_match, body: string) => {
    const attributes = body
      .split(';')
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .map((part) => {
        const colon = part.indexOf(':')
        const name = part.slice(0, colon).trim()
        const value = part.slice(colon + 1).trim()
        return PRESENTATION.has(name) ? ` ${name}="${value.replace(/"/g, '&quot;')}"` : ''
      })
    return attributes.join('')
  })
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
}

function accessible(svg: string, label: string): string {
  return svg.replace(/^<svg /, `<svg role="img" aria-label="${escapeAttribute(label)}" `)
}
