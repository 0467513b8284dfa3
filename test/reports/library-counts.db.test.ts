import { expect, it } from 'vitest'
import {
  activeRegistrations,
  measureTable,
  MEASURES,
  type Measure,
} from '../../src/reports/library-counts.js'
import { checkReportQuery, librarySection } from '../../src/reports/library-report.js'
import type { CountTable } from '../../src/reports/suppression.js'
import { describeEngines } from '../harness/engines.js'
import { seedActivity, START, sumBy } from './seed-activity.js'

const RANGE = { from: START, to: '2026-03-15' }

/** The non-zero cells of a table as "row column" → count. */
function cellsOf(t: CountTable): Record<string, number> {
  const out: Record<string, number> = {}
  t.rows.forEach((r, i) =>
    t.columns.forEach((c, j) => {
      if (t.cells[i]![j]! !== 0) out[`${r} ${c}`] = t.cells[i]![j]!
    }),
  )
  return out
}

describeEngines('library statistics queries', (env) => {
  // One seeded fortnight per engine, read by every test.
  let seeded: ReturnType<typeof seedActivity> | undefined
  const seed = () => (seeded ??= seedActivity(env()))

  it('count, by day and by each breakdown, exactly the acts made through the services', async () => {
    const { tally } = await seed()
    const { ctx } = env()
    const measures = Object.keys(tally) as Measure[]
    expect(measures.length).toBe(8)
    for (const m of measures) {
      const dims = MEASURES[m].dims as Record<string, string>
      const byBranch = await measureTable(ctx.db, m, RANGE, 'day', 'branch')
      expect(cellsOf(byBranch), m).toEqual(sumBy(tally[m], (d, b) => `${d} ${b}`))
      const total = await measureTable(ctx.db, m, RANGE, 'day', 'none')
      expect(total.columns).toEqual(['count'])
      expect(cellsOf(total), m).toEqual(sumBy(tally[m], (d) => `${d} count`))
      if (dims.patron_category !== undefined) {
        const byCategory = await measureTable(ctx.db, m, RANGE, 'day', 'patron_category')
        expect(cellsOf(byCategory), m).toEqual(sumBy(tally[m], (d, _b, c) => `${d} ${c}`))
      }
    }
    // Every day of the range is a row, counted or not.
    expect((await measureTable(ctx.db, 'loans', RANGE, 'day', 'none')).rows).toHaveLength(14)
  })

  it('groups by ISO week and month, and counts active registrations by branch and category', async () => {
    const { tally } = await seed()
    const { ctx } = env()
    const weekly = await measureTable(ctx.db, 'loans', RANGE, 'week', 'branch')
    expect(weekly.rows).toEqual(['2026-W10', '2026-W11'])
    expect(cellsOf(weekly)).toEqual({ '2026-W10 main': 8, '2026-W10 east': 2, '2026-W11 main': 1 })
    const monthly = await measureTable(ctx.db, 'loans', RANGE, 'month', 'item_type')
    expect(cellsOf(monthly)).toEqual({ '2026-03 book': 11 })
    expect(Object.values(tally.loans ?? {}).reduce((a, b) => a + b, 0)).toBe(11)
    const active = await activeRegistrations(ctx.db, RANGE.to)
    expect(cellsOf(active)).toEqual({ 'east child': 2, 'main adult': 8 })
    // Before anyone was registered, nobody is counted.
    expect(cellsOf(await activeRegistrations(ctx.db, '2026-03-01'))).toEqual({})
  })

  it('suppresses every table it publishes: small counts and what would give them away', async () => {
    await seed()
    const { ctx } = env()
    const q = checkReportQuery({ ...RANGE, grouping: 'month', breakdown: 'branch' })
    const circulation = await librarySection(ctx.db, 'circulation', q, 5)
    const loans = circulation.tables.find((t) => t.id === 'loans')!.shown
    expect(loans.columns).toEqual(['east', 'main'])
    // East's two loans are hidden; main's nine with them (the row total would give them away).
    expect(loans.cells).toEqual([[null, null]])
    expect(loans.rowTotals).toEqual([11])
    expect(loans.total).toBe(11)
    const open = await librarySection(ctx.db, 'circulation', q, 1)
    expect(open.tables.find((t) => t.id === 'loans')!.shown.cells).toEqual([[2, 9]])
    const holds = await librarySection(ctx.db, 'holds', q, 5)
    expect(holds.tables.map((t) => [t.id, t.shown.total])).toEqual([
      ['holdsPlaced', null],
      ['holdsFilled', null],
    ])
  })

  it('refuses bad parameters with stable codes', () => {
    const code = (raw: Record<string, string>) => {
      try {
        checkReportQuery(raw)
        return 'accepted'
      } catch (e) {
        return (e as { code: string }).code
      }
    }
    expect(code({ from: '2026-02-30', to: '2026-03-01' })).toBe('REPORT_BAD_DATE')
    expect(code({ from: '2026-03-02' })).toBe('REPORT_BAD_DATE')
    expect(code({ from: '2026-03-02', to: '2026-03-01' })).toBe('REPORT_BAD_RANGE')
    expect(code({ ...RANGE, grouping: 'year' })).toBe('REPORT_BAD_GROUPING')
    expect(code({ ...RANGE, breakdown: 'patron' })).toBe('REPORT_BAD_BREAKDOWN')
    expect(code({ from: '2025-01-01', to: '2026-03-01', grouping: 'day' })).toBe(
      'REPORT_RANGE_TOO_LONG',
    )
    expect(code({ from: '2025-01-01', to: '2026-03-01', grouping: 'week' })).toBe('accepted')
  })
})
