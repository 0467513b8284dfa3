// The library statistics page and its CSV: the numbers are those of the acts made through the
// services, small counts are hidden (with what would give them away), bad parameters are a 400
// and a role without statistics.read gets a 403.
import { expect, it } from 'vitest'
import { isoWeek } from '../../src/reports/periods.js'
import { describeEngines } from '../harness/engines.js'
import { seedActivity, START, sumBy } from '../reports/seed-activity.js'
import { textOf, WebClient } from './web-client.js'
import { signInStaff, useWebApp } from './web-harness.js'

const QUERY = `from=${START}&to=2026-03-15&grouping=week&breakdown=branch`

/** The CSV's lines as arrays of cells (every cell is quoted). */
function parseCsv(body: string): string[][] {
  return body
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((l) => l !== '')
    .map((l) => [...l.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!.replaceAll('""', '"')))
}

describeEngines('staff: library statistics', (env) => {
  const app = useWebApp(() => env().ctx)
  let seeded: ReturnType<typeof seedActivity> | undefined
  const seed = () => (seeded ??= seedActivity(env()))

  it('shows each section as a chart and a table, with small counts hidden', async () => {
    await seed()
    const c = new WebClient(app)
    await signInStaff(c, env().ctx, 'librarian')
    const page = await c.get(`/staff/statistics/library?${QUERY}`)
    expect(page.status).toBe(200)
    expect(page.setCookies.every((l) => l.startsWith('carrel_staff='))).toBe(true)
    const text = textOf(page.body)
    for (const heading of [
      'Circulation',
      'Holds',
      'Registrations',
      'Fines and fees',
      'Public computers',
      'Questions and requests',
    ])
      expect(text).toContain(heading)
    expect(page.body.match(/<svg/g)?.length).toBeGreaterThan(5)
    expect(page.body).toContain('<figure>')
    // East's two loans in the first week are fewer than five.
    expect(page.body).toMatch(/<td[^>]*>hidden<\/td>/)
    expect(page.body).toContain('href="/staff/statistics/library.csv?section=circulation&amp;')
    // The form works without script: a GET with the values chosen.
    expect(page.body).toMatch(/<form method="get" action="\/staff\/statistics\/library"/)
    expect(page.body).toMatch(/<option value="week" selected/)
    // With nothing asked, the last 30 days day by day.
    const plain = await c.get('/staff/statistics/library')
    expect(plain.status).toBe(200)
    expect(plain.body).toMatch(/<option value="day" selected/)
  })

  it('exports a section as CSV: shown numbers equal the acts, hidden ones read "hidden"', async () => {
    const { tally } = await seed()
    const c = new WebClient(app)
    await signInStaff(c, env().ctx, 'privacy_officer')
    const answer = await c.get(`/staff/statistics/library.csv?section=circulation&${QUERY}`)
    expect(answer.status).toBe(200)
    expect(answer.headers['content-type']).toMatch(/^text\/csv/)
    expect(answer.headers['content-disposition']).toContain('library-circulation-')
    const rows = parseCsv(answer.body)
    expect(rows[0]).toEqual(['Table', 'Unit', 'Row', 'Column', 'Value'])
    const check = (table: string, measure: string) => {
      const truth = sumBy(tally[measure], (d, b) => `${isoWeek(d)} ${b}`)
      const cells = rows.filter((r) => r[0] === table && r[2] !== 'Total' && r[3] !== 'Total')
      expect(cells.length).toBeGreaterThan(0)
      let hidden = 0
      for (const [, , row, column, value] of cells) {
        const n = truth[`${row} ${column}`] ?? 0
        if (value === 'hidden') {
          hidden += 1
          expect(n).toBeGreaterThan(0)
        } else expect(Number(value), `${table} ${row} ${column}`).toBe(n)
        if (n > 0 && n < 5) expect(value).toBe('hidden')
      }
      return hidden
    }
    expect(check('Loans', 'loans')).toBeGreaterThanOrEqual(2)
    expect(check('Check-ins', 'checkins')).toBe(0)
    expect(check('Renewals', 'renewals')).toBeGreaterThanOrEqual(1)
    expect(rows.find((r) => r[0] === 'Loans' && r[2] === 'Total' && r[3] === 'Total')?.[4]).toBe(
      '11',
    )
    expect(
      rows.find((r) => r[0] === 'Check-ins' && r[2] === 'Total' && r[3] === 'Total')?.[4],
    ).toBe('6')
    expect(rows.at(-1)?.[0]).toBe('Note')

    const registrations = parseCsv(
      (await c.get(`/staff/statistics/library.csv?section=registrations&${QUERY}`)).body,
    )
    const active = registrations.filter((r) => r[0]!.startsWith('Registrations in force'))
    expect(active.find((r) => r[2] === 'main' && r[3] === 'adult')?.[4]).toBe('8')
    expect(active.find((r) => r[2] === 'east' && r[3] === 'child')?.[4]).toBe('hidden')
  })

  it('refuses bad parameters with a 400 and a role without statistics.read with a 403', async () => {
    const c = new WebClient(app)
    await signInStaff(c, env().ctx, 'librarian')
    for (const bad of [
      'from=2026-02-30&to=2026-03-01',
      'from=2026-03-05&to=2026-03-01',
      `from=${START}&to=2026-03-15&grouping=year`,
      `from=${START}&to=2026-03-15&breakdown=patron`,
      'from=2020-01-01&to=2026-03-01&grouping=day',
    ]) {
      expect((await c.get(`/staff/statistics/library?${bad}`)).status, bad).toBe(400)
      expect((await c.get(`/staff/statistics/library.csv?section=holds&${bad}`)).status).toBe(400)
    }
    expect((await c.get(`/staff/statistics/library.csv?section=patrons&${QUERY}`)).status).toBe(400)
    const desk = new WebClient(app)
    await signInStaff(desk, env().ctx, 'circulation')
    expect((await desk.get(`/staff/statistics/library?${QUERY}`)).status).toBe(403)
    expect((await desk.get(`/staff/statistics/library.csv?section=holds&${QUERY}`)).status).toBe(
      403,
    )
    expect((await new WebClient(app).get(`/staff/statistics/library?${QUERY}`)).status).not.toBe(
      200,
    )
  })
})
