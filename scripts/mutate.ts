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
 */
import { spawnSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { printScores, REPORT } from './mutation-score.js'

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

const started = Date.now()
const stryker = spawnSync(
  join('node_modules', '.bin', 'stryker'),
  ['run', 'stryker.config.mjs', ...mutate, ...options],
  { stdio: 'inherit' },
)
const minutes = ((Date.now() - started) / 60_000).toFixed(1)

if (stryker.status === 0 && existsSync(REPORT) && statSync(REPORT).mtimeMs >= started) {
  printScores(REPORT)
  console.log(`\nWall-clock time: ${minutes} min. Report: reports/mutation/mutation.html`)
}
process.exit(stryker.status ?? 1)
