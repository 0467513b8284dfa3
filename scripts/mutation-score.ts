/**
 * Reads Stryker's JSON report and prints the mutation score per folder, then every mutant that
 * no test noticed. Run by `npm run mutate` after Stryker; on its own:
 * `npx tsx scripts/mutation-score.ts [reports/mutation/<scope>/mutation.json]`, or with no
 * argument the combined score of every scope's report under reports/mutation/.
 *
 * Score = (killed + timed out) / (killed + timed out + survived + not covered), as Stryker
 * counts it: mutants that did not compile or were ignored are left out.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { explains, LIST, readList } from './equivalent-mutants.js'
import { MutantChecker } from './mutant-compiles.js'
import { combine, currentText, projectPath, readReports, type Report } from './mutation-reports.js'

/** One folder per scope below this: reports/mutation/<scope>/mutation.json. */
export const REPORTS_ROOT = 'reports/mutation'

interface Tally {
  killed: number
  timeout: number
  survived: number
  noCoverage: number
  /** Undetected, but would not have compiled: left out of the score (see mutant-compiles.ts). */
  uncompilable: number
}

const emptyTally = (): Tally => ({
  killed: 0,
  timeout: 0,
  survived: 0,
  noCoverage: 0,
  uncompilable: 0,
})

const score = (t: Tally): number | undefined => {
  const detected = t.killed + t.timeout
  const valid = detected + t.survived + t.noCoverage
  return valid === 0 ? undefined : (100 * detected) / valid
}

const percent = (t: Tally): string => {
  const s = score(t)
  return s === undefined ? 'n/a' : `${s.toFixed(2)}%`
}

function count(tally: Tally, status: string): void {
  if (status === 'Killed') tally.killed++
  else if (status === 'Timeout') tally.timeout++
  else if (status === 'Survived') tally.survived++
  else if (status === 'NoCoverage') tally.noCoverage++
}

export function printScores(path: string): void {
  printReport(JSON.parse(readFileSync(path, 'utf8')) as Report)
}

/**
 * The score over every scope's reports under `root`, mutant by mutant: for each file, the newest
 * result of each mutant among the reports made from the file's current text (see
 * scripts/mutation-reports.ts), so runs stopped part-way or aimed at a few lines add up.
 */
export function printCombined(root: string = REPORTS_ROOT): void {
  const reports = readReports(root)
  if (reports.length === 0) {
    console.error(`No reports under ${root}: run \`npm run mutate\` first.`)
    process.exitCode = 1
    return
  }
  const { report, stale } = combine(reports, currentText)
  console.log(`\nCombined over ${reports.length} report(s) in ${root}:`)
  if (stale > 0)
    console.log(`(${stale} results left out: their files have changed since they were measured)`)
  printReport(report)
}

function printReport(report: Report): void {
  const folders = new Map<string, Tally>()
  const total = emptyTally()
  const missed: string[] = []
  const listed = readList()
  let explained = 0
  let checker: MutantChecker | undefined

  for (const [name, file] of Object.entries(report.files)) {
    const file_ = projectPath(name)
    const folder = dirname(file_)
    const tally = folders.get(folder) ?? emptyTally()
    folders.set(folder, tally)
    for (const m of file.mutants) {
      const undetected = m.status === 'Survived' || m.status === 'NoCoverage'
      if (
        undetected &&
        file.source !== undefined &&
        m.replacement !== undefined &&
        m.location.end !== undefined
      ) {
        checker ??= new MutantChecker()
        const compiles = checker.compiles({
          file: file_,
          source: file.source,
          replacement: m.replacement,
          location: { start: m.location.start, end: m.location.end },
        })
        if (!compiles) {
          tally.uncompilable++
          total.uncompilable++
          continue
        }
      }
      count(tally, m.status)
      count(total, m.status)
      if (undetected) {
        const where = `${file_}:${m.location.start.line}:${m.location.start.column}`
        const what = (m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 60)
        const known = explains(listed, {
          file: file_,
          line: m.location.start.line,
          mutatorName: m.mutatorName,
          source: file.source,
        })
        if (known) explained++
        missed.push(
          `  ${known ? 'listed' : 'NEW   '}  ${where}  ${m.status === 'Survived' ? 'survived' : 'no coverage'}  ${m.mutatorName}  ${what}`,
        )
      }
    }
  }

  const rows = [...folders.entries()].sort(([a], [b]) => a.localeCompare(b))
  const width = Math.max(12, ...rows.map(([f]) => f.length))
  const cells = (t: Tally) =>
    [t.killed, t.timeout, t.survived, t.noCoverage, t.uncompilable].map((n, i) =>
      String(n).padStart([6, 7, 8, 8, 13][i]!),
    )
  const line = (name: string, t: Tally) =>
    `${name.padEnd(width)}  ${percent(t).padStart(7)}  ${cells(t).join('  ')}`

  console.log('\nMutation score per folder')
  console.log(
    `${'folder'.padEnd(width)}  ${'score'.padStart(7)}  killed  timeout  survived  no cover  not compiling`,
  )
  for (const [folder, t] of rows) console.log(line(folder, t))
  console.log(line('all', total))
  console.log(
    '(not compiling: undetected mutants that the TypeScript checker would have thrown out; left out of the score)',
  )
  if (missed.length > 0) {
    console.log(
      `\nNot detected by any test (${missed.length}): ${explained} listed in ${LIST} with the reason, ${missed.length - explained} new`,
    )
    for (const m of missed) console.log(m)
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = process.argv[2]
  if (path === undefined) printCombined()
  else if (!existsSync(path)) {
    console.error(`${path} not found: run \`npm run mutate\` first.`)
    process.exit(1)
  } else printScores(path)
}
