// The staff statistics pages: only `statistics.read` reaches them; the website report shows the
// seeded daily counts as tables (charts beside them), grouped as asked, small counts hidden in
// words and as "hidden" in each section's CSV, and refuses a query it cannot count with a 400 page.
import { beforeAll, expect, it } from 'vitest'
import { describeEngines } from '../harness/engines.js'
import { SITE, seedStatistics } from '../analytics/statistics-seed.js'
import { PAGE_ROWS, websiteReport } from '../../src/web/website-report.js'
import { textOf, WebClient } from './web-client.js'
import { signInStaff, useWebApp } from './web-harness.js'

const OTHER = 'branch.example.org'
const RANGE = `from=2026-10-30&to=2026-11-03`

/** The text of each cell of each row in a section's table, the header row first. */
function tableOf(html: string, section: string): string[][] {
  const start = html.indexOf(`aria-labelledby="s-${section}"`)
  expect(start, `section ${section}`).toBeGreaterThan(-1)
  const body = html.slice(start, html.indexOf('</section>', start))
  const table = /<table>([\s\S]*?)<\/table>/.exec(body)?.[1] ?? ''
  return [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) =>
      textOf(cell[1] ?? '').trim(),
    ),
  )
}

/** CSV rows, the byte-order mark and quotes taken off. */
function csvRows(body: string): string[][] {
  return body
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .map((line) =>
      [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => (m[1] ?? '').replaceAll('""', '"')),
    )
}

describeEngines('staff statistics: the website report pages', (env) => {
  const app = useWebApp(() => env().ctx)

  beforeAll(async () => {
    await seedStatistics(env().ctx.statistics.db, [
      {
        day: '2026-10-30',
        totals: [40, 12, 9],
        pages: [
          ['/', 20, 10, 8, 2],
          ['/catalog/search', 15, 6, 2, 5],
          ['/catalog/item/7', 5, 3, 0, 3],
        ],
        referrers: [
          ['duckduckgo.com', 24],
          ['=cmd|calc', 11],
          ['news.example.com', 1],
        ],
        transitions: [
          ['/', '/catalog/search', 16],
          ['/catalog/search', '/catalog/item/7', 8],
          ['/catalog/item/7', '/', 1],
        ],
      },
      { day: '2026-10-31', totals: [30, 20, 18], pages: [['/', 10, 3, 3, 3]] },
      {
        day: '2026-11-02',
        totals: [70, 50, 40],
        pages: [['/events', 70, 50, 50, 50]],
        referrers: [['duckduckgo.com', 20]],
        transitions: [['/events', '/events/story-time', 20]],
      },
      { day: '2026-11-02', site: OTHER, totals: [100, 50, 40], pages: [['/', 100, 50, 50, 50]] },
      // A quiet week: its small daily totals must not be shown by number.
      { day: '2026-12-01', totals: [3, 2, 2] },
      { day: '2026-12-02', totals: [40, 20, 9] },
      { day: '2026-12-03', totals: [30, 12, 8] },
    ])
  })

  it('is refused to a role without statistics.read, and missing from its menu', async () => {
    const c = new WebClient(app)
    const { answer } = await signInStaff(c, env().ctx, 'circulation')
    expect((await c.follow(answer)).body).not.toContain('href="/staff/statistics"')
    for (const path of [
      '/staff/statistics',
      `/staff/statistics/website?${RANGE}`,
      `/staff/statistics/website.csv?section=pages&${RANGE}`,
    ]) {
      const page = await c.get(path)
      expect({ path, status: page.status }).toEqual({ path, status: 403 })
      expect(page.body).not.toContain('duckduckgo.com')
    }
  })

  it('links the three reports from the landing page, reached from the menu', async () => {
    const c = new WebClient(app)
    const { answer } = await signInStaff(c, env().ctx, 'librarian')
    expect((await c.follow(answer)).body).toContain('href="/staff/statistics"')
    const landing = await c.get('/staff/statistics')
    expect(landing.status).toBe(200)
    for (const href of [
      '/staff/statistics/website',
      '/staff/statistics/library',
      '/staff/statistics/annual',
    ])
      expect(landing.body).toContain(`href="${href}"`)
    expect(landing.setCookies.filter((s) => !s.startsWith('carrel_staff='))).toEqual([])
  })

  it('shows every section by day with its chart and table, small counts hidden in words', async () => {
    const c = new WebClient(app)
    await signInStaff(c, env().ctx, 'privacy_officer')
    const page = await c.get(`/staff/statistics/website?${RANGE}&grouping=day&site=${SITE}`)
    expect(page.status).toBe(200)
    expect(tableOf(page.body, 'overTime')).toEqual([
      ['Period', 'Views', 'Visits', 'Visitors'],
      ['2026-10-30', '40', '12', '9'],
      ['2026-10-31', '30', '20', '18'],
      ['2026-11-01', '0', '0', '0'],
      ['2026-11-02', '70', '50', '40'],
      ['2026-11-03', '0', '0', '0'],
      ['Total of the rows above', '140', '82', '67'],
    ])
    expect(textOf(page.body)).toContain('In all: 140 views, 82 visits, 67 visitor-days.')
    expect(tableOf(page.body, 'pages')).toEqual([
      ['Page', 'Visits', 'Views'],
      ['/events', '50', '70'],
      ['/', '13', '30'],
      // Hidden as well, so that a total could not give the small one away.
      ['/catalog/search', 'hidden', 'hidden'],
      ['/catalog/item/7', 'hidden', 'hidden'],
    ])
    expect(tableOf(page.body, 'referrers')).toEqual([
      ['Site', 'Visits'],
      ['duckduckgo.com', '44'],
      ['=cmd|calc', 'hidden'],
      ['news.example.com', 'hidden'],
      ['Total of the rows above', '56'],
    ])
    expect(tableOf(page.body, 'entries')).toEqual([
      ['Page', 'Visits'],
      ['/events', '50'],
      // 11, hidden so that the total cannot give away the small count below it.
      ['/', 'hidden'],
      ['/catalog/search', 'hidden'],
      ['Total of the rows above', '63'],
    ])
    expect(tableOf(page.body, 'exits')).toEqual([
      ['Page', 'Visits'],
      ['/events', '50'],
      ['/', 'hidden'],
      ['/catalog/search', '5'],
      ['/catalog/item/7', 'hidden'],
      ['Total of the rows above', '63'],
    ])
    expect(tableOf(page.body, 'flows')).toEqual([
      ['From section', 'To section', 'Moves'],
      ['/events', '/events', '20'],
      ['/', '/catalog', '16'],
      ['/catalog', '/catalog', 'hidden'],
      ['/catalog', '/', 'hidden'],
      ['Total of the rows above', '45'],
    ])
    // Each chart is an accessible SVG in a figure, beside its table.
    const figures = page.body.match(/<figure class="chart">[\s\S]*?<\/figure>/g) ?? []
    expect(figures).toHaveLength(5)
    for (const f of figures) expect(f).toMatch(/<svg[^>]*role="img"/)
    expect(page.body).not.toMatch(/\sstyle="/)
    expect(textOf(page.body)).toContain('Counts from 1 to 4 are shown as “hidden”')
  })

  it('groups by week and by month, every site summed when none is chosen', async () => {
    const c = new WebClient(app)
    await signInStaff(c, env().ctx, 'admin')
    const weeks = await c.get(`/staff/statistics/website?${RANGE}&grouping=week`)
    expect(weeks.status).toBe(200)
    expect(tableOf(weeks.body, 'overTime')).toEqual([
      ['Period', 'Views', 'Visits', 'Visitors'],
      ['2026-10-26', '70', '32', '27'],
      ['2026-11-02', '170', '100', '80'],
      ['Total of the rows above', '240', '132', '107'],
    ])
    const months = await c.get(`/staff/statistics/website?${RANGE}&grouping=month`)
    expect(tableOf(months.body, 'overTime').slice(1, 3)).toEqual([
      ['2026-10', '70', '32', '27'],
      ['2026-11', '170', '100', '80'],
    ])
    expect(months.body).toContain(`<option value="${OTHER}"`)
  })

  it('hides small daily totals too, and whatever would give them away', async () => {
    const c = new WebClient(app)
    await signInStaff(c, env().ctx, 'librarian')
    const page = await c.get('/staff/statistics/website?from=2026-12-01&to=2026-12-03')
    expect(page.status).toBe(200)
    const hidden = ['hidden', 'hidden', 'hidden']
    expect(tableOf(page.body, 'overTime')).toEqual([
      ['Period', 'Views', 'Visits', 'Visitors'],
      ['2026-12-01', ...hidden],
      ['2026-12-02', '40', '20', '9'],
      // Shown with the totals, this day would give the first one away, so it is hidden too.
      ['2026-12-03', ...hidden],
      ['Total of the rows above', '73', '34', '19'],
    ])
    expect(textOf(page.body)).toContain('In all: 73 views, 34 visits, 19 visitor-days.')
    const csv = csvRows(
      (await c.get('/staff/statistics/website.csv?section=overTime&from=2026-12-01&to=2026-12-03'))
        .body,
    )
    expect(csv.slice(1, 4)).toEqual([
      ['2026-12-01', 'hidden', 'hidden', 'hidden'],
      ['2026-12-02', '40', '20', '9'],
      ['2026-12-03', 'hidden', 'hidden', 'hidden'],
    ])
    // With the threshold at 1, every count is shown.
    const all = await websiteReport(
      env().ctx.statistics.db,
      { from: '2026-12-01', to: '2026-12-03', grouping: 'day' },
      1,
      PAGE_ROWS,
    )
    expect(all.sections.overTime.rows.map((r) => r.counts)).toEqual([
      [3, 2, 2],
      [40, 20, 9],
      [30, 12, 8],
    ])
  })

  it('exports each section as CSV, hidden counts written "hidden" and formulas defused', async () => {
    const c = new WebClient(app)
    await signInStaff(c, env().ctx, 'librarian')
    const csv = await c.get(`/staff/statistics/website.csv?section=referrers&${RANGE}&site=${SITE}`)
    expect(csv.status).toBe(200)
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="website-referrers-2026-10-30-to-2026-11-03-by-day.csv"',
    )
    const rows = csvRows(csv.body)
    expect(rows.slice(0, 5)).toEqual([
      ['Site', 'Visits'],
      ['duckduckgo.com', '44'],
      ["'=cmd|calc", 'hidden'],
      ['news.example.com', 'hidden'],
      ['Total of the rows above', '56'],
    ])
    expect(rows[5]?.[0]).toContain('A count written “hidden” is from 1 to 4')

    const flows = csvRows(
      (await c.get(`/staff/statistics/website.csv?section=flows&${RANGE}&grouping=week`)).body,
    )
    expect(flows.slice(0, 3)).toEqual([
      ['From section', 'To section', 'Moves'],
      ['/events', '/events', '20'],
      ['/', '/catalog', '16'],
    ])
    const overTime = csvRows(
      (await c.get(`/staff/statistics/website.csv?section=overTime&${RANGE}&grouping=month`)).body,
    )
    expect(overTime).toEqual([
      ['Period', 'Views', 'Visits', 'Visitors'],
      ['2026-10', '70', '32', '27'],
      ['2026-11', '170', '100', '80'],
      ['Total of the rows above', '240', '132', '107'],
    ])
  })

  it('refuses a query it cannot count with a clear message on the page, never a 500', async () => {
    const c = new WebClient(app)
    await signInStaff(c, env().ctx, 'librarian')
    const cases: [string, string][] = [
      ['from=2026-11-05&to=2026-11-01', 'The start date is after the end date.'],
      ['from=2024-01-01&to=2026-11-01', 'A report covers at most 731 days'],
      ['from=2026-11-01&to=2026-11-03&grouping=year', 'Group the days by day, week or month.'],
      ['from=2026-02-30&to=2026-03-03', 'The start date is not a date written YYYY-MM-DD.'],
      ['from=2026-11-01&to=yesterday', 'The end date is not a date written YYYY-MM-DD.'],
      [
        'from=2026-11-01&to=2026-11-03&site=evil.example',
        'Nothing has been counted for that site.',
      ],
    ]
    for (const [query, message] of cases) {
      const page = await c.get(`/staff/statistics/website?${query}`)
      expect({ query, status: page.status }).toEqual({ query, status: 400 })
      expect(textOf(page.body)).toContain(message)
      // The form comes back as typed, to be corrected.
      expect(page.body).toContain('<form method="get" action="/staff/statistics/website"')
      expect(page.body).not.toContain('<figure')
      const csv = await c.get(`/staff/statistics/website.csv?section=pages&${query}`)
      expect({ query, status: csv.status }).toEqual({ query, status: 400 })
    }
    const typed = await c.get('/staff/statistics/website?from=2026-11-05&to=2026-11-01')
    expect(typed.body).toMatch(
      /name="from"[^>]*value="2026-11-05"|value="2026-11-05"[^>]*name="from"/,
    )
    const section = await c.get(`/staff/statistics/website.csv?section=cookies&${RANGE}`)
    expect(section.status).toBe(400)
  })
})
