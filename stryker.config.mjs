// Mutation testing with Stryker: `npm run mutate` (scripts/mutate.ts) runs it and then prints
// the score per folder. A developer tool, not a CI step: on two cores the whole scope takes
// many hours. See "Contributing" in the README.

import { readFileSync } from 'node:fs'

/** The code that enforces the promises (design.md §1): the default scope of `npm run mutate`. */
export const PROMISE_CODE = [
  'src/privacy/**/*.ts',
  'src/patrons/**/*.ts',
  // Circulation: the parts that forget (P3) and that keep one item with one patron.
  'src/circulation/circ-support.ts',
  'src/circulation/fees.service.ts',
  'src/circulation/checkin.service.ts',
  'src/circulation/checkout.service.ts',
  'src/circulation/holds.service.ts',
  'src/circulation/counts.ts',
  'src/sip2/codec/**/*.ts',
  'src/web/security.ts',
  'src/staff/roles.ts',
]

/**
 * Where this run's reports go. scripts/mutate.ts gives each scope its own folder
 * (reports/mutation/<scope>/), so the runs of several folders can be combined into one score.
 */
const REPORTS = process.env.CARREL_MUTATE_REPORTS ?? 'reports/mutation/all'

/** Whether static mutants are tested too (see ignoreStatic below). */
const STATIC = process.env.CARREL_MUTATE_STATIC === 'on'

/** Never mutated: table row types (nothing runs in them). scripts/mutate.ts adds the same. */
const NEVER_MUTATED = ['!src/**/*.tables.ts']

/**
 * `npm run mutate -- --unmeasured` names the mutants no report has a result for yet, as Stryker
 * mutate ranges in a JSON file (scripts/mutation-reports.ts); the run then plants only those.
 */
const RANGES = process.env.CARREL_MUTATE_RANGES
const MUTATE =
  RANGES === undefined
    ? [...PROMISE_CODE, ...NEVER_MUTATED]
    : /** @type {string[]} */ (JSON.parse(readFileSync(RANGES, 'utf8')))

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  $schema: './node_modules/@stryker-mutator/core/schema/stryker-schema.json',
  packageManager: 'npm',
  mutate: MUTATE,

  testRunner: 'vitest',
  // The whole suite minus the browser tests, with the PostgreSQL globalSetup kept.
  vitest: { configFile: 'vitest.mutate.config.ts', related: true },
  // Each mutant runs only the tests that executed its code in the first (dry) run.
  coverageAnalysis: 'perTest',
  // Static mutants (planted in code that runs while a module loads: the data inventory, the
  // retention schedule, the role table) need every module reloaded and every test rerun, one
  // mutant at a time: hours each on two cores. They are left out unless CARREL_MUTATE_STATIC=on
  // (vitest.mutate.config.ts then reloads the modules for each test file); the tables they
  // would change are stated in tests of their own (test/staff/role-table.test.ts and others).
  ignoreStatic: !STATIC,

  // The TypeScript checker would throw out mutants that do not compile before testing them, but on
  // two cores it checks about twenty a minute and holds up the test runners. It is off unless
  // asked for (`npm run mutate -- --checkers typescript`): a mutant that does not compile is then
  // tested like any other, and scripts/mutation-score.ts type-checks the ones no test detected,
  // leaving those that do not compile out of the score as the checker would have.
  checkers: [],
  tsconfigFile: 'tsconfig.json',

  // Two cores: two workers, each a Vitest with one thread and its own PostgreSQL cluster.
  concurrency: 2,
  // The first run covers the suite on both engines; the database tests are not quick.
  dryRunTimeoutMinutes: 30,
  timeoutMS: 10_000,

  // live-log (scripts/stryker-live-log.mjs) writes each outcome as it comes, so survivors can be
  // worked on before the run ends.
  plugins: ['@stryker-mutator/*', './scripts/stryker-live-log.mjs'],
  reporters: ['clear-text', 'html', 'json', 'progress', 'live-log'],
  clearTextReporter: { allowColor: true, logTests: false, reportTests: false },
  htmlReporter: { fileName: `${REPORTS}/mutation.html` },
  jsonReporter: { fileName: `${REPORTS}/mutation.json` },

  // Off by default; `npm run mutate -- --incremental` reuses the last run's results for
  // unchanged code and tests. It cannot see changes outside the mutated files and the test
  // files (a harness, a migration): a score from a run carried on across such a change says so.
  // A stopped run carries on the same way (scripts/stryker-live-log.mjs keeps the file up to date).
  incremental: false,
  incrementalFile: `${REPORTS}/incremental.json`,

  // Not needed by any test: kept out of the sandbox copies.
  ignorePatterns: ['dist', 'data', 'coverage', '.ci', '.test-build'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
}
