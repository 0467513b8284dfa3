// The annual report's staff page and CSV: statistics.read only; a year picked by a GET form; a
// bad year is a 400 page naming the problem; the CSV carries every field and runs no formula.
import { expect, it } from 'vitest'
import { describeEngines } from '../harness/engines.js'
import { textOf, WebClient } from './web-client.js'
import { signInStaff, useWebApp } from './web-harness.js'

describeEngines('staff annual report', (env) => {
  const app = useWebApp(() => env().ctx)

  it('shows librarians the survey fields for a fiscal year, and refuses circulation staff', async () => {
    const { ctx, clock } = env()
    clock.set('2026-08-15T15:00:00.000Z')
    const librarian = new WebClient(app)
    await signInStaff(librarian, ctx, 'librarian')
    const page = await librarian.get('/staff/statistics/annual')
    expect(page.status).toBe(200)
    const text = textOf(page.body)
    // Without a year: the last fiscal year that has ended (July 2025 to June 2026).
    expect(text).toContain('Annual report, fiscal year 2026')
    expect(text).toContain('From Jul 1, 2025 to Jun 30, 2026')
    for (const field of [
      'REGBOR',
      'TOTCIR',
      'KIDCIRCL',
      'LOANFM',
      'REFERENC',
      'PITUSR',
      'WIFISESS',
      'WEBVISIT',
    ])
      expect(text).toContain(field)
    expect(text).toContain('WIFISESS Wireless (Wi-Fi) sessions Not counted')
    expect(page.body).toContain('<form method="get" action="/staff/statistics/annual"')
    expect(page.body).toContain('href="/staff/statistics/annual.csv?year=2026"')

    const older = textOf((await librarian.get('/staff/statistics/annual?year=2024')).body)
    expect(older).toContain('From Jul 1, 2023 to Jun 30, 2024')
    const own = await librarian.get('/staff/statistics/annual?from=2026-01-01&to=2026-03-31')
    expect(textOf(own.body)).toContain('Annual report, Jan 1, 2026 to Mar 31, 2026')
    expect(own.body).toContain(
      'href="/staff/statistics/annual.csv?from=2026-01-01&amp;to=2026-03-31"',
    )

    const bad = await librarian.get('/staff/statistics/annual?year=20266')
    expect(bad.status).toBe(400)
    expect(textOf(bad.body)).toContain('The year must be a four-digit year from 2000 to 2199')
    const long = await librarian.get('/staff/statistics/annual?from=2024-01-01&to=2025-06-30')
    expect(long.status).toBe(400)
    expect((await librarian.get('/staff/statistics/annual.csv?year=next')).status).toBe(400)

    const desk = new WebClient(app)
    await signInStaff(desk, ctx, 'circulation')
    expect((await desk.get('/staff/statistics/annual')).status).toBe(403)
    expect((await desk.get('/staff/statistics/annual.csv?year=2026')).status).toBe(403)
  })

  it('exports the fields as CSV: empty for what Carrel cannot know, and no cell that runs as a formula', async () => {
    const { ctx } = env()
    const officer = new WebClient(app)
    await signInStaff(officer, ctx, 'privacy_officer')
    const csv = await officer.get('/staff/statistics/annual.csv?year=2026')
    expect(csv.status).toBe(200)
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.headers['content-disposition']).toContain('annual-report-fy2026.csv')
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
    expect(lines[0]).toBe('"field","label","value","method"')
    expect(lines).toHaveLength(12)
    expect(lines.find((l) => l.startsWith('"WIFISESS"'))).toMatch(
      /^"WIFISESS","Wireless \(Wi-Fi\) sessions","","Not recorded/,
    )
    expect(lines.find((l) => l.startsWith('"TOTCIR"'))).toMatch(
      /^"TOTCIR","Total circulation of materials","0",/,
    )
    for (const line of lines) expect(line).not.toMatch(/(^|,)"[=+\-@]/)
  })
})
