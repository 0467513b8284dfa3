/**
 * `npm run mutate`: Stryker over the code that enforces the promises (stryker.config.mjs), then
 * the score per folder (scripts/mutation-score.ts).
 *
 *   npm run mutate                                  the whole default scope
 *   npm run mutate -- src/sip2/codec                one folder (every .ts file under it)
 *   npm run mutate -- src/web/security.ts src/staff/roles.ts
 *   npm run mutate -- src/patrons --incremental     paths first, then any Stryker option
 *   npm run mutate -- --unmeasured                  only the mutants no report has a result for
 *   npm run mutate -- src/patrons --unmeasured      the same within some paths
 *
 * Leading arguments are folders or files to mutate; everything from the first option on is
 * passed to `stryker run` unchanged (so `--mutate '<glob>'` works too).
 *
 * Each scope keeps its reports in its own folder, reports/mutation/<scope>/ ("all" for the whole
 * default scope, otherwise named after the paths), so the whole scope can be measured one folder
 * at a time, each with its own `--incremental` history; after every run the score of each scope
 * is printed, then the combined score over every report there, mutant by mutant
 * (scripts/mutation-reports.ts).
 *
 * `--unmeasured` plants only the mutants of the current code (in the default scope, or in the
 * paths given) that no report under reports/mutation/ has a result for: what runs stopped
 * part-way left, and what changed code needs measured again. Each such run reports to its own
 * folder, reports/mutation/unmeasured-<date>-<time>/ (UTC).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PROMISE_CODE } from '../stryker.config.mjs'
import {
  combine,
  currentText,
  filesOf,
  readReports,
  unmeasuredPatterns,
} from './mutation-reports.js'
import { printCombined, printScores, REPORTS_ROOT } from './mutation-score.js'

/** Same exclusion as stryker.config.mjs: table row types are never mutated. */
const NEVER_MUTATED = '!src/**/*.tables.ts'

const given = process.argv.slice(2)
const unmeasured = given.includes('--unmeasured')
const args = given.filter((a) => a !== '--unmeasured')
const firstOption = args.findIndex((a) => a.startsWith('-'))
const paths = firstOption === -1 ? args : args.slice(0, firstOption)
const options = firstOption === -1 ? [] : args.slice(firstOption)

const globs = paths.map((p) => {
  if (!existsSync(p)) {
    console.error(`npm run mutate: ${p} does not exist`)
    process.exit(2)
  }
  return statSync(p).isDirectory() ? `${p.replace(/\/+$/, '')}/**/*.ts` : p
})
// Each --unmeasured run keeps its own folder: a run started afresh empties its folder, and the
// results of the runs before it are what tells this one what is left.
const scope = unmeasured
  ? `unmeasured-${new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-')}`
  : paths.length === 0
    ? 'all'
    : paths
        .map((p) =>
          p
            .replace(/\/+$/, '')
            .replace(/\.ts$/, '')
            .replace(/^src\//, ''),
        )
        .join('+')
        .replace(/[^A-Za-z0-9+.-]+/g, '-')
const reports = join(REPORTS_ROOT, scope)
const report = join(reports, 'mutation.json')

let mutate: string[] = globs.length > 0 ? ['--mutate', [...globs, NEVER_MUTATED].join(',')] : []
const env: NodeJS.ProcessEnv = { ...process.env, CARREL_MUTATE_REPORTS: reports }
if (unmeasured) {
  const tracked = execFileSync('git', ['ls-files', 'src'], { encoding: 'utf8' }).split('\n')
  const inScope = filesOf(PROMISE_CODE, tracked)
  const files =
    paths.length === 0
      ? inScope
      : inScope.filter((f) =>
          paths.some((p) => f === p || f.startsWith(`${p.replace(/\/+$/, '')}/`)),
        )
  const { report: measured } = combine(readReports(REPORTS_ROOT), currentText)
  const { patterns, total } = await unmeasuredPatterns(files, measured)
  console.log(
    `${patterns.length} of the ${total} mutants in ${files.length} file(s) have no result in any report.`,
  )
  if (patterns.length === 0) process.exit(0)
  mkdirSync(reports, { recursive: true })
  const ranges = join(reports, 'ranges.json')
  writeFileSync(ranges, JSON.stringify(patterns))
  env.CARREL_MUTATE_RANGES = ranges
  mutate = []
}

const started = Date.now()
const stryker = spawnSync(
  join('node_modules', '.bin', 'stryker'),
  ['run', 'stryker.config.mjs', ...mutate, ...options],
  { stdio: 'inherit', env },
)
const minutes = ((Date.now() - started) / 60_000).toFixed(1)

if (stryker.status === 0 && existsSync(report) && statSync(report).mtimeMs >= started) {
  printScores(report)
  console.log(`\nWall-clock time: ${minutes} min. Report: ${join(reports, 'mutation.html')}`)
  printCombined(REPORTS_ROOT)
}
process.exit(stryker.status ?? 1)
