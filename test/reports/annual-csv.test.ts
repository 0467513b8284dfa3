// The annual report as CSV and as a terminal table: every cell quoted, a cell that would run as a
// spreadsheet formula defused, an unknown number an empty cell (never 0).
import { describe, expect, it } from 'vitest'
import { annualCsv, annualTable } from '../../src/reports/annual-csv.js'
import type { AnnualReport } from '../../src/reports/annual-report.js'

const report = (label: string, method: string): AnnualReport => ({
  period: { from: '2025-07-01', to: '2026-06-30', fiscalYear: 2026 },
  rows: [
    { field: 'TOTCIR', label, value: 1234, method, source: 'circulation', sourceLabel: 'x' },
    { field: 'WIFISESS', label: 'Wi-Fi', value: null, method: 'Not recorded', source: 'none', sourceLabel: 'y' },
  ],
})

describe('annual report CSV', () => {
  it('quotes every cell, doubles quotes, and leaves an unknown number empty', () => {
    const csv = annualCsv(report('Total "circulation"', 'Checkouts, renewals'))
    expect(csv.startsWith('\uFEFF')).toBe(true)
    expect(csv.slice(1).split('\r\n')).toEqual([
      '"field","label","value","method"',
      '"TOTCIR","Total ""circulation""","1234","Checkouts, renewals"',
      '"WIFISESS","Wi-Fi","","Not recorded"',
      '',
    ])
  })

  it('defuses cells a spreadsheet would run as formulas', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      const csv = annualCsv(report(`${start}HYPERLINK("http://evil.example")`, `${start}1+1`))
      const line = csv.split('\r\n')[1] ?? ''
      expect(line).toContain(`"'${start}HYPERLINK(""http://evil.example"")"`)
      expect(line).toContain(`"'${start}1+1"`)
    }
  })

  it('lines the terminal table up, with words for a number Carrel cannot know', () => {
    expect(annualTable(report('Total circulation', 'm'), 'Not counted')).toBe(
      'TOTCIR    Total circulation         1234\nWIFISESS  Wi-Fi              Not counted\n',
    )
  })
})
