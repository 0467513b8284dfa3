/**
 * `npm run mutate`: Stryker over the code that enforces the promises (stryker.config.mjs), then
 * the score per folder (scripts/mutation-score.ts).
 *
 *   npm run mutate                                  the whole default scope
 *   npm run mutate -- src/sip2/codec                one folder (every .ts file under it)
 *   npm run mutate -- src/web/security.ts src/staff/roles.ts
 *   npm run mutate -- src/patrons --incremental     paths first, then any Stryker option
 *
 * Leading arguments are folders or files to mutate; everything from the first option on is
 * passed to `stryker run` unchanged (so `--mutate '<glob>'` works too).
 *
 * Each scope keeps its reports in its own folder, reports/mutation/<scope>/ ("all" for the whole
 * default scope, otherwise named after the paths), so the whole scope can be measured one folder
 * at a time, each with its own `--incremental` history; after every run the score of each scope
 * is printed, then the combined score over every report there (each source file counted once,
 * from its newest report).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { printCombined, printScores, REPORTS_ROOT } from './mutation-score.js'

/** Same exclusion as stryker.config.mjs: table row types are never mutated. */
const NEVER_MUTATED = '!src/**/*.tables.ts'

const args = process.argv.slice(2)
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
const mutate = globs.length > 0 ? ['--mutate', [...globs, NEVER_MUTATED].join(',')] : []
const scope =
  paths.length === 0
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

const started = Date.now()
const stryker = spawnSync(
  join('node_modules', '.bin', 'stryker'),
  ['run', 'stryker.config.mjs', ...mutate, ...options],
  { stdio: 'inherit', env: { ...process.env, CARREL_MUTATE_REPORTS: reports } },
)
const minutes = ((Date.now() - started) / 60_000).toFixed(1)

if (stryker.status === 0 && existsSync(report) && statSync(report).mtimeMs >= started) {
  printScores(report)
  console.log(`\nWall-clock time: ${minutes} min. Report: ${join(reports, 'mutation.html')}`)
  printCombined(REPORTS_ROOT)
}
process.exit(stryker.status ?? 1)
