// The mutation runs' reports add up mutant by mutant: for each file only the reports made from
// its current text count, the newest result of a mutant wins, and what no report has a result
// for is planned as Stryker mutate ranges for `npm run mutate -- --unmeasured`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  combine,
  filesOf,
  unmeasuredPatterns,
  type DatedReport,
  type ReportMutant,
} from '../../scripts/mutation-reports.js'

const at = (line: number, column: number, status: string, mutatorName = 'EqualityOperator') =>
  ({
    mutatorName,
    replacement: 'a >= 1',
    status,
    location: { start: { line, column }, end: { line, column: column + 5 } },
  }) satisfies ReportMutant

const dated = (atMs: number, source: string, mutants: ReportMutant[]): DatedReport => ({
  path: `r${atMs}`,
  at: atMs,
  report: { files: { 'src/x.ts': { source, mutants } } },
})

describe('combining mutation reports', () => {
  it('takes the newest result of each mutant from reports of the current text only', () => {
    const now = 'export const f = (a: number) => a > 1\n'
    const { report, stale } = combine(
      [
        dated(3, now, [at(1, 33, 'Killed'), at(1, 40, 'Pending')]),
        dated(1, now, [at(1, 33, 'Survived'), at(1, 20, 'NoCoverage')]),
        dated(2, 'older text', [at(1, 40, 'Killed'), at(1, 50, 'Survived')]),
      ],
      (file) => (file === 'src/x.ts' ? now : undefined),
    )
    const byPlace = Object.fromEntries(
      report.files['src/x.ts']!.mutants.map((m) => [
        `${m.location.start.line}:${m.location.start.column}`,
        m.status,
      ]),
    )
    // The newer report's Killed replaces the older Survived; a mutant not reached yet is no result;
    // the report of older text counts for nothing.
    expect(byPlace).toEqual({ '1:33': 'Killed', '1:20': 'NoCoverage' })
    expect(stale).toBe(2)

    const gone = combine([dated(1, now, [at(1, 33, 'Killed')])], () => undefined)
    expect(gone.report.files).toEqual({})
    expect(gone.stale).toBe(1)
  })

  it('reads the scope folders and single files of the configuration, never table types', () => {
    const tracked = [
      'src/privacy/crypto.ts',
      'src/privacy/retention/sweeps.ts',
      'src/privacy/privacy.tables.ts',
      'src/privacyish/other.ts',
      'src/web/security.ts',
      'src/web/app.ts',
      'src/privacy/notes.md',
    ]
    expect(filesOf(['src/privacy/**/*.ts', 'src/web/security.ts'], tracked)).toEqual([
      'src/privacy/crypto.ts',
      'src/privacy/retention/sweeps.ts',
      'src/web/security.ts',
    ])
    expect(() => filesOf(['src/*/x.ts'], tracked)).toThrow(/not understood/)
  })
})

describe('planning the unmeasured mutants', () => {
  const dir = mkdtempSync(join(tmpdir(), 'carrel-mutants-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('lists as mutate ranges every mutant no report has a result for', async () => {
    const file = relative(process.cwd(), join(dir, 'x.ts'))
    const text = 'export function f(a: number): boolean {\n  return a > 1\n}\n'
    writeFileSync(file, text)
    const all = await unmeasuredPatterns([file], { files: {} })
    expect(all.total).toBeGreaterThan(3)
    expect(all.patterns).toHaveLength(all.total)
    // The function body's block: from line 1 after the signature to the closing brace.
    expect(all.patterns).toContain(`${file}:1:38-3:1`)
    // `a > 1` on line 2, columns counted from 0 as Stryker's ranges take them.
    expect(all.patterns).toContain(`${file}:2:9-2:14`)

    // A report (lines and columns from 1) that has the `a > 1` mutants leaves the rest.
    const measured = {
      files: {
        [file]: {
          source: text,
          mutants: [
            { ...at(2, 10, 'Killed', 'EqualityOperator'), replacement: 'a >= 1' },
            { ...at(2, 10, 'Killed', 'EqualityOperator'), replacement: 'a <= 1' },
            { ...at(2, 10, 'Survived', 'ConditionalExpression'), replacement: 'true' },
            { ...at(2, 10, 'Killed', 'ConditionalExpression'), replacement: 'false' },
          ],
        },
      },
    }
    const left = await unmeasuredPatterns([file], measured)
    expect(left.total).toBe(all.total)
    expect(left.patterns).toHaveLength(all.total - 4)
    expect(left.patterns).not.toContain(`${file}:2:9-2:14`)
    expect(left.patterns).toContain(`${file}:1:38-3:1`)
  })
})
